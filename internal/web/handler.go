package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// handlerFunc is a UI action. It returns an error instead of writing one, so
// that every failure is reported the same way (see fail).
type handlerFunc func(w http.ResponseWriter, r *http.Request, c *reqCtx) error

// reqCtx is what the adapter learnt about a request: who is asking and in
// which language to answer.
type reqCtx struct {
	sess *store.Session // nil when nobody is logged in
	user store.User
	who  auth.Principal
	loc  *i18n.Localizer
	fmt  formatter
}

func (s *Server) handle(a access, h handlerFunc) http.Handler { return s.adapt(a, true, h) }

// adapt loads the session, checks the CSRF token on unsafe methods (when
// checkToken), checks access, runs h and maps its error.
func (s *Server) adapt(a access, checkToken bool, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := s.load(w, r)
		if err == nil && c.sess == nil && a != public {
			err = errSignedOut
		}
		if err == nil && !a.allows(c.who) {
			err = errForbidden
		}
		if err == nil && checkToken && !safeMethod(r.Method) {
			httpjson.Limit(w, r, pipeline.MaxRequestBytes)
			err = s.checkCSRF(r, c)
		}
		if err == nil {
			setPageHeaders(w)
			err = h(w, r, c)
		}
		if err != nil {
			s.fail(w, r, c, err)
		}
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// setPageHeaders forbids framing and everything inline: the templates have
// no inline script or style, so a string that slipped through escaping
// still could not run.
func setPageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
}

// The UI's own refusals. Like the workflow's errors they are derrors
// values; their localised text is chosen by code (see errors.go).
var (
	errSignedOut = derrors.New(derrors.Unauthenticated, "signed_out", "signed out")
	errForbidden = derrors.New(derrors.Forbidden, "forbidden", "forbidden")
	errCSRF      = derrors.New(derrors.Forbidden, "csrf", "missing or wrong CSRF token")
)

// wantsJSON tells the script's fetch calls (Accept: application/json) from
// page loads and form posts.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// fail is the one place errors become responses: a redirect to the login
// page for a signed-out page load, JSON {"error": {code, message, detail}}
// for the script, an error page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, c *reqCtx, err error) {
	if c == nil || c.loc == nil {
		c = &reqCtx{loc: s.cfg.Bundle.Localizer(r.Header.Get("Accept-Language"))}
		c.fmt = newFormatter(c.loc)
	}
	if err == errSignedOut && !wantsJSON(r) && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if errors.Is(err, context.Canceled) {
		return // the browser went away
	}
	status := httpjson.Status(err)
	code, msg, detail := errorText(c.loc, err, status)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "web request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.log.DebugContext(r.Context(), "web request refused", "method", r.Method, "path", r.URL.Path, "status", status, "code", code)
	}
	if wantsJSON(r) {
		if seg, ok := detail.(store.Segment); ok {
			detail = segmentJSON(seg, s.nameOf(r.Context(), seg.UpdatedBy))
		}
		w.Header().Set("Cache-Control", "no-store")
		httpjson.WriteError(w, status, httpjson.ErrorFields{Code: code, Message: msg, Detail: detail})
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, c, status, "error", c.loc.T("ErrorTitle"), errorPage{Status: status, Message: msg})
}

type errorPage struct {
	Status  int
	Message string
}

func (s *Server) nameOf(ctx context.Context, id string) string {
	if id == "" {
		return ""
	}
	names, err := s.st.UserNames(ctx, []string{id})
	if err != nil {
		s.log.WarnContext(ctx, "look up user name", "err", err)
	}
	if n := names[id]; n != "" {
		return n
	}
	return id
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Cache-Control", "no-store")
	httpjson.Write(w, status, v)
}

// localRedirect returns next when it is a path on this site, else fallback:
// an open redirect would let a link to our login page send people anywhere.
func localRedirect(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return next
}
