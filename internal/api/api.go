// Package api is pressroom's JSON HTTP API (/api/v1/…). Handlers return an
// error; one adapter turns it into a status and a JSON body
// {"error": {"code", "message"}}, so every failure looks the same.
package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/offline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Server serves the API.
type Server struct {
	p        *pipeline.Pipeline
	st       *store.Store
	guard    pipeline.URLChecker
	log      *slog.Logger
	backends BackendStatuser   // set by WithBackends (backends.go)
	glossary *glossary.Service // set by WithGlossary (glossary.go)
	sources  SourceRegistry    // set by WithSources (sources.go)
	offline  *offline.Service
}

// New returns the API server.
func New(p *pipeline.Pipeline, guard pipeline.URLChecker, log *slog.Logger) *Server {
	return &Server{p: p, st: p.Store(), guard: guard, log: log, offline: offline.ForPipeline(p, nil, log)}
}

// Routes registers the API on mux. The OpenAPI description in
// docs/openapi.yaml lists exactly these routes (TestOpenAPIInStep).
func (s *Server) Routes(mux *http.ServeMux) {
	for _, r := range s.routes() {
		mux.Handle(r.pattern, s.handle(r.roles, r.h))
	}
	for _, r := range s.memoryRoutes() {
		mux.Handle(r.pattern, s.handleLimit(r.roles, r.maxBody, r.h))
	}
}

type route struct {
	pattern string
	roles   []string // who may call it; nil means any authenticated caller
	h       handlerFunc
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, who auth.Principal) error

var (
	editors = []string{auth.Admin, auth.Editor}
	admins  = []string{auth.Admin}
)

func (s *Server) routes() []route {
	return []route{
		{"POST /api/v1/articles", editors, s.createArticle},
		{"GET /api/v1/articles", nil, s.listArticles},
		{"GET /api/v1/articles/{id}", nil, s.getArticle},
		{"PUT /api/v1/articles/{id}", editors, s.correctArticle},
		{"GET /api/v1/editions", nil, s.listEditions},
		{"GET /api/v1/editions/{id}", nil, s.getEdition},
		{"GET /api/v1/editions/{id}/segments", nil, s.listSegments},
		{"PUT /api/v1/editions/{id}/segments/{sid}", nil, httpjson.Body(s.editSegment)},
		{"POST /api/v1/editions/{id}/segments/{sid}/approve", nil, httpjson.Body(s.approveSegment)},
		{"POST /api/v1/editions/{id}/segments/{sid}/check", nil, httpjson.Body(s.checkSegment)},
		{"POST /api/v1/editions/{id}/publish", editors, s.publishEdition},
		{"POST /api/v1/editions/{id}/unpublish", editors, s.unpublishEdition},
		{"GET /api/v1/editions/{id}/rendered", nil, s.renderedEdition},
		{"GET /api/v1/editions/{id}/xliff", nil, s.exportXLIFF},
		{"PUT /api/v1/editions/{id}/xliff", nil, s.importXLIFF},
		{"GET /api/v1/editions/{id}/omegat", nil, s.exportOmegaT},
		{"POST /api/v1/webhooks", editors, s.createWebhook},
		{"GET /api/v1/webhooks", editors, s.listWebhooks},
		{"GET /api/v1/webhooks/{id}", editors, s.getWebhook},
		{"PATCH /api/v1/webhooks/{id}", editors, s.updateWebhook},
		{"DELETE /api/v1/webhooks/{id}", editors, s.deleteWebhook},
		{"POST /api/v1/webhooks/{id}/rotate", editors, httpjson.Body(s.rotateSecret)},
		{"POST /api/v1/webhooks/{id}/replay", editors, httpjson.Body(s.replay)},
		{"GET /api/v1/webhooks/{id}/deliveries", editors, s.listDeliveries},
		{"GET /api/v1/webhooks/{id}/deliveries/{did}", editors, s.getDelivery},
		{"POST /api/v1/webhooks/{id}/deliveries/{did}/redeliver", editors, s.redeliver},
		{"GET /api/v1/events", admins, s.listEvents},
		{"GET /api/v1/backends", editors, s.listBackends},
		{"POST /api/v1/sources", editors, httpjson.Body(s.createSource)},
		{"GET /api/v1/sources", editors, s.listSources},
		{"GET /api/v1/sources/{id}", editors, s.getSource},
		{"POST /api/v1/sources/{id}/poll", editors, s.pollSource},
		{"GET /api/v1/glossary", nil, s.listGlossary},
		{"POST /api/v1/glossary", editors, s.createGlossaryTerm},
		{"PUT /api/v1/glossary/{id}", editors, s.updateGlossaryTerm},
		{"DELETE /api/v1/glossary/{id}", editors, s.deleteGlossaryTerm},
		{"GET /api/v1/glossary/candidates", editors, s.listCandidates},
		{"POST /api/v1/glossary/candidates/{id}/accept", editors, s.acceptCandidate},
		{"POST /api/v1/glossary/candidates/{id}/reject", editors, s.rejectCandidate},
	}
}

