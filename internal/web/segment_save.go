package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
)

// saveSegment stores the translator's text if the segment is still at the
// version they saw. On a conflict the answer is 409 with the segment as it
// now is (detail), and the script shows both texts to choose from.
func (s *Server) saveSegment(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
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
		return derrors.New(derrors.Invalid, "missing_field", "target and version are required")
	}
	seg, err := s.p.EditSegment(r.Context(), c.user.ID, e.ID, r.PathValue("sid"), *in.Target, *in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, segmentJSON(seg, c.who.Name))
	return nil
}
