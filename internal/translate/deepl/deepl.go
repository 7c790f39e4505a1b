// Package deepl is the DeepL API v2 backend (POST /v2/translate, JSON).
package deepl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt"
)

// MaxTexts is how many texts DeepL accepts in one request.
const MaxTexts = 50

// Config configures the backend.
type Config struct {
	// Key is the DeepL authentication key. Keys ending in ":fx" belong to
	// the Free API and go to api-free.deepl.com, others to api.deepl.com.
	Key string
	// BaseURL overrides the host chosen from the key (tests, proxies).
	BaseURL string
	// Formality: "", "default", "more", "less", "prefer_more", "prefer_less".
	Formality string
	// GlossaryID is a DeepL glossary for the pair, if any. It turns
	// Glossaries off.
	GlossaryID string
	// Glossaries makes a DeepL glossary of each request's preferred
	// translations (see glossary.go) instead of having them forced.
	Glossaries bool
	// MaxGlossaries is how many glossaries a process keeps (default 20).
	MaxGlossaries int
	// Client defaults to a client with a 30 s timeout.
	Client *http.Client
	// Now defaults to time.Now (Retry-After dates).
	Now func() time.Time
}

// Backend translates with DeepL.
type Backend struct {
	cfg  Config
	base string
	gl   glossaries
}

// New checks cfg and returns the backend.
func New(cfg Config) (*Backend, error) {
	if cfg.Key == "" {
		return nil, fmt.Errorf("deepl: no API key: %w", translate.ErrPermanent)
	}
	base := cfg.BaseURL
	if base == "" {
		base = "https://api.deepl.com"
		if strings.HasSuffix(cfg.Key, ":fx") {
			base = "https://api-free.deepl.com"
		}
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxGlossaries <= 0 {
		cfg.MaxGlossaries = 20
	}
	return &Backend{cfg: cfg, base: strings.TrimRight(base, "/")}, nil
}

// Name implements translate.Backend.
func (b *Backend) Name() string { return "deepl" }

// Endpoint is the translate URL in use (for logs and tests).
func (b *Backend) Endpoint() string { return b.base + "/v2/translate" }

type request struct {
	Text        []string `json:"text"`
	SourceLang  string   `json:"source_lang,omitempty"`
	TargetLang  string   `json:"target_lang"`
	TagHandling string   `json:"tag_handling"`
	IgnoreTags  []string `json:"ignore_tags,omitempty"`
	Formality   string   `json:"formality,omitempty"`
	GlossaryID  string   `json:"glossary_id,omitempty"`
}

type response struct {
	Translations []struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
	} `json:"translations"`
}

// Translate implements translate.Backend: one request per MaxTexts segments.
// A failed request fails the batch (the router falls back); a text whose
// markup cannot be read back fails only its segment.
func (b *Backend) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	target, err := targetLang(req.To)
	if err != nil {
		return nil, err
	}
	var keep []string
	for _, g := range req.Glossary {
		if g.DoNotTranslate {
			keep = append(keep, g.Source)
		}
	}
	glossaryID, msg := b.cfg.GlossaryID, ""
	if b.AppliesGlossary() {
		id, err := b.glossaryFor(ctx, req.From, req.To, req.Glossary)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			msg = fmt.Sprintf("translated without a DeepL glossary: %v", err)
		}
		glossaryID = id
	}
	out := make([]translate.Draft, 0, len(req.Segments))
	for start := 0; start < len(req.Segments); start += MaxTexts {
		segs := req.Segments[start:min(start+MaxTexts, len(req.Segments))]
		ds, err := b.call(ctx, req.From, target, glossaryID, segs, keep)
		if err != nil && glossaryID != "" && glossaryID != b.cfg.GlossaryID && translate.IsPermanent(err) {
			// Another process may have deleted the glossary (each keeps
			// MaxGlossaries): forget it and translate without one.
			b.gl.forget(glossaryID)
			glossaryID, msg = "", fmt.Sprintf("translated without a DeepL glossary: %v", err)
			ds, err = b.call(ctx, req.From, target, "", segs, keep)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	if msg != "" {
		for i := range out {
			out[i].Notes = append(out[i].Notes, note.Text(msg))
		}
	}
	return out, nil
}

func (b *Backend) call(ctx context.Context, from, target, glossaryID string, segs []translate.Segment, keep []string) ([]translate.Draft, error) {
	body := request{
		SourceLang:  strings.ToUpper(baseLang(from)),
		TargetLang:  target,
		TagHandling: "xml",
		Formality:   b.cfg.Formality,
		GlossaryID:  glossaryID,
	}
	if len(keep) > 0 {
		body.IgnoreTags = []string{"keep"}
	}
	for _, s := range segs {
		body.Text = append(body.Text, httpmt.ToMarkup(s.Text, keep))
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("deepl: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, b.Endpoint(), bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("deepl: %w", err)
	}
	hreq.Header.Set("Authorization", "DeepL-Auth-Key "+b.cfg.Key)
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := httpmt.Do(ctx, b.cfg.Client, hreq, b.cfg.Now)
	if err != nil {
		return nil, fmt.Errorf("deepl: %w", err)
	}
	var r response
	if err := json.Unmarshal(resp, &r); err != nil {
		return nil, fmt.Errorf("deepl: malformed response: %w", err)
	}
	if len(r.Translations) != len(segs) {
		return nil, fmt.Errorf("deepl: %d translations for %d texts", len(r.Translations), len(segs))
	}
	out := make([]translate.Draft, len(segs))
	for i, s := range segs {
		out[i] = translate.Draft{ID: s.ID, Backend: "deepl", Engine: "deepl v2",
			BilledChars: utf8.RuneCountInString(inline.Plain(s.Text))}
		text, err := httpmt.FromMarkup(r.Translations[i].Text)
		if err != nil {
			out[i].Err = fmt.Errorf("deepl: %w", err)
			continue
		}
		out[i].Text = text
	}
	return out, nil
}

// targetLang maps a BCP 47 tag to DeepL's target codes; Portuguese needs a
// variant (PT-BR or PT-PT), plain "pt" means Brazilian.
func targetLang(to string) (string, error) {
	t := strings.ToUpper(to)
	switch {
	case t == "":
		return "", fmt.Errorf("deepl: empty target language: %w", translate.ErrUnsupportedPair)
	case t == "PT":
		return "PT-BR", nil
	case t == "PT-BR" || t == "PT-PT" || t == "EN-GB" || t == "EN-US":
		return t, nil
	case t == "EN":
		return "EN-US", nil
	}
	return strings.ToUpper(baseLang(to)), nil
}

func baseLang(tag string) string {
	b, _, _ := strings.Cut(tag, "-")
	return b
}
