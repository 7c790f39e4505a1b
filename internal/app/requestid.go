package app

import (
	"crypto/rand"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/logctx"
)

// RequestIDHeader carries a request's id in and out.
const RequestIDHeader = "X-Request-Id"

// withRequestID gives every request an id: the caller's X-Request-Id when it
// is sane (a proxy's or client's id, so that its logs and ours meet), else a
// new random one. The id is echoed in the response and put into the
// request's context, where logctx adds it to every record logged with it.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !saneRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(logctx.WithRequestID(r.Context(), id)))
	})
}

// saneRequestID accepts 1 to 128 printable ASCII characters without
// spaces: enough for UUIDs, trace ids and the like, and nothing that could
// forge or break a log line.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

func newRequestID() string { return rand.Text() }
