package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// SourceRegistry registers and polls feeds of originals (sources.Poller).
type SourceRegistry interface {
	Register(ctx context.Context, by, url string, interval int, targets []string) (store.Source, error)
	Poll(ctx context.Context, id string) (store.Source, error)
}

// WithSources enables the /api/v1/sources routes' writes.
func (s *Server) WithSources(r SourceRegistry) *Server {
	s.sources = r
	return s
}

type sourceInput struct {
	URL      string   `json:"url"`
	Interval int      `json:"interval_seconds,omitempty"`
	Targets  []string `json:"targets,omitempty"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (sourceInput) RequiredFields() []string { return []string{"url"} }

var errNoSources = derrors.New(derrors.Unavailable, "sources_unavailable", "source polling is not configured on this server")

func (s *Server) createSource(w http.ResponseWriter, r *http.Request, who auth.Principal, in sourceInput) error {
	if s.sources == nil {
		return errNoSources
	}
	targets, err := s.p.CheckTargets(in.Targets)
	if err != nil {
		return err
	}
	src, err := s.sources.Register(r.Context(), who.ID, in.URL, in.Interval, targets)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/sources/"+src.ID)
	writeJSON(w, http.StatusCreated, src)
	return nil
}

func (s *Server) listSources(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	list, err := s.st.ListSources(r.Context())
	if list == nil {
		list = []store.Source{}
	}
	return reply(w, http.StatusOK, list, err)
}

func (s *Server) getSource(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	src, err := s.st.GetSource(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "source_not_found", "no source %q", r.PathValue("id"))
	}
	return reply(w, http.StatusOK, src, err)
}

// pollSource polls a source now and answers with its state afterwards.
func (s *Server) pollSource(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	if s.sources == nil {
		return errNoSources
	}
	src, err := s.sources.Poll(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "source_not_found", "no source %q", r.PathValue("id"))
	}
	return reply(w, http.StatusOK, src, err)
}
