// Package web is the translators' web UI: log in, the review queue, the
// segment editor, the editors' dashboard and user administration. It is
// server-rendered with html/template; one small embedded script (static/app.js,
// no build step) adds saving without reloads, keyboard commands, live updates
// and conflict resolution.
//
// Every route is a method route on a ServeMux of its own, one file per action.
// Handlers return an error and one adapter (handler.go) turns it into a page,
// a JSON error or a redirect to the login page. Sessions and CSRF protection
// live in session.go, soft claims in claims.go, live updates in live.go.
package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"
	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Config is what the UI needs from the rest of the process.
type Config struct {
	Pipeline *pipeline.Pipeline
	Bundle   *i18n.Bundle
	// Redis carries claims and live updates; the server owns it and closes it
	// in Close.
	Redis redis.UniversalClient
	// BaseURL is the public address; an https:// one makes cookies Secure.
	BaseURL string
	Log     *slog.Logger
	// QueueConn, when set, is the Asynq connection that asynqmon shows to
	// admins under /admin/queues/.
	QueueConn asynq.RedisConnOpt
	// Glossary, when set, highlights terms in the editor.
	Glossary Glossary
}

// Glossary finds the glossary terms in source segments, each with the
// translation it requires. The glossary issue provides one; until then the
// editor simply has no terms to highlight.
type Glossary interface {
	Terms(ctx context.Context, from, to string, sources []string) ([][]Term, error)
}

// Term is a glossary term found in a source segment.
type Term struct {
	Source string `json:"source"` // as it appears in the source text
	Target string `json:"target"` // the required translation
	Note   string `json:"note,omitempty"`
}

// Server is the web UI.
type Server struct {
	cfg     Config
	p       *pipeline.Pipeline
	st      *store.Store
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler
	tmpl    *templates
	static  *staticFiles
	live    *hub
	queues  *asynqmon.HTTPHandler // nil without QueueConn
	claims  *claims
	secure  bool
}

// New builds the UI and starts its live-update subscription.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	st, err := loadStatic()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:    cfg,
		p:      cfg.Pipeline,
		st:     cfg.Pipeline.Store(),
		log:    cfg.Log,
		mux:    http.NewServeMux(),
		static: st,
		secure: strings.HasPrefix(cfg.BaseURL, "https://"),
	}
	if s.tmpl, err = parseTemplates(template.FuncMap{"static": st.path}); err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	s.live = newHub(ctx, cfg.Redis, cfg.Log)
	if cfg.QueueConn != nil {
		s.queues = asynqmon.New(asynqmon.Options{RootPath: queuesPath, RedisConnOpt: cfg.QueueConn})
	}
	s.claims = &claims{rdb: cfg.Redis}
	s.routes()
	// Cross-origin protection (Go 1.25's Sec-Fetch-Site/Origin check) rejects
	// every cross-site unsafe request before it reaches a handler; the
	// per-session token checked in handler.go is the second line, for
	// browsers that send neither header.
	s.handler = http.NewCrossOriginProtection().Handler(s.mux)
	return s, nil
}

// Close stops live updates and closes the Redis client.
func (s *Server) Close() error {
	s.live.close()
	if s.queues != nil {
		_ = s.queues.Close()
	}
	return s.cfg.Redis.Close()
}

// Wrap serves the UI's routes and hands every other request to next. The UI
// cannot simply share the application's mux: "GET /editions/{id}" and the
// public site's "GET /{lang}/feed.atom" overlap on /editions/feed.atom with
// neither more specific, which ServeMux refuses. Asking the UI's own mux
// first gives its literal paths precedence.
func (s *Server) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := s.mux.Handler(r); pattern != "" {
			s.handler.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// SegmentChanged implements pipeline.SegmentListener: it pushes a segment
// someone edited or approved (in the UI or through the API) to the editors
// that have its edition open.
func (s *Server) SegmentChanged(ctx context.Context, by string, seg store.Segment) {
	names, err := s.st.UserNames(ctx, []string{by})
	if err != nil {
		s.log.Warn("live update: look up name", "err", err)
	}
	s.publish(ctx, seg.EditionID, liveEvent{Type: "segment", Segment: ptr(segmentJSON(seg, names[seg.UpdatedBy]))})
}

func ptr[T any](v T) *T { return &v }

// queuesPath is where asynqmon lives.
const queuesPath = "/admin/queues"

// Access levels of routes.
type access int

const (
	public     access = iota // anyone (log in)
	signedIn                 // any logged-in user
	editorial                // editors and admins
	adminsOnly               // admins
)

func (a access) allows(who auth.Principal) bool {
	switch a {
	case public, signedIn:
		return true
	case editorial:
		return who.Is(auth.Admin, auth.Editor)
	case adminsOnly:
		return who.Is(auth.Admin)
	}
	return false
}

func (s *Server) routes() {
	for _, r := range []struct {
		pattern string
		access  access
		h       handlerFunc
	}{
		{"GET /login", public, s.showLogin},
		{"POST /logout", signedIn, s.logout},
		{"GET /{$}", signedIn, s.showQueue},
		{"POST /settings/language", signedIn, s.setLanguage},
		{"GET /editions/{id}", signedIn, s.showEditor},
		{"GET /editions/{id}/state", signedIn, s.editionState},
		{"POST /editions/{id}/segments/{sid}", signedIn, s.saveSegment},
		{"POST /editions/{id}/segments/{sid}/approve", signedIn, s.approveSegment},
		{"GET /editions/{id}/segments/{sid}/panel", signedIn, s.showPanel},
		{"POST /editions/{id}/segments/{sid}/comments", signedIn, s.addComment},
		{"POST /editions/{id}/claim", signedIn, s.renewClaim},
		{"POST /editions/{id}/release", signedIn, s.releaseClaim},
		{"GET /editions/{id}/events", signedIn, s.events},
		{"GET /articles", editorial, s.showArticles},
		{"POST /articles", editorial, s.ingestArticle},
		{"POST /editions/{id}/due", editorial, s.setDue},
		{"POST /editions/{id}/publish", editorial, s.publishEdition},
		{"GET /admin/users", adminsOnly, s.showUsers},
		{"POST /admin/users", adminsOnly, s.createUser},
		{"GET /admin/users/{uid}", adminsOnly, s.showUser},
		{"POST /admin/users/{uid}", adminsOnly, s.updateUser},
		{"GET /admin/memory", adminsOnly, s.showMemory},
		{"POST /admin/memory/{eid}", adminsOnly, s.correctMemory},
		{"POST /admin/memory/{eid}/delete", adminsOnly, s.deleteMemory},
	} {
		s.mux.Handle(r.pattern, s.handle(r.access, r.h))
	}
	// Logging in has no session yet; its form carries a double-submit token
	// that the handler checks itself.
	s.mux.Handle("POST /login", s.adapt(public, false, s.login))
	s.mux.HandleFunc("GET /static/{hash}/{name}", s.serveStatic)
	if s.queues != nil {
		// asynqmon's own script cannot send the session's CSRF token, and
		// its page needs inline code; its writes are guarded by cross-origin
		// protection and the SameSite session cookie, and it is for admins
		// only.
		s.mux.Handle(s.queues.RootPath()+"/", s.adapt(adminsOnly, false, func(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
			w.Header().Del("Content-Security-Policy")
			s.queues.ServeHTTP(w, r)
			return nil
		}))
	}
}