// Patterns lists the registered route patterns, for the OpenAPI test.
func (s *Server) Patterns() []string {
	var out []string
	for _, r := range s.routes() {
		out = append(out, r.pattern)
	}
	for _, r := range s.memoryRoutes() {
		out = append(out, r.pattern)
	}
	return out
}

// handle authenticates, authorises and runs a handler, mapping its error.
func (s *Server) handle(roles []string, h handlerFunc) http.Handler {
	return s.handleLimit(roles, pipeline.MaxRequestBytes, h)
}

// handleLimit is handle with its own bound on the request body.
func (s *Server) handleLimit(roles []string, maxBody int64, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who, err := s.authenticate(r)
		if err == nil && roles != nil && !who.Is(roles...) {
			err = derrors.New(derrors.Forbidden, "forbidden", "this needs the role %s; the token has %s", strings.Join(roles, " or "), who.Role)
		}
		if err == nil {
			httpjson.Limit(w, r, maxBody)
			err = s.idempotent(w, r, who, h)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

var errUnauthenticated = derrors.New(derrors.Unauthenticated, "unauthenticated",
	"missing or invalid bearer token (Authorization: Bearer prt_…)")

func (s *Server) authenticate(r *http.Request) (auth.Principal, error) {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || tok == "" {
		return auth.Principal{}, errUnauthenticated
	}
	who, err := auth.Authenticate(r.Context(), s.st.Queries, strings.TrimSpace(tok))
	if errors.Is(err, auth.ErrBadCredentials) {
		return who, errUnauthenticated
	}
	return who, err
}

// writeError is the one place errors become responses: the status follows
// the error's kind (httpjson.Status), the code and message its *derrors.Error.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpjson.Status(err)
	f := httpjson.ErrorFields{Code: "internal", Message: "internal error; see the server log"}
	var mbe *http.MaxBytesError
	switch e := derrors.As(err); {
	case e != nil && status != http.StatusInternalServerError:
		f = httpjson.ErrorFields{Code: e.Code, Message: e.Message, Detail: e.Detail}
	case errors.As(err, &mbe):
		f = httpjson.ErrorFields{Code: "body_too_large", Message: fmt.Sprintf("request body exceeds %d bytes", mbe.Limit)}
	case status == httpjson.StatusClientClosed:
		f = httpjson.ErrorFields{Code: "canceled", Message: "request canceled"}
	case status != http.StatusInternalServerError:
		f = httpjson.ErrorFields{Code: derrors.KindName(err), Message: err.Error()}
	}
	if status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="pressroom"`)
	}
	httpjson.WriteError(w, status, f)
}

func writeJSON(w http.ResponseWriter, status int, v any) { httpjson.Write(w, status, v) }

// reply writes v, or returns err for the adapter to write.
func reply(w http.ResponseWriter, status int, v any, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, status, v)
	return nil
}

func notFound(code, format string, args ...any) error {
	return derrors.New(derrors.NotFound, code, format, args...)
}

func invalid(code, format string, args ...any) error {
	return derrors.New(derrors.Invalid, code, format, args...)
}
