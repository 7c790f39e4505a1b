// Package web is the translators' web UI: log in, the review queue, the
// segment editor, the editors' dashboard and user administration. It is
// server-rendered with html/template; one small embedded script (static/app.js,
// no build step) adds saving without reloads, keyboard commands, live updates
// and conflict resolution.
//
// Every route is a method route on a ServeMux of its own, one file per action.
// Handlers return an error and one adapter (handler.go) turns it into a page,
// a JSON error or a redirect to the login page. Sessions and CSRF protection
// live in session.go, soft claims in claims.go, live updates and claims in package live.
package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/loginlimit"
	"github.com/pressroom-dev/pressroom/internal/offline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Config is what the UI needs from the rest of the process.
type Config struct {
	Pipeline *pipeline.Pipeline
	Bundle   *i18n.Bundle
	// Live carries live updates and claims; the app builds it (and hands the
	// same hub to the pipeline) and closes it.
	Live *live.Hub
	// BaseURL is the public address; an https:// one makes cookies Secure.
	BaseURL string
	Log     *slog.Logger
	// QueueConn, when set, is the Asynq connection that asynqmon shows to
	// admins under /admin/queues/.
	QueueConn asynq.RedisConnOpt
	// Glossary, when set, shows each segment's terms in the editor and
	// serves the editors' glossary page and name candidates.
	Glossary *glossary.Service
	// WebhookGuard checks webhook URLs added on the admin page; nil
	// refuses every URL.
	WebhookGuard pipeline.URLChecker
	// Concordance, when set, answers the editor's memory search (Ctrl+K);
	// without it the editor searches the store's memory by word containment.
	Concordance Concordance
	// Sources, when set, lets editors register feeds of originals on the
	// dashboard (package sources).
	Sources Sources
	// LoginLimiter, when set, throttles failed logins per account and per
	// address (package loginlimit); without it logins are not throttled.
	LoginLimiter LoginLimiter
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (ParseTrustedProxies); without them the connection's
	// address is the client's.
	TrustedProxies []netip.Prefix
}

// LoginLimiter throttles password guessing (package loginlimit).
type LoginLimiter interface {
	Check(ctx context.Context, a loginlimit.Attempt) (time.Duration, error)
	Failed(ctx context.Context, a loginlimit.Attempt) error
	Succeeded(ctx context.Context, a loginlimit.Attempt) (device string, err error)
	DeviceTTL() time.Duration
}

// Sources registers and polls feeds of originals.
type Sources interface {
	Register(ctx context.Context, by, url string, interval int, targets []string) (store.Source, error)
	Poll(ctx context.Context, id string) (store.Source, error)
}

// Term is a glossary term found in a source segment.
type Term struct {
	Source string `json:"source"` // as it appears in the source text
	Target string `json:"target"` // the required translation
	Note   string `json:"note,omitempty"`
	Kind   string `json:"kind"`
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
	live    *live.Hub
	conc    Concordance
	queues  *asynqmon.HTTPHandler // nil without QueueConn
	offline *offline.Service      // XLIFF and OmegaT downloads, XLIFF uploads
	secure  bool
}

// New builds the UI.
func New(cfg Config) (*Server, error) {
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
		live:   cfg.Live,
		secure: strings.HasPrefix(cfg.BaseURL, "https://"),
	}
	if s.conc = cfg.Concordance; s.conc == nil {
		s.conc = storeConcordance{st: s.st}
	}
	var terms offline.Glossary
	if cfg.Glossary != nil {
		terms = offline.TermsFrom(cfg.Glossary)
	}
	s.offline = offline.ForPipeline(cfg.Pipeline, terms, cfg.Log)
	if s.tmpl, err = parseTemplates(template.FuncMap{"static": st.path}); err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	if cfg.QueueConn != nil {
		s.queues = asynqmon.New(asynqmon.Options{RootPath: queuesPath, RedisConnOpt: cfg.QueueConn})
	}
	s.routes()
	// Cross-origin protection (Go 1.25's Sec-Fetch-Site/Origin check) rejects
	// every cross-site unsafe request before it reaches a handler; the
	// per-session token checked in handler.go is the second line, for
	// browsers that send neither header.
	s.handler = http.NewCrossOriginProtection().Handler(s.mux)
	return s, nil
}

// Close closes asynqmon's connection.
func (s *Server) Close() error {
	if s.queues != nil {
		return s.queues.Close()
	}
	return nil
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
	for access, routes := range map[access]map[string]handlerFunc{
		public: {
			"GET /login": s.showLogin,
		},
		signedIn: {
			"POST /logout":                                s.logout,
			"GET /{$}":                                    s.showQueue,
			"POST /settings/language":                     s.setLanguage,
			"GET /editions/{id}":                          s.showEditor,
			"GET /editions/{id}/state":                    s.editionState,
			"POST /editions/{id}/segments/{sid}":          httpjson.Body(s.saveSegment),
			"POST /editions/{id}/segments/{sid}/approve":  httpjson.Body(s.approveSegment),
			"POST /editions/{id}/segments/{sid}/check":    httpjson.Body(s.checkSegment),
			"GET /editions/{id}/segments/{sid}/panel":     s.showPanel,
			"POST /editions/{id}/segments/{sid}/comments": s.addComment,
			"POST /editions/{id}/claim":                   s.renewClaim,
			"POST /editions/{id}/release":                 s.releaseClaim,
			"GET /editions/{id}/events":                   s.events,
			"POST /editions/{id}/replace":                 httpjson.Body(s.replaceSegments),
			"POST /editions/{id}/approve-memory":          s.approveMemory,
			"GET /editions/{id}/concordance":              s.concordance,
			"GET /editions/{id}/preview":                  s.showPreview,
			"GET /editions/{id}/xliff":                    s.downloadXLIFF,
			"POST /editions/{id}/xliff":                   s.importXLIFF,
			"GET /editions/{id}/omegat":                   s.downloadOmegaT,
		},
		editorial: {
			"GET /articles":                            s.showArticles,
			"POST /articles":                           s.ingestArticle,
			"POST /editions/{id}/due":                  s.setDue,
			"POST /editions/{id}/publish":              s.publishEdition,
			"GET /glossary":                            s.showGlossary,
			"POST /glossary":                           s.createTerm,
			"POST /glossary/{tid}":                     s.updateTerm,
			"POST /glossary/{tid}/delete":              s.deleteTerm,
			"POST /glossary/candidates/{cid}/{action}": s.decideCandidate,
			"POST /editions/{id}/unpublish":            s.unpublishEdition,
			"POST /sources":                            s.addSource,
			"POST /sources/{id}/poll":                  s.pollSource,
			"GET /editions/{id}/compare":               s.showCompare,
		},
		adminsOnly: {
			"GET /admin/users":                  s.showUsers,
			"POST /admin/users":                 s.createUser,
			"GET /admin/users/{uid}":            s.showUser,
			"POST /admin/users/{uid}":           s.updateUser,
			"GET /admin/webhooks":               s.showWebhooks,
			"POST /admin/webhooks":              s.createWebhook,
			"POST /admin/webhooks/{id}/enabled": s.setWebhookEnabled,
			"GET /admin/memory":                 s.showMemory,
			"POST /admin/memory/{eid}":          s.correctMemory,
			"POST /admin/memory/{eid}/delete":   s.deleteMemory,
		},
	} {
		for pattern, h := range routes {
			s.mux.Handle(pattern, s.handle(access, h))
		}
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
