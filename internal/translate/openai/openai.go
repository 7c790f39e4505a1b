// Package openai is the backend for any OpenAI-compatible chat-completions
// endpoint (OpenAI, Ollama, vLLM, llama.cpp's server): one request per batch
// of numbered segments, temperature 0, the glossary and tag rules in the
// system prompt, and structured output (response_format json_schema) so
// that the answer is machine-readable. Every returned segment is checked —
// id, count, tags — and only the bad ones fail, so the router sends just
// those to the next backend.
package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt"
)

// Defaults.
const (
	DefaultBaseURL     = "https://api.openai.com/v1"
	DefaultMaxSegments = 40
	DefaultMaxChars    = 6000
)

// Config configures the backend.
type Config struct {
	// Name is the registry name (default "openai"); set it to run several
	// endpoints side by side ("ollama", "vllm").
	Name string
	// BaseURL is the API root including /v1 (default DefaultBaseURL; Ollama:
	// http://localhost:11434/v1).
	BaseURL string
	// Key is sent as "Authorization: Bearer …"; local servers need none.
	Key string
	// Model is required ("gpt-4o-mini", "llama3.1:8b", …).
	Model string
	// MaxSegments and MaxChars cap one request: long batches make models
	// drop or merge segments, and a truncated answer loses everything after.
	MaxSegments, MaxChars int
	// PlainJSON skips response_format for servers that reject it; the answer
	// is then parsed from the message text. Servers that answer 400 to
	// json_schema are switched to this automatically.
	PlainJSON bool
	// Client defaults to a client with a 120 s timeout (models are slow).
	Client *http.Client
	// Now defaults to time.Now (Retry-After dates).
	Now func() time.Time
}

// Backend translates with a chat model.
type Backend struct {
	cfg   Config
	base  string
	plain atomic.Bool // structured output refused once: stop asking
}

// New checks cfg and returns the backend.
func New(cfg Config) (*Backend, error) {
	if cfg.Name == "" {
		cfg.Name = "openai"
	}
	if cfg.Model == "" {
		return nil, fmt.Errorf("%s: no model configured: %w", cfg.Name, translate.ErrPermanent)
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if base == DefaultBaseURL && cfg.Key == "" {
		return nil, fmt.Errorf("%s: api.openai.com needs an API key: %w", cfg.Name, translate.ErrPermanent)
	}
	if cfg.MaxSegments <= 0 {
		cfg.MaxSegments = DefaultMaxSegments
	}
	if cfg.MaxChars <= 0 {
		cfg.MaxChars = DefaultMaxChars
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 120 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	b := &Backend{cfg: cfg, base: strings.TrimRight(base, "/")}
	b.plain.Store(cfg.PlainJSON)
	return b, nil
}

// Name implements translate.Backend.
func (b *Backend) Name() string { return b.cfg.Name }

// AppliesGlossary implements translate.GlossaryApplier: preferred
// translations go into the system prompt.
func (b *Backend) AppliesGlossary() bool { return true }

// Endpoint is the chat-completions URL in use.
func (b *Backend) Endpoint() string { return b.base + "/chat/completions" }

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []message      `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat map[string]any `json:"response_format,omitempty"`
}

type chatResponse struct {
	Model   string `json:"model"`
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
			Refusal string  `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// Translate implements translate.Backend.
func (b *Backend) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	if req.From == "" || req.To == "" {
		return nil, fmt.Errorf("%s: empty language: %w", b.cfg.Name, translate.ErrUnsupportedPair)
	}
	out := make([]translate.Draft, 0, len(req.Segments))
	for _, segs := range httpmt.Batches(req.Segments, b.cfg.MaxSegments, b.cfg.MaxChars, httpmt.BilledChars) {
		ds, err := b.call(ctx, req, segs)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

func (b *Backend) call(ctx context.Context, req translate.Request, segs []translate.Segment) ([]translate.Draft, error) {
	user, err := userMessage(req.From, req.To, segs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.cfg.Name, err)
	}
	body := chatRequest{
		Model: b.cfg.Model,
		Messages: []message{
			{Role: "system", Content: systemPrompt(req.From, req.To, req.Glossary)},
			{Role: "user", Content: user},
		},
	}
	raw, status, err := b.post(ctx, body, !b.plain.Load())
	if status == http.StatusBadRequest && !b.plain.Load() && strings.Contains(err.Error(), "response_format") {
		// The server does not do structured output: ask for plain JSON, now
		// and from now on.
		b.plain.Store(true)
		raw, _, err = b.post(ctx, body, false)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.cfg.Name, err)
	}
	var r chatResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("%s: malformed response: %w", b.cfg.Name, err)
	}
	if len(r.Choices) == 0 {
		return nil, fmt.Errorf("%s: malformed response: no choices", b.cfg.Name)
	}
	msg := r.Choices[0].Message
	if msg.Refusal != "" {
		return nil, fmt.Errorf("%s: the model refused: %s", b.cfg.Name, msg.Refusal)
	}
	if msg.Content == nil {
		return nil, fmt.Errorf("%s: malformed response: no message content", b.cfg.Name)
	}
	got, err := parseContent(*msg.Content)
	if err != nil {
		if r.Choices[0].FinishReason == "length" {
			err = fmt.Errorf("answer cut off at the token limit: %w", err)
		}
		return nil, fmt.Errorf("%s: %w", b.cfg.Name, err)
	}
	engine := b.cfg.Name + " " + b.cfg.Model
	return b.drafts(segs, got, req.Glossary, engine), nil
}

