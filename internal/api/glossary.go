package api

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/offline"
)

// WithGlossary serves the glossary routes from g, and has XLIFF exports
// carry each segment's terms.
func (s *Server) WithGlossary(g *glossary.Service) *Server {
	s.glossary = g
	s.offline = offline.ForPipeline(s.p, offline.TermsFrom(g), s.log)
	return s
}

func (s *Server) glossaryOrErr() (*glossary.Service, error) {
	if s.glossary == nil {
		return nil, notFound("glossary_unavailable", "this server has no glossary")
	}
	return s.glossary, nil
}

// listGlossary is GET /api/v1/glossary?from=&to=: the terms of a language
// pair. Translators may read the glossaries of their languages.
func (s *Server) listGlossary(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	from, to, err := glossary.CanonicalPair(r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	if !who.CanReview(to) {
		return derrors.New(derrors.Forbidden, "forbidden", "the %s glossary is not in this token's languages %v", to, who.Langs)
	}
	terms, err := g.List(r.Context(), from, to)
	if err != nil {
		return err
	}
	if terms == nil {
		terms = []glossary.Term{}
	}
	writeJSON(w, http.StatusOK, terms)
	return nil
}

func decodeTerm(r *http.Request) (glossary.Input, error) {
	var in glossary.Input
	return in, httpjson.Decode(r, &in)
}

// createGlossaryTerm is POST /api/v1/glossary?from=&to=.
func (s *Server) createGlossaryTerm(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	in, err := decodeTerm(r)
	if err != nil {
		return err
	}
	t, err := g.Create(r.Context(), who.ID, r.URL.Query().Get("from"), r.URL.Query().Get("to"), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/glossary/"+t.ID)
	writeJSON(w, http.StatusCreated, t)
	return nil
}

// updateGlossaryTerm is PUT /api/v1/glossary/{id}: the whole term.
func (s *Server) updateGlossaryTerm(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	in, err := decodeTerm(r)
	if err != nil {
		return err
	}
	t, err := g.Update(r.Context(), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

// deleteGlossaryTerm is DELETE /api/v1/glossary/{id}.
func (s *Server) deleteGlossaryTerm(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	if err := g.Delete(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listCandidates is GET /api/v1/glossary/candidates?status=&article=: names
// proposed as do-not-translate terms (status proposed unless asked).
func (s *Server) listCandidates(w http.ResponseWriter, r *http.Request, _ auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	status := q.Get("status")
	if !q.Has("status") {
		status = "proposed"
	}
	limit, err := limitParam(r, 500)
	if err != nil {
		return err
	}
	cs, err := g.Candidates(r.Context(), status, q.Get("article"), limit)
	if err != nil {
		return err
	}
	if cs == nil {
		cs = []glossary.Candidate{}
	}
	writeJSON(w, http.StatusOK, cs)
	return nil
}

// acceptCandidate is POST /api/v1/glossary/candidates/{id}/accept.
func (s *Server) acceptCandidate(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	out, err := g.Accept(r.Context(), who.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	if out.Terms == nil {
		out.Terms = []glossary.Term{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// rejectCandidate is POST /api/v1/glossary/candidates/{id}/reject.
func (s *Server) rejectCandidate(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	g, err := s.glossaryOrErr()
	if err != nil {
		return err
	}
	c, err := g.Reject(r.Context(), who.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}
