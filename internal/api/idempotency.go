package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// maxIdempotencyKey is the longest Idempotency-Key accepted.
const maxIdempotencyKey = 255

// idempotent runs a POST carrying an Idempotency-Key header at most once
// per caller and key: a retry with the same request gets the first answer
// again (with Idempotent-Replayed: true), one with a different request a
// 422, one while the first still runs a 409. Answers of 5xx are not kept,
// so a retry after a server failure runs again.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, who auth.Principal, h handlerFunc) error {
	key := r.Header.Get("Idempotency-Key")
	if r.Method != http.MethodPost || key == "" {
		return h(w, r, who)
	}
	if len(key) > maxIdempotencyKey {
		return derrors.New(derrors.Invalid, "invalid_idempotency_key", "Idempotency-Key is at most %d characters", maxIdempotencyKey)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	sum := sha256.Sum256([]byte(r.Method + " " + r.URL.Path + "\x00" + string(body)))
	hash := hex.EncodeToString(sum[:])
	prev, claimed, err := s.st.ClaimIdempotencyKey(r.Context(), who.ID, key, hash)
	if errors.Is(err, store.ErrConflict) || (err == nil && !claimed && prev.Status == 0) {
		return derrors.New(derrors.Conflict, "idempotency_key_in_use", "a request with this Idempotency-Key is still being processed; retry later")
	}
	if err != nil {
		return err
	}
	if !claimed {
		if prev.RequestHash != hash {
			return derrors.New(derrors.Unprocessable, "idempotency_key_reused", "this Idempotency-Key was used with a different request")
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Idempotent-Replayed", "true")
		if prev.Location != "" {
			w.Header().Set("Location", prev.Location)
		}
		w.WriteHeader(prev.Status)
		_, _ = io.WriteString(w, prev.Body)
		return nil
	}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	herr := h(rec, r, who)
	if herr != nil {
		// Errors are written by the caller; record what it will write.
		rec.buf.Reset()
		s.writeError(rec, r, herr)
	}
	if rec.status >= 500 {
		if err := s.st.ReleaseIdempotencyKey(r.Context(), who.ID, key); err != nil {
			s.log.ErrorContext(r.Context(), "release idempotency key", "err", err)
		}
		return nil
	}
	if err := s.st.CompleteIdempotencyKey(r.Context(), who.ID, key, rec.status, w.Header().Get("Location"), rec.buf.String()); err != nil {
		s.log.ErrorContext(r.Context(), "store idempotent response", "err", err)
	}
	return nil
}

// recorder passes a response through while keeping its status and body.
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}
