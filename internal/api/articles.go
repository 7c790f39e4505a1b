package api

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// articleView is an article with its editions, as GET /articles/{id} shows it.
type articleView struct {
	store.Article
	Editions []editionView `json:"editions"`
}

func (s *Server) articleView(r *http.Request, who auth.Principal, a store.Article) (articleView, error) {
	vs, err := s.articleViews(r, who, []store.Article{a})
	if err != nil {
		return articleView{}, err
	}
	return vs[0], nil
}

// articleViews shows articles with their editions and progress in three
// queries, however many there are. A translator sees the editions of the
// languages they review only (and every article's own fields); editors and
// admins see all.
func (s *Server) articleViews(r *http.Request, who auth.Principal, arts []store.Article) ([]articleView, error) {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	byArticle, err := s.st.EditionsOf(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	var eds []store.Edition
	for _, a := range arts {
		for _, e := range byArticle[a.ID] {
			if who.CanReview(e.Lang) {
				eds = append(eds, e)
			}
		}
	}
	evs, err := s.editionViews(r, eds)
	if err != nil {
		return nil, err
	}
	out := make([]articleView, len(arts))
	for i, a := range arts {
		out[i] = articleView{Article: a, Editions: []editionView{}}
		for _, ev := range evs {
			if ev.ArticleID == a.ID {
				out[i].Editions = append(out[i].Editions, ev)
			}
		}
	}
	return out, nil
}

func (s *Server) createArticle(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	var in pipeline.ArticleInput
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	a, err := s.p.Ingest(r.Context(), who.ID, in)
	if err != nil {
		return err
	}
	v, err := s.articleView(r, who, a)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/articles/"+a.ID)
	writeJSON(w, http.StatusAccepted, v)
	return nil
}

func (s *Server) correctArticle(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	var in pipeline.ArticleInput
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	a, err := s.p.Correct(r.Context(), who.ID, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	v, err := s.articleView(r, who, a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, v)
	return nil
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	a, err := s.st.GetArticle(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return notFound("article_not_found", "no article %q", r.PathValue("id"))
	} else if err != nil {
		return err
	}
	v, err := s.articleView(r, who, a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	limit, err := limitParam(r, 100)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := store.ArticleFilter{Query: strings.TrimSpace(q.Get("q")), EditionStatus: q.Get("edition_status"), Status: q.Get("status"),
		HeadlineMissing: q.Get("headline_missing") == "true", Limit: limit}
	if f.EditionStatus != "" && !slices.Contains(store.EditionStatuses, f.EditionStatus) {
		return invalid("invalid_edition_status", "edition_status must be one of %s", strings.Join(store.EditionStatuses, ", "))
	}
	if v := q.Get("offset"); v != "" {
		if f.Offset, err = strconv.Atoi(v); err != nil || f.Offset < 0 {
			return invalid("invalid_offset", "offset must be a number ≥ 0")
		}
	}
	if f.EditionStatus != "" && !who.Is(auth.Admin, auth.Editor) {
		// edition_status must not reveal the state of editions the
		// caller cannot see.
		langs, err := s.st.EditionLangs(r.Context())
		if err != nil {
			return err
		}
		f.EditionLangs = []string{}
		for _, l := range langs {
			if who.CanReview(l) {
				f.EditionLangs = append(f.EditionLangs, l)
			}
		}
	}
	arts, total, err := s.st.SearchArticles(r.Context(), f)
	if err != nil {
		return err
	}
	out, err := s.articleViews(r, who, arts)
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	return reply(w, http.StatusOK, out, err)
}

func limitParam(r *http.Request, def int) (int, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1000 {
		return 0, invalid("invalid_limit", "limit must be a number from 1 to 1000")
	}
	return n, nil
}
