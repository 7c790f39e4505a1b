package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// loginPage is the login form's data.
type loginPage struct {
	Next     string
	Username string
	Failed   bool
	Token    string // the double-submit token, also in the pressroom_login cookie
}

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
	ck, err := r.Cookie(loginCookie)
	if err != nil || sameToken(r.PostFormValue("csrf"), ck.Value) != nil {
		return errCSRF
	}
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := localRedirect(r.PostFormValue("next"), "/")
	u, err := auth.UserByLogin(r.Context(), s.st.Queries, username)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	hash := dummyHash
	if err == nil && u.Active {
		hash = u.PasswordHash
	}
	if !auth.CheckPassword(hash, password) || err != nil || !u.Active {
		s.log.Info("login failed", "username", username, "remote", r.RemoteAddr)
		return s.renderLogin(w, r, c, http.StatusUnauthorized, loginPage{Next: next, Username: username, Failed: true})
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
