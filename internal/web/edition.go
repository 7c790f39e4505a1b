package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// edition loads the edition named in the path, for a user who may work on
// it (the workflow's check: a translator only in their languages).
func (s *Server) edition(r *http.Request, c *reqCtx) (store.Edition, error) {
	return s.p.Edition(r.Context(), c.who, r.PathValue("id"))
}
