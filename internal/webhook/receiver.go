package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// MaxReceiveBytes bounds a body the receiver reads: the payload cap with room
// to spare.
const MaxReceiveBytes = 1 << 20

// Receiver is a verifying webhook endpoint (pressroom webhook listen): it
// checks every call with the Standard Webhooks reference library, refuses
// bad signatures (401) and stale or future timestamps (400, the library's
// five-minute tolerance), and prints each accepted event. A webhook-id seen
// before is acknowledged again but marked as a repeat.
type Receiver struct {
	wh   *standardwebhooks.Webhook
	out  io.Writer
	mu   sync.Mutex
	seen map[string]bool
}

// NewReceiver verifies with secret ("whsec_…") and prints to out.
func NewReceiver(secret string, out io.Writer) (*Receiver, error) {
	if !strings.HasPrefix(secret, "whsec_") || len(secret) <= len("whsec_") {
		return nil, errors.New(`the secret must be the "whsec_…" value the API returned`)
	}
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	return &Receiver{wh: wh, out: out, seen: map[string]bool{}}, nil
}

// ServeHTTP implements http.Handler.
func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxReceiveBytes))
	if err != nil {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	id := r.Header.Get("webhook-id")
	if err := rc.wh.Verify(body, r.Header); err != nil {
		code := http.StatusUnauthorized
		if errors.Is(err, standardwebhooks.ErrMessageTooOld) || errors.Is(err, standardwebhooks.ErrMessageTooNew) ||
			errors.Is(err, standardwebhooks.ErrRequiredHeaders) || errors.Is(err, standardwebhooks.ErrInvalidHeaders) {
			code = http.StatusBadRequest
		}
		rc.printf("REFUSED %s %d: %v\n", id, code, err)
		http.Error(w, err.Error(), code)
		return
	}
	var p struct {
		Type      string          `json:"type"`
		Timestamp time.Time       `json:"timestamp"`
		Data      json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		rc.printf("REFUSED %s 400: body is not a webhook payload: %v\n", id, err)
		http.Error(w, "not a webhook payload", http.StatusBadRequest)
		return
	}
	rc.mu.Lock()
	repeat := rc.seen[id]
	rc.seen[id] = true
	rc.mu.Unlock()
	var data bytes.Buffer
	if json.Indent(&data, p.Data, "  ", "  ") != nil {
		data.Write(p.Data)
	}
	mark := ""
	if repeat {
		mark = " (repeat)"
	}
	rc.printf("%s %s %s%s\n  %s\n", p.Timestamp.Format(time.RFC3339), p.Type, id, mark, data.String())
	w.WriteHeader(http.StatusNoContent)
}

func (rc *Receiver) printf(format string, args ...any) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	fmt.Fprintf(rc.out, format, args...)
}
