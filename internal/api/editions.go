package api

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// editionView is an edition with its progress.
type editionView struct {
	store.Edition
	Progress store.Progress `json:"progress"`
}

func (s *Server) editionView(r *http.Request, e store.Edition) (editionView, error) {
	p, err := s.st.EditionProgress(r.Context(), e)
	return editionView{Edition: e, Progress: p}, err
}

// editionViews shows editions with their progress in one query, however
// many there are; never nil.
func (s *Server) editionViews(r *http.Request, eds []store.Edition) ([]editionView, error) {
	ids := make([]string, len(eds))
	for i, e := range eds {
		ids[i] = e.ID
	}
	prog, err := s.st.Progresses(r.Context(), ids)
	out := make([]editionView, len(eds))
	for i, e := range eds {
		out[i] = editionView{Edition: e, Progress: prog[e.ID]}
	}
	return out, err
}

func (s *Server) listEditions(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	q := r.URL.Query()
	f := store.EditionFilter{Status: q.Get("status")}
	if f.Status != "" && !slices.Contains(store.EditionStatuses, f.Status) {
		return invalid("invalid_status", "status %q is not one of %v", f.Status, store.EditionStatuses)
	}
	var err error
	if f.Limit, err = limitParam(r, 200); err != nil {
		return err
	}
	if l := q.Get("lang"); l != "" {
		langs, err := auth.CanonicalLangs([]string{l})
		if err != nil {
			return invalid("invalid_language", "%v", err)
		}
		f.Langs = langs
	}
	eds, err := s.st.ListEditions(r.Context(), f)
	if err != nil {
		return err
	}
	var mine []store.Edition
	for _, e := range eds {
		if who.CanReview(e.Lang) {
			mine = append(mine, e)
		}
	}
	out, err := s.editionViews(r, mine)
	return reply(w, http.StatusOK, out, err)
}

func (s *Server) getEdition(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.p.Edition(r.Context(), who, r.PathValue("id"))
	return s.replyEdition(w, r, http.StatusOK, e, err)
}

// replyEdition writes an edition with its progress, or returns err.
func (s *Server) replyEdition(w http.ResponseWriter, r *http.Request, status int, e store.Edition, err error) error {
	if err != nil {
		return err
	}
	v, err := s.editionView(r, e)
	return reply(w, status, v, err)
}

func (s *Server) publishEdition(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	var in pipeline.PublishOptions
	if r.ContentLength != 0 {
		if err := httpjson.Decode(r, &in); err != nil {
			return err
		}
	}
	e, err := s.p.RequestPublishWith(r.Context(), who, r.PathValue("id"), in)
	return s.replyEdition(w, r, http.StatusAccepted, e, err)
}

func (s *Server) unpublishEdition(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.p.Unpublish(r.Context(), who, r.PathValue("id"))
	return s.replyEdition(w, r, http.StatusOK, e, err)
}

func (s *Server) renderedEdition(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.p.Edition(r.Context(), who, r.PathValue("id"))
	if err != nil {
		return err
	}
	v, err := s.st.GetVersion(r.Context(), e.ID, 0)
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "not_published", "edition %s has no published version yet", e.ID)
	} else if err != nil {
		return err
	}
	w.Header().Set("X-Pressroom-Version", strconv.Itoa(v.Version))
	switch f := r.URL.Query().Get("format"); f {
	case "", "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, err = w.Write([]byte(v.HTML))
	case "markdown":
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		_, err = w.Write([]byte(v.Markdown))
	case "json":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, err = w.Write([]byte(v.JSON))
	default:
		return invalid("invalid_format", "format %q: want html, markdown or json", f)
	}
	return err
}
