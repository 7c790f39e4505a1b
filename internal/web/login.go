package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/loginlimit"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// loginPage is the login form's data.
type loginPage struct {
	Next     string
	Username string
	Failed   bool
	Token    string // the double-submit token, also in the pressroom_login cookie
	// RetrySeconds, when not 0, says that failed logins are throttled and
	// for how many more seconds; RetryMinutes is the same rounded up.
	RetrySeconds, RetryMinutes int
}

// deviceCookie holds the token of a browser that logged in to an account
// before: the account's lock after failed logins does not apply to it
// (package loginlimit).
const deviceCookie = "pressroom_device"

// loginTokenAge is how long a login form stays usable.
const loginTokenAge = 2 * time.Hour

// dummyHash is checked when the username is unknown, so that a wrong
// username takes as long as a wrong password and usernames cannot be probed
// by timing.
const dummyHash = "$2a$10$qOwMig6lUCAqOwzrjJr5QOmkx445NHRoNXanCZaYkgAW8x0THJ3Gy"

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	next := localRedirect(r.URL.Query().Get("next"), "/")
	if c.sess != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	return s.renderLogin(w, r, c, http.StatusOK, loginPage{Next: next})
}

// renderLogin shows the form with a fresh double-submit token: the login
// form has no session to hold a synchronizer token, so the token lives in a
// cookie and the form, and a cross-site page can set neither.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, p loginPage) error {
	tok, err := newSecret()
	if err != nil {
		return err
	}
	s.setCookie(w, r, loginCookie, tok, loginTokenAge)
	p.Token = tok
	s.render(w, r, c, status, "login", c.loc.T("LoginTitle"), p)
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := parseForm(r); err != nil {
		return err
	}
	ck, err := r.Cookie(loginCookie)
	if err != nil || sameToken(r.PostFormValue("csrf"), ck.Value) != nil {
		return errCSRF
	}
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := localRedirect(r.PostFormValue("next"), "/")
	client := clientAddr(r, s.cfg.TrustedProxies)
	att := loginlimit.Attempt{Account: auth.LoginName(username), Address: client}
	if ck, err := r.Cookie(deviceCookie); err == nil {
		att.Device = ck.Value
	}
	if wait := s.loginWait(r.Context(), att); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		s.log.Info("login throttled", "username", username, "remote", client, "retry_after", secs)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		return s.renderLogin(w, r, c, http.StatusTooManyRequests, loginPage{Next: next, Username: username, RetrySeconds: secs, RetryMinutes: (secs + 59) / 60})
	}
	u, err := auth.UserByLogin(r.Context(), s.st.Queries, username)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	hash := dummyHash
	if err == nil && u.Active {
		hash = u.PasswordHash
	}
	if !auth.CheckPassword(hash, password) || err != nil || !u.Active {
		s.log.Info("login failed", "username", username, "remote", client)
		if l := s.cfg.LoginLimiter; l != nil {
			if err := l.Failed(r.Context(), att); err != nil {
				s.log.Warn("login limit: record a failure", "err", err)
			}
		}
		return s.renderLogin(w, r, c, http.StatusUnauthorized, loginPage{Next: next, Username: username, Failed: true})
	}
	if l := s.cfg.LoginLimiter; l != nil {
		if dev, err := l.Succeeded(r.Context(), att); err != nil {
			s.log.Warn("login limit: record a success", "err", err)
		} else {
			s.setCookie(w, r, deviceCookie, dev, l.DeviceTTL())
		}
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	s.clearCookie(w, r, loginCookie)
	if n, err := s.st.DeleteExpiredSessions(r.Context()); err != nil {
		s.log.Warn("delete expired sessions", "err", err)
	} else if n > 0 {
		s.log.Debug("deleted expired sessions", "n", n)
	}
	s.log.Info("logged in", "user", u.Username)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// loginWait is how long a login attempt must wait (0: check the password).
// If Redis cannot be reached the attempt goes ahead, logged: the limiter
// slows guessing down, it must not lock everybody out.
func (s *Server) loginWait(ctx context.Context, att loginlimit.Attempt) time.Duration {
	l := s.cfg.LoginLimiter
	if l == nil {
		return 0
	}
	wait, err := l.Check(ctx, att)
	if err != nil {
		s.log.Warn("login limit unavailable; checking the password unthrottled", "err", err)
		return 0
	}
	return wait
}
