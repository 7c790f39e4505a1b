package web

import (
	"errors"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// edition loads the edition named in the path and checks that the user may
// work on it: a translator only in their languages (403 otherwise).
func (s *Server) edition(r *http.Request, c *reqCtx) (store.Edition, error) {
	e, err := s.st.GetEdition(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return e, errNotFound
	}
	if err != nil {
		return e, err
	}
	if !c.who.CanReview(e.Lang) {
		return e, errForbidden
	}
	return e, nil
}

func (c *reqCtx) holder() holder { return holder{ID: c.user.ID, Name: c.who.Name} }