// drafts matches the model's answers to the segments by id. A segment with
// no answer, a repeated answer, or tags that cannot be repaired fails alone.
func (b *Backend) drafts(segs []translate.Segment, got []wireSegment, glossary []translate.Term, engine string) []translate.Draft {
	byID := map[string][]string{}
	for _, g := range got {
		byID[g.ID] = append(byID[g.ID], g.Text)
	}
	out := make([]translate.Draft, len(segs))
	for i, s := range segs {
		d := translate.Draft{ID: s.ID, Backend: b.cfg.Name, Engine: engine, BilledChars: httpmt.BilledChars(s)}
		answers := byID[fmt.Sprint(i+1)]
		switch {
		case len(answers) == 0:
			d.Err = fmt.Errorf("%s: the model returned no translation for segment %d (%d answers for %d segments)", b.cfg.Name, i+1, len(got), len(segs))
		case len(answers) > 1:
			d.Err = fmt.Errorf("%s: the model returned %d translations for segment %d", b.cfg.Name, len(answers), i+1)
		default:
			text, notes, err := translate.RepairTags(s, fromModel(answers[0]))
			if err != nil {
				d.Err = fmt.Errorf("%s: segment %d: %w", b.cfg.Name, i+1, err)
				break
			}
			d.Text, d.Notes = text, append(notes, keptTerms(s.Text, text, glossary)...)
		}
		out[i] = d
	}
	return out
}

// keptTerms notes do-not-translate terms of the source the model changed.
func keptTerms(src, dst string, glossary []translate.Term) []note.Note {
	var notes []note.Note
	for _, t := range glossary {
		if t.DoNotTranslate && t.Source != "" && strings.Contains(src, t.Source) && !strings.Contains(dst, t.Source) {
			notes = append(notes, note.New(note.TermNotKept, "term", t.Source))
		}
	}
	return notes
}

// post sends one chat request; status is the HTTP status of a failure.
func (b *Backend) post(ctx context.Context, body chatRequest, structured bool) ([]byte, int, error) {
	body.ResponseFormat = nil
	if structured {
		body.ResponseFormat = map[string]any{
			"type": "json_schema",
			"json_schema": map[string]any{
				"name":   "translations",
				"strict": true,
				"schema": responseSchema(),
			},
		}
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, 0, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, b.Endpoint(), bytes.NewReader(raw))
	if err != nil {
		return nil, 0, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	if b.cfg.Key != "" {
		hreq.Header.Set("Authorization", "Bearer "+b.cfg.Key)
	}
	resp, rbody, err := httpmt.Send(ctx, b.cfg.Client, hreq)
	if err != nil {
		return nil, 0, err
	}
	if resp.StatusCode/100 != 2 {
		return nil, resp.StatusCode, b.statusError(resp, rbody)
	}
	return rbody, 0, nil
}

// statusError classifies a failure. OpenAI answers 429 both for rate limits
// (transient, with Retry-After) and for an exhausted balance (error code
// "insufficient_quota"), which no retry fixes.
func (b *Backend) statusError(resp *http.Response, body []byte) error {
	var e struct {
		Error struct {
			Message string `json:"message"`
			Code    any    `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	if resp.StatusCode == http.StatusTooManyRequests && e.Error.Code == "insufficient_quota" {
		return fmt.Errorf("%w: quota exhausted: HTTP 429 from %s: %s", translate.ErrPermanent, resp.Request.URL.Host, e.Error.Message)
	}
	return httpmt.StatusError(resp, body, b.cfg.Now)
}
