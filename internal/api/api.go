// Package api is pressroom's JSON HTTP API (/api/v1/…). Handlers return an
// error; one adapter turns it into a status and a JSON body
// {"error": {"code", "message"}}, so every failure looks the same.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// MaxRequestBytes bounds every request body: an article body of
// pipeline.MaxBodyBytes plus room for JSON escaping and the other fields.
const MaxRequestBytes = 2*pipeline.MaxBodyBytes + 64<<10

// URLChecker validates webhook URLs (package webhook's Guard).
type URLChecker interface {
	CheckURL(ctx context.Context, raw string) error
}

// Server serves the API.
type Server struct {
	p        *pipeline.Pipeline
	st       *store.Store
	guard    URLChecker
	log      *slog.Logger
	backends BackendStatuser // set by WithBackends (backends.go)
	glossary Glossary        // set by WithGlossary (glossary.go)
}

// New returns the API server.
func New(p *pipeline.Pipeline, guard URLChecker, log *slog.Logger) *Server {
	return &Server{p: p, st: p.Store(), guard: guard, log: log}
}

// Routes registers the API on mux. The OpenAPI description in
// docs/openapi.yaml lists exactly these routes (TestOpenAPIInStep).
func (s *Server) Routes(mux *http.ServeMux) {
	for _, r := range s.routes() {
		mux.Handle(r.pattern, s.handle(r.roles, r.h))
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
		{"PUT /api/v1/editions/{id}/segments/{sid}", nil, s.editSegment},
		{"POST /api/v1/editions/{id}/segments/{sid}/approve", nil, s.approveSegment},
		{"POST /api/v1/editions/{id}/publish", editors, s.publishEdition},
		{"POST /api/v1/editions/{id}/unpublish", editors, s.unpublishEdition},
		{"GET /api/v1/editions/{id}/rendered", nil, s.renderedEdition},
		{"POST /api/v1/webhooks", editors, s.createWebhook},
		{"GET /api/v1/webhooks", editors, s.listWebhooks},
		{"GET /api/v1/webhooks/{id}", editors, s.getWebhook},
		{"DELETE /api/v1/webhooks/{id}", editors, s.deleteWebhook},
		{"GET /api/v1/webhooks/{id}/deliveries", editors, s.listDeliveries},
		{"GET /api/v1/webhooks/{id}/deliveries/{did}", editors, s.getDelivery},
		{"POST /api/v1/webhooks/{id}/deliveries/{did}/redeliver", editors, s.redeliver},
		{"GET /api/v1/events", admins, s.listEvents},
		{"GET /api/v1/backends", editors, s.listBackends},
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
	return out
}

// handle authenticates, authorises and runs a handler, mapping its error.
func (s *Server) handle(roles []string, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who, err := s.authenticate(r)
		if err == nil && roles != nil && !who.Is(roles...) {
			err = &pipeline.Error{Kind: pipeline.ErrForbidden, Code: "forbidden",
				Message: fmt.Sprintf("this needs the role %s; the token has %s", strings.Join(roles, " or "), who.Role)}
		}
		if err == nil {
			r.Body = http.MaxBytesReader(w, r.Body, MaxRequestBytes)
			err = h(w, r, who)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

var errUnauthenticated = &pipeline.Error{Kind: errors.New("unauthenticated"), Code: "unauthenticated",
	Message: "missing or invalid bearer token (Authorization: Bearer prt_…)"}

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

// writeError is the one place errors become responses.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, code, msg := http.StatusInternalServerError, "internal", "internal error; see the server log"
	var detail any
	var pe *pipeline.Error
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		status, code, msg = http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("request body exceeds %d bytes", mbe.Limit)
	case errors.As(err, &pe):
		status, code, msg, detail = statusOf(pe), pe.Code, pe.Message, pe.Detail
	case errors.Is(err, context.Canceled):
		status, code, msg = 499, "canceled", "request canceled"
	}
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="pressroom"`)
	}
	body := map[string]any{"code": code, "message": msg}
	if detail != nil {
		body["detail"] = detail
	}
	writeJSON(w, status, map[string]any{"error": body})
}

func statusOf(e *pipeline.Error) int {
	if e == errUnauthenticated {
		return http.StatusUnauthorized
	}
	return pipeline.HTTPStatus(e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// decodeJSON reads a JSON body strictly: unknown fields and trailing data
// are errors, so a misspelt field is reported instead of ignored.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return &pipeline.Error{Kind: pipeline.ErrInvalid, Code: "unsupported_media_type", Message: "send Content-Type: application/json"}
		}
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return err // *http.MaxBytesError or a broken connection
	}
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD; refuse it.
	if !utf8.Valid(raw) {
		return &pipeline.Error{Kind: pipeline.ErrInvalid, Code: "invalid_utf8", Message: "request body is not valid UTF-8"}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return &pipeline.Error{Kind: pipeline.ErrInvalid, Code: "empty_request", Message: "request body is empty; send a JSON object"}
		}
		return &pipeline.Error{Kind: pipeline.ErrInvalid, Code: "invalid_json", Message: "request body is not valid JSON for this call: " + err.Error()}
	}
	if dec.More() {
		return &pipeline.Error{Kind: pipeline.ErrInvalid, Code: "invalid_json", Message: "request body has data after the JSON object"}
	}
	return nil
}

func notFound(code, format string, args ...any) error {
	return &pipeline.Error{Kind: pipeline.ErrNotFound, Code: code, Message: fmt.Sprintf(format, args...)}
}

func forbidden(format string, args ...any) error {
	return &pipeline.Error{Kind: pipeline.ErrForbidden, Code: "forbidden", Message: fmt.Sprintf(format, args...)}
}

func invalid(code, format string, args ...any) error {
	return &pipeline.Error{Kind: pipeline.ErrInvalid, Code: code, Message: fmt.Sprintf(format, args...)}
}
