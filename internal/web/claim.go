package web

import "net/http"

// claimJSON tells the script who holds the edition's claim.
type claimJSON struct {
	Holder string `json:"holder"`
	Mine   bool   `json:"mine"`
}

// renewClaim is called by the open editor every claimRenew: it renews the
// user's claim, or takes it when the previous holder has left.
func (s *Server) renewClaim(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	h, changed, err := s.claims.take(r.Context(), e.ID, c.holder())
	if err != nil {
		return err
	}
	if changed {
		s.publish(r.Context(), e.ID, liveEvent{Type: "claim", Holder: h.Name, HolderID: h.ID})
	}
	writeJSON(w, http.StatusOK, claimJSON{Holder: h.Name, Mine: h.ID == c.user.ID})
	return nil
}

// releaseClaim is sent (navigator.sendBeacon) when the editor page closes,
// so others need not wait for the lease to lapse.
func (s *Server) releaseClaim(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	released, err := s.claims.release(r.Context(), e.ID, c.holder())
	if err != nil {
		return err
	}
	if released {
		s.publish(r.Context(), e.ID, liveEvent{Type: "claim"})
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
