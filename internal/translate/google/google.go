// Package google is the Google Cloud Translation – Basic (v2) backend:
// POST https://translation.googleapis.com/language/translate/v2 with an API
// key, format=html so that inline codes travel as HTML elements.
package google

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt"
)

const (
	// MaxTexts is the most strings v2 accepts in one request ("The maximum
	// number of strings is 128").
	MaxTexts = 128
	// MaxChars is Google's recommended maximum request size (5K code
	// points); longer requests are slower and risk 413s.
	MaxChars = 5000
	// DefaultBaseURL is the public endpoint's host.
	DefaultBaseURL = "https://translation.googleapis.com"
	// quotaWindow is how long a per-minute quota ("User Rate Limit
	// Exceeded", sent as a 403 without Retry-After) takes to refill.
	quotaWindow = 60 * time.Second
)

// Config configures the backend.
type Config struct {
	// Key is the API key. It travels in the X-Goog-Api-Key header rather
	// than the ?key= parameter, so that it stays out of proxy and error logs.
	Key string
	// BaseURL overrides DefaultBaseURL (tests, proxies).
	BaseURL string
	// Model is "nmt" or "base" (empty: Google's default).
	Model string
	// Client defaults to a client with a 30 s timeout.
	Client *http.Client
	// Now defaults to time.Now (Retry-After dates).
	Now func() time.Time
}

// Backend translates with Google Cloud Translation v2.
type Backend struct {
	cfg  Config
	base string
}

// New checks cfg and returns the backend.
func New(cfg Config) (*Backend, error) {
	if cfg.Key == "" {
		return nil, fmt.Errorf("google: no API key: %w", translate.ErrPermanent)
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Backend{cfg: cfg, base: strings.TrimRight(base, "/")}, nil
}

// Name implements translate.Backend.
func (b *Backend) Name() string { return "google" }

// Endpoint is the translate URL in use.
func (b *Backend) Endpoint() string { return b.base + "/language/translate/v2" }

type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source,omitempty"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	Model  string   `json:"model,omitempty"`
}

type response struct {
	Data struct {
		Translations []struct {
			TranslatedText string `json:"translatedText"`
		} `json:"translations"`
	} `json:"data"`
}

// Translate implements translate.Backend: one request per MaxTexts segments
// or MaxChars characters, in order. A failed request fails the batch (the
// router falls back); an answer whose markup cannot be read back fails only
// its segment.
func (b *Backend) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	target, err := targetLang(req.To)
	if err != nil {
		return nil, err
	}
	keep := httpmt.KeepTerms(req.Glossary)
	out := make([]translate.Draft, 0, len(req.Segments))
	for _, segs := range httpmt.Batches(req.Segments, MaxTexts, MaxChars, httpmt.BilledChars) {
		ds, err := b.call(ctx, baseLang(req.From), target, segs, keep)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

func (b *Backend) call(ctx context.Context, from, target string, segs []translate.Segment, keep []string) ([]translate.Draft, error) {
	body := request{Source: from, Target: target, Format: "html", Model: b.cfg.Model}
	for _, s := range segs {
		body.Q = append(body.Q, httpmt.ToMarkup(s.Text, keep))
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("google: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, b.Endpoint(), bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("google: %w", err)
	}
	hreq.Header.Set("X-Goog-Api-Key", b.cfg.Key)
	hreq.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, rbody, err := httpmt.Send(ctx, b.cfg.Client, hreq)
	if err != nil {
		return nil, fmt.Errorf("google: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("google: %w", b.statusError(resp, rbody))
	}
	var r response
	if err := json.Unmarshal(rbody, &r); err != nil {
		return nil, fmt.Errorf("google: malformed response: %w", err)
	}
	if n := len(r.Data.Translations); n != len(segs) {
		return nil, fmt.Errorf("google: %d translations for %d texts", n, len(segs))
	}
	out := make([]translate.Draft, len(segs))
	for i, s := range segs {
		out[i] = translate.Draft{ID: s.ID, Backend: "google", Engine: "google v2", BilledChars: httpmt.BilledChars(s)}
		if b.cfg.Model != "" {
			out[i].Engine += " " + b.cfg.Model
		}
		text, err := httpmt.FromMarkup(r.Data.Translations[i].TranslatedText)
		if err != nil {
			out[i].Err = fmt.Errorf("google: %w", err)
			continue
		}
		out[i].Text = text
	}
	return out, nil
}

// apiError is Google's error body: {"error": {"code", "message", "errors":
// [{"reason", …}]}}.
type apiError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Errors  []struct {
			Reason string `json:"reason"`
		} `json:"errors"`
	} `json:"error"`
}

// statusError classifies a failure. Google signals an exhausted per-minute
// quota as 403 "User Rate Limit Exceeded" (reason userRateLimitExceeded or
// rateLimitExceeded), which is transient — unlike other 403s (bad key,
// API not enabled, daily limit), which httpmt treats as permanent.
func (b *Backend) statusError(resp *http.Response, body []byte) error {
	var ae apiError
	_ = json.Unmarshal(body, &ae)
	if resp.StatusCode == http.StatusForbidden {
		for _, e := range ae.Error.Errors {
			if e.Reason == "userRateLimitExceeded" || e.Reason == "rateLimitExceeded" {
				after, ok := httpmt.RetryAfter(resp.Header.Get("Retry-After"), b.cfg.Now())
				if !ok {
					after = quotaWindow
				}
				return &translate.RetryAfterError{After: after,
					Err: fmt.Errorf("HTTP 403 from %s: %s (%s)", resp.Request.URL.Host, ae.Error.Message, e.Reason)}
			}
		}
	}
	return httpmt.StatusError(resp, body, b.cfg.Now)
}

// targetLang maps a BCP 47 tag to v2's codes: Portuguese is "pt" (Brazilian)
// or "pt-PT"; Chinese keeps its script region; others are the base language.
func targetLang(to string) (string, error) {
	if to == "" {
		return "", fmt.Errorf("google: empty target language: %w", translate.ErrUnsupportedPair)
	}
	switch t := strings.ToLower(to); {
	case t == "pt-pt":
		return "pt-PT", nil
	case t == "zh-tw" || t == "zh-hant":
		return "zh-TW", nil
	case t == "zh" || t == "zh-cn" || t == "zh-hans":
		return "zh-CN", nil
	}
	return baseLang(to), nil
}

func baseLang(tag string) string {
	b, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(b)
}
