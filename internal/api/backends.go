package api

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// BackendStatuser reports the translation backends' usage and health;
// translate.Router is one.
type BackendStatuser interface {
	Status() []translate.BackendStatus
}

// WithBackends lets GET /api/v1/backends report b's status. Without it the
// endpoint answers an empty list.
func (s *Server) WithBackends(b BackendStatuser) *Server {
	s.backends = b
	return s
}

// listBackends is GET /api/v1/backends: per translation backend, calls,
// failures, characters, estimated cost, last error and whether its circuit
// is open — as seen by this process since it started.
func (s *Server) listBackends(w http.ResponseWriter, _ *http.Request, _ auth.Principal) error {
	out := []translate.BackendStatus{}
	if s.backends != nil {
		out = append(out, s.backends.Status()...)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
