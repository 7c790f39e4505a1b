// Package httpmt holds what the HTTP translation backends share: turning
// HTTP failures into the router's transient/permanent errors (Retry-After
// honoured), and carrying placeholders through XML/HTML-aware APIs.
package httpmt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// MaxBody caps how much of a response is read.
const MaxBody = 8 << 20

// Do sends req and returns the body of a 2xx response. Failures are
// classified: 401/403 (bad key), 456 (DeepL quota), 400/404/413 → wrap
// translate.ErrPermanent; 429 and 503 → *translate.RetryAfterError when the
// server says when to come back; other 5xx, timeouts and network errors →
// plain (transient) errors.
func Do(ctx context.Context, client *http.Client, req *http.Request, now func() time.Time) ([]byte, error) {
	resp, body, err := Send(ctx, client, req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 == 2 {
		return body, nil
	}
	return nil, StatusError(resp, body, now)
}

// Send sends req and returns the response with its body read (at most
// MaxBody bytes) whatever the status, for backends whose APIs need their
// own reading of error bodies. Only network failures are errors; they are
// transient.
func Send(ctx context.Context, client *http.Client, req *http.Request) (*http.Response, []byte, error) {
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Host, redact(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s: reading response: %w", req.Method, req.URL.Host, err)
	}
	return resp, body, nil
}

// redact drops the query string from a *url.Error: some APIs take keys in
// the URL, and errors end up in logs and in the status endpoint.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil && u.RawQuery != "" {
			u.RawQuery = ""
			return &url.Error{Op: ue.Op, URL: u.String() + "?…", Err: ue.Err}
		}
	}
	return err
}

// StatusError classifies a non-2xx response.
func StatusError(resp *http.Response, body []byte, now func() time.Time) error {
	msg := strings.TrimSpace(string(bytes.ToValidUTF8(body[:min(len(body), 300)], nil)))
	base := fmt.Errorf("HTTP %d from %s: %s", resp.StatusCode, resp.Request.URL.Host, msg)
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return fmt.Errorf("%w: authentication refused (check the API key): %w", translate.ErrPermanent, base)
	case code == 456:
		return fmt.Errorf("%w: quota exceeded: %w", translate.ErrPermanent, base)
	case code == http.StatusBadRequest || code == http.StatusNotFound || code == http.StatusRequestEntityTooLarge:
		return fmt.Errorf("%w: request refused: %w", translate.ErrPermanent, base)
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		if d, ok := RetryAfter(resp.Header.Get("Retry-After"), now()); ok {
			return &translate.RetryAfterError{After: d, Err: base}
		}
		return base
	default:
		return base
	}
}

// RetryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
