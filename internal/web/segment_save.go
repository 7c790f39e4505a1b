package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/live"
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

// savedSegment is the answer to a save or an approval: the segment as the
// live updates show it, plus the quality checks' findings in the
// translator's language.
type savedSegment struct {
	live.Segment
	QA []qaView `json:"qa"`
}

// replySegment answers the script with the segment it changed.
func replySegment(w http.ResponseWriter, c *reqCtx, seg store.Segment, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, savedSegment{Segment: segmentJSON(seg, c.who.Name), QA: qaViews(c, seg.QA)})
	return nil
}

// checkInput is a text to check.
type checkInput struct {
	Target string `json:"target"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (checkInput) RequiredFields() []string { return []string{"target"} }

// checkSegment runs the quality checks on the text the translator is
// typing, storing nothing: {"qa": [findings in their language]}.
func (s *Server) checkSegment(w http.ResponseWriter, r *http.Request, c *reqCtx, in checkInput) error {
	fs, err := s.p.CheckSegment(r.Context(), c.who, r.PathValue("id"), r.PathValue("sid"), in.Target)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"qa": qaViews(c, fs)})
	return nil
}
