package web

import "net/http"

// claimJSON tells the script who holds the edition's claim.
type claimJSON struct {
	Holder string `json:"holder"`
	Mine   bool   `json:"mine"`
}

// renewClaim is called by the open editor when it opens and every
// live.ClaimRenew: it renews the user's claim, or takes it when the
// previous holder has left.
func (s *Server) renewClaim(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	h, err := s.p.Claim(r.Context(), c.who, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, claimJSON{Holder: h.Name, Mine: h.ID == c.user.ID})
	return nil
}

// releaseClaim is sent (navigator.sendBeacon) when the editor page closes,
// so others need not wait for the lease to lapse.
func (s *Server) releaseClaim(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.p.ReleaseClaim(r.Context(), c.who, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
