package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
)

// approveSegment approves a segment at the version the translator saw. When
// the script still holds unsaved text it sends it along, and the workflow
// saves it first in the same transaction, so Ctrl+Enter never approves a
// stale text.
func (s *Server) approveSegment(w http.ResponseWriter, r *http.Request, c *reqCtx, in pipeline.SegmentApproval) error {
	seg, err := s.p.ApproveSegment(r.Context(), c.who, r.PathValue("id"), r.PathValue("sid"), in)
	return replySegment(w, c, seg, err)
}
