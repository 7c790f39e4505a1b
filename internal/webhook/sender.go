package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// MaxResponseBytes is how much of a receiver's answer is read: enough for a
// useful error message in the delivery log, never a whole large body.
const MaxResponseBytes = 1 << 10

// NewSecret returns a new signing secret in the Standard Webhooks form
// "whsec_" + base64 of 32 random bytes.
func NewSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// Sender posts signed webhook calls through a guarded HTTP client.
type Sender struct {
	client *http.Client
}

// NewSender returns a sender whose connections the guard checks and whose
// calls end after timeout (connecting, sending and reading the answer).
func NewSender(g *Guard, timeout time.Duration) *Sender {
	dialer := &net.Dialer{Timeout: min(5*time.Second, timeout), Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real target from the guard
		DialContext:           dialer.DialContext,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: timeout,
	}
	return &Sender{client: &http.Client{
		Transport: tr,
		Timeout:   timeout,
		// Redirects are not followed: the receiver must answer at its URL
		// (a 3xx is a failed attempt, logged with its Location).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Sign returns the webhook-signature header value for a call: one "v1,…"
// entry per secret, space-separated, as the Standard Webhooks spec allows
// (during a secret rotation a call carries both).
func Sign(secrets []string, msgID string, at time.Time, body []byte) (string, error) {
	var sigs []string
	for _, s := range secrets {
		if s == "" {
			return "", errors.New("webhook has no signing secret")
		}
		wh, err := standardwebhooks.NewWebhook(s)
		if err != nil {
			return "", fmt.Errorf("signing secret: %w", err)
		}
		sig, err := wh.Sign(msgID, at, body)
		if err != nil {
			return "", fmt.Errorf("sign: %w", err)
		}
		sigs = append(sigs, sig)
	}
	if len(sigs) == 0 {
		return "", errors.New("webhook has no signing secret")
	}
	return strings.Join(sigs, " "), nil
}

// Result is what came of one call.
type Result struct {
	// Code is the response status, 0 if there was none.
	Code int
	// RetryAfter is the receiver's Retry-After on a 429 or 503, else 0.
	RetryAfter time.Duration
}

// Send posts body to url, signed with every secret. It returns an error
// unless the receiver answered 2xx.
func (s *Sender) Send(ctx context.Context, url string, secrets []string, msgID string, at time.Time, body []byte) (Result, error) {
	sig, err := Sign(secrets, msgID, at, body)
	if err != nil {
		return Result{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "pressroom-webhooks/1")
	req.Header.Set("webhook-id", msgID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := s.client.Do(req)
	if err != nil {
		return Result{}, err
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes))
	r := Result{Code: resp.StatusCode}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return r, nil
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		r.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return r, fmt.Errorf("receiver answered %s (redirects are not followed; Location: %s)", resp.Status, loc)
	}
	return r, fmt.Errorf("receiver answered %s: %q", resp.Status, snippet)
}

// maxRetryAfter bounds what a Retry-After can ask for (Schedule.Delay caps
// it further); larger values would overflow a time.Duration.
const maxRetryAfter = 7 * 24 * time.Hour

// ParseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
// It returns 0 when the header is absent or unreadable, and at most a week.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		if n > int(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter)
	}
	return 0
}
