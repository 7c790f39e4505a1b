package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
)

// approveSegment approves a segment at the version the translator saw. When
// the script still holds unsaved text it sends it along, and the text is
// saved first (same version check), so Ctrl+Enter never approves a stale
// text.
func (s *Server) approveSegment(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
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
	if in.Version == nil {
		return derrors.New(derrors.Invalid, "missing_field", "version is required")
	}
	sid, version := r.PathValue("sid"), *in.Version
	if in.Target != nil {
		seg, err := s.p.EditSegment(r.Context(), c.user.ID, e.ID, sid, *in.Target, version)
		if err != nil {
			return err
		}
		version = seg.Version
	}
	seg, err := s.p.ApproveSegment(r.Context(), c.user.ID, e.ID, sid, version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, segmentJSON(seg, c.who.Name))
	return nil
}
