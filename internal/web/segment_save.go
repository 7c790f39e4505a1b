package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// saveSegment stores the translator's text if the segment is still at the
// version they saw. On a conflict the answer is 409 with the segment as it
// now is (detail), and the script shows both texts to choose from.
func (s *Server) saveSegment(w http.ResponseWriter, r *http.Request, c *reqCtx, in pipeline.SegmentEdit) error {
	seg, err := s.p.EditSegment(r.Context(), c.who, r.PathValue("id"), r.PathValue("sid"), in)
	return replySegment(w, c, seg, err)
}

// replySegment answers the script with the segment it changed.
func replySegment(w http.ResponseWriter, c *reqCtx, seg store.Segment, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, segmentJSON(seg, c.who.Name))
	return nil
}
