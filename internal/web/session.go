package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

const (
	sessionCookie = "pressroom_session"
	loginCookie   = "pressroom_login" // the login form's double-submit token
	// sessionIdle ends a session nobody used for this long; sessionMax ends
	// every session eventually. touchEvery limits the writes that keep an
	// active session alive to one per few minutes.
	sessionIdle = 24 * time.Hour
	sessionMax  = 7 * 24 * time.Hour
	touchEvery  = 5 * time.Minute
)

// newSecret returns 32 random bytes, base64url-encoded: a session id or a
// CSRF token.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashSession is how a session id is stored: SHA-256 suffices for 256
// random bits, and a leaked database row cannot be replayed as a cookie.
func hashSession(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:])
}

func principal(u store.User) auth.Principal {
	name := u.Name
	if name == "" {
		name = u.Username
	}
	return auth.Principal{ID: u.ID, Name: name, Role: u.Role, Langs: u.Langs}
}

// load reads the session cookie and picks the answer's language: the user's
// setting, else the browser's Accept-Language.
func (s *Server) load(w http.ResponseWriter, r *http.Request) (*reqCtx, error) {
	c := &reqCtx{}
	var err error
	if ck, cerr := r.Cookie(sessionCookie); cerr == nil && ck.Value != "" {
		err = s.loadSession(w, r, c, ck.Value)
	}
	c.loc = s.cfg.Bundle.Localizer(c.user.UILang, r.Header.Get("Accept-Language"))
	c.fmt = newFormatter(c.loc)
	return c, err
}

func (s *Server) loadSession(w http.ResponseWriter, r *http.Request, c *reqCtx, id string) error {
	hash := hashSession(id)
	sess, u, err := s.st.SessionUser(r.Context(), hash)
	if errors.Is(err, store.ErrNotFound) {
		s.clearCookie(w, r, sessionCookie)
		return nil
	}
	if err != nil {
		return fmt.Errorf("load session: %w", err)
	}
	now := time.Now()
	if now.Sub(sess.SeenAt) > touchEvery {
		exp := now.Add(sessionIdle)
		if limit := sess.CreatedAt.Add(sessionMax); exp.After(limit) {
			exp = limit
		}
		if err := s.st.TouchSession(r.Context(), hash, exp); err != nil {
			s.log.Warn("touch session", "err", err)
		}
	}
	c.sess, c.user, c.who = &sess, u, principal(u)
	return nil
}

// startSession creates a session for u and sets its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u store.User) error {
	id, err := newSecret()
	if err != nil {
		return err
	}
	csrf, err := newSecret()
	if err != nil {
		return err
	}
	sess := store.Session{IDHash: hashSession(id), UserID: u.ID, CSRF: csrf, ExpiresAt: time.Now().Add(sessionIdle)}
	if err := s.st.CreateSession(r.Context(), &sess); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	s.setCookie(w, r, sessionCookie, id, sessionMax)
	return nil
}

// secureRequest reports whether the browser reached us over https (directly
// or through a proxy that says so); cookies are then marked Secure.
func (s *Server) secureRequest(r *http.Request) bool {
	return s.secure || r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureRequest(r)})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureRequest(r)})
}

// checkCSRF compares the request's token (the X-CSRF-Token header of the
// script's calls, or the csrf field of a form) with the session's.
func (s *Server) checkCSRF(r *http.Request, c *reqCtx) error {
	if c.sess == nil {
		return errCSRF
	}
	tok, err := requestToken(r)
	if err != nil {
		return err
	}
	return sameToken(tok, c.sess.CSRF)
}

// requestToken is the X-CSRF-Token header or, without it, the form's csrf
// field. A form body over the request limit is reported as such (413):
// r.PostFormValue would swallow the *http.MaxBytesError and the missing
// token would look like a forged request (403).
func requestToken(r *http.Request) (string, error) {
	if t := r.Header.Get("X-CSRF-Token"); t != "" {
		return t, nil
	}
	if err := parseForm(r); err != nil {
		return "", err
	}
	return r.PostFormValue("csrf"), nil
}

// parseForm parses a url-encoded or multipart body once (later
// FormValue calls reuse it) and returns the *http.MaxBytesError of a body
// over the limit; other parse errors are left to the missing token.
func parseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxFormMemory)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fmt.Errorf("form: %w", err)
	}
	return nil
}

// maxFormMemory is how much of a multipart form is kept in memory (the
// rest goes to temporary files), as net/http's default.
const maxFormMemory = 32 << 20

func sameToken(got, want string) error {
	if got == "" || want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errCSRF
	}
	return nil
}
