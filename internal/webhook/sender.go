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
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

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

// NewSender returns a sender whose connections the guard checks.
func NewSender(g *Guard, timeout time.Duration) *Sender {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real target from the guard
		DialContext:           dialer.DialContext,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: timeout,
	}
	return &Sender{client: &http.Client{
		Transport: tr,
		Timeout:   timeout,
		// Redirects are not followed: the receiver must answer at its URL.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Send posts body to url signed with secret. It returns the response status
// (0 if none) and an error unless the receiver answered 2xx.
func (s *Sender) Send(ctx context.Context, url, secret, msgID string, at time.Time, body []byte) (int, error) {
	if secret == "" {
		return 0, errors.New("webhook has no signing secret")
	}
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		return 0, fmt.Errorf("signing secret: %w", err)
	}
	sig, err := wh.Sign(msgID, at, body)
	if err != nil {
		return 0, fmt.Errorf("sign: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "pressroom-webhooks/1")
	req.Header.Set("webhook-id", msgID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("receiver answered %s: %q", resp.Status, snippet)
	}
	return resp.StatusCode, nil
}
