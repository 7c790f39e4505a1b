package api

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

func (s *Server) listSegments(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	e, err := s.p.Edition(r.Context(), who, r.PathValue("id"))
	if err != nil {
		return err
	}
	segs, err := s.st.EditionSegments(r.Context(), e.ID, e.Revision)
	if segs == nil {
		segs = []store.Segment{}
	}
	return reply(w, http.StatusOK, segs, err)
}

func (s *Server) editSegment(w http.ResponseWriter, r *http.Request, who auth.Principal, in pipeline.SegmentEdit) error {
	seg, err := s.p.EditSegment(r.Context(), who, r.PathValue("id"), r.PathValue("sid"), in)
	return reply(w, http.StatusOK, seg, err)
}

// checkRequest is a text to run the quality checks on.
type checkRequest struct {
	Target string `json:"target"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (checkRequest) RequiredFields() []string { return []string{"target"} }

// checkSegment runs the quality checks on a text for a segment without
// storing it: {"qa": [findings]}.
func (s *Server) checkSegment(w http.ResponseWriter, r *http.Request, who auth.Principal, in checkRequest) error {
	fs, err := s.p.CheckSegment(r.Context(), who, r.PathValue("id"), r.PathValue("sid"), in.Target)
	return reply(w, http.StatusOK, map[string]any{"qa": fs}, err)
}

func (s *Server) approveSegment(w http.ResponseWriter, r *http.Request, who auth.Principal, in pipeline.SegmentApproval) error {
	seg, err := s.p.ApproveSegment(r.Context(), who, r.PathValue("id"), r.PathValue("sid"), in)
	return reply(w, http.StatusOK, seg, err)
}
