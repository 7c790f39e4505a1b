package web

import "net/http"

// addComment stores a comment on a segment (the workflow tells the
// edition's open editors). The script posts the form and gets the panel
// back; without the script, the browser goes back to the segment.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cm, err := s.p.AddComment(r.Context(), c.who, r.PathValue("id"), r.PathValue("sid"), r.PostFormValue("body"))
	if err != nil {
		return err
	}
	if r.Header.Get("X-Fragment") == "panel" {
		return s.showPanel(w, r, c)
	}
	http.Redirect(w, r, "/editions/"+cm.EditionID+"#seg-"+cm.SegmentID, http.StatusSeeOther)
	return nil
}
