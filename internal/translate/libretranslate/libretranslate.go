// Package libretranslate is the LibreTranslate backend (POST /translate,
// JSON), for a self-hosted instance or libretranslate.com with an API key.
package libretranslate

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

// Defaults for the per-request caps. Instances enforce their own
// (--batch-limit, --char-limit) and refuse larger requests with a 400, so
// both are configurable.
const (
	DefaultMaxTexts = 50
	DefaultMaxChars = 5000
)

// Config configures the backend.
type Config struct {
	// BaseURL is the instance, e.g. http://libretranslate:5000 (required).
	BaseURL string
	// Key is the api_key; empty for instances that need none.
	Key string
	// MaxTexts and MaxChars cap one request (defaults above).
	MaxTexts, MaxChars int
	// Languages maps a BCP 47 tag to the instance's code where they differ
	// (e.g. "pt-BR": "pb" on instances with a Brazilian model); by default
	// the base language is sent ("pt-BR" → "pt").
	Languages map[string]string
	// Client defaults to a client with a 60 s timeout (CPU instances are slow).
	Client *http.Client
	// Now defaults to time.Now (Retry-After dates).
	Now func() time.Time
}

// Backend translates with LibreTranslate.
type Backend struct {
	cfg  Config
	base string
}

// New checks cfg and returns the backend.
func New(cfg Config) (*Backend, error) {
	if cfg.BaseURL == "" {
		return nil, fmt.Errorf("libretranslate: no base_url (the instance's address, e.g. http://localhost:5000): %w", translate.ErrPermanent)
	}
	if cfg.MaxTexts <= 0 {
		cfg.MaxTexts = DefaultMaxTexts
	}
	if cfg.MaxChars <= 0 {
		cfg.MaxChars = DefaultMaxChars
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 60 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Backend{cfg: cfg, base: strings.TrimRight(cfg.BaseURL, "/")}, nil
}

// Name implements translate.Backend.
func (b *Backend) Name() string { return "libretranslate" }

// Endpoint is the translate URL in use.
func (b *Backend) Endpoint() string { return b.base + "/translate" }

type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

type response struct {
	TranslatedText []string `json:"translatedText"`
}

// Translate implements translate.Backend: q is an array, so one request
// carries up to MaxTexts segments (MaxChars characters), in order.
func (b *Backend) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	if req.To == "" || req.From == "" {
		return nil, fmt.Errorf("libretranslate: empty language: %w", translate.ErrUnsupportedPair)
	}
	from, to := b.lang(req.From), b.lang(req.To)
	keep := httpmt.KeepTerms(req.Glossary)
	out := make([]translate.Draft, 0, len(req.Segments))
	for _, segs := range httpmt.Batches(req.Segments, b.cfg.MaxTexts, b.cfg.MaxChars, httpmt.BilledChars) {
		ds, err := b.call(ctx, from, to, segs, keep)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

func (b *Backend) lang(tag string) string {
	for k, v := range b.cfg.Languages {
		if strings.EqualFold(k, tag) {
			return v
		}
	}
	base, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(base)
}

func (b *Backend) call(ctx context.Context, from, to string, segs []translate.Segment, keep []string) ([]translate.Draft, error) {
	body := request{Source: from, Target: to, Format: "html", APIKey: b.cfg.Key}
	for _, s := range segs {
		body.Q = append(body.Q, httpmt.ToMarkup(s.Text, keep))
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, b.Endpoint(), bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	resp, rbody, err := httpmt.Send(ctx, b.cfg.Client, hreq)
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("libretranslate: %w", b.statusError(resp, rbody, from, to))
	}
	var r response
	if err := json.Unmarshal(rbody, &r); err != nil {
		return nil, fmt.Errorf("libretranslate: malformed response: %w", err)
	}
	if len(r.TranslatedText) != len(segs) {
		return nil, fmt.Errorf("libretranslate: %d translations for %d texts", len(r.TranslatedText), len(segs))
	}
	out := make([]translate.Draft, len(segs))
	for i, s := range segs {
		out[i] = translate.Draft{ID: s.ID, Backend: "libretranslate", Engine: "libretranslate", BilledChars: httpmt.BilledChars(s)}
		text, err := httpmt.FromMarkup(r.TranslatedText[i])
		if err != nil {
			out[i].Err = fmt.Errorf("libretranslate: %w", err)
			continue
		}
		out[i].Text = text
	}
	return out, nil
}

// statusError classifies a failure. LibreTranslate answers {"error": "…"};
// a 400 naming a language it does not have ("… is not supported") is an
// unsupported pair rather than a bad request.
func (b *Backend) statusError(resp *http.Response, body []byte, from, to string) error {
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	if resp.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(e.Error), "not supported") {
		return fmt.Errorf("%s→%s: %s: %w", from, to, e.Error, translate.ErrUnsupportedPair)
	}
	return httpmt.StatusError(resp, body, b.cfg.Now)
}
