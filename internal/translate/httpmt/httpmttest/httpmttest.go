// Package httpmttest holds the checks every HTTP backend's contract tests
// share: a server that never answers, and how a failed call is classified.
package httpmttest

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// HangingServer returns a server that never answers: each request waits
// until the client gives up or the test ends.
func HangingServer(t testing.TB) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	return srv
}

// CheckFailure checks that a backend call failed, whether the failure is
// permanent, and the Retry-After it carries (0 for none).
func CheckFailure(t testing.TB, err error, permanent bool, retryAfter time.Duration) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if got := translate.IsPermanent(err); got != permanent {
		t.Errorf("IsPermanent(%v) = %v, want %v", err, got, permanent)
	}
	var ra *translate.RetryAfterError
	if got := errors.As(err, &ra); got != (retryAfter > 0) || (got && ra.After != retryAfter) {
		t.Errorf("err %v: RetryAfter %v, want %v", err, ra, retryAfter)
	}
}
