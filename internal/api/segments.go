package api

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
)

func (s *Server) listSegments(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.edition(r, who)
	if err != nil {
		return err
	}
	segs, err := s.st.EditionSegments(r.Context(), e.ID, e.Revision)
	if err != nil {
		return err
	}
	if segs == nil {
		writeJSON(w, http.StatusOK, []any{})
		return nil
	}
	writeJSON(w, http.StatusOK, segs)
	return nil
}

func (s *Server) editSegment(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.edition(r, who)
	if err != nil {
		return err
	}
	var in struct {
		Target  *string `json:"target"`
		Version *int    `json:"version"`
	}
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	if in.Target == nil || in.Version == nil {
		return invalid("missing_field", "send {\"target\": \"…\", \"version\": N} with the version you last saw")
	}
	seg, err := s.p.EditSegment(r.Context(), who.ID, e.ID, r.PathValue("sid"), *in.Target, *in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, seg)
	return nil
}

func (s *Server) approveSegment(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.edition(r, who)
	if err != nil {
		return err
	}
	var in struct {
		Version *int `json:"version"`
	}
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	if in.Version == nil {
		return invalid("missing_field", "send {\"version\": N} with the version you last saw")
	}
	seg, err := s.p.ApproveSegment(r.Context(), who.ID, e.ID, r.PathValue("sid"), *in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, seg)
	return nil
}
