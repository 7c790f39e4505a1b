// Package apy is the backend for Apertium-APy, Apertium's HTTP service
// (registry name "apertium-apy"): for deployments that run Apertium in its
// own container (docker-compose's apertium-apy) instead of on the worker.
//
// APy's /translate takes one q per request. Sending a request per segment
// would cost an HTTP round trip and a pipeline flush per sentence, so the
// backend joins a batch into one HTML document, each segment in its own
// <div class="prseg" id="prN"> (a block element: Apertium's HTML deformatter
// ends the sentence there, so nothing moves across segments), and splits the
// answer on those markers. When the markers do not come back intact, the
// batch is retried one segment per request, a few at a time.
package apy

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt"
)

// Name is the registry name.
const Name = "apertium-apy"

// Defaults.
const (
	DefaultBaseURL = "http://localhost:2737"
	// DefaultMaxChars bounds one joined request: APy kills a pipeline that
	// takes longer than its --timeout (10 s by default); Apertium does
	// ≈6,000 words/s, so 20,000 characters take well under a second.
	DefaultMaxChars = 20000
	// DefaultParallel is how many single-segment requests run at once when
	// a joined answer cannot be split.
	DefaultParallel = 4
)

// Config configures the backend.
type Config struct {
	// BaseURL is the APy server (default DefaultBaseURL).
	BaseURL string
	// Pairs maps "from-to" (BCP 47, case-insensitive) to the APy language
	// pairs to run in turn, overriding the defaults: "en-es" → [en|es],
	// "en-pt-BR" and "en-pt" → [en|es, es|pt_BR], "en-pt-PT" → [en|es,
	// es|pt] (Apertium has no English–Portuguese pair; it pivots through
	// Spanish, as the local backend does).
	Pairs map[string][]string
	// MaxChars caps one joined request (default DefaultMaxChars).
	MaxChars int
	// Parallel bounds single-segment requests (default DefaultParallel).
	Parallel int
	// Client defaults to a client with a 30 s timeout.
	Client *http.Client
	// Now defaults to time.Now (Retry-After dates).
	Now func() time.Time
}

// Backend translates through Apertium-APy.
type Backend struct {
	cfg  Config
	base string
}

// New returns the backend.
func New(cfg Config) (*Backend, error) {
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if _, err := url.Parse(base); err != nil {
		return nil, fmt.Errorf("apertium-apy: base_url: %w", err)
	}
	if cfg.MaxChars <= 0 {
		cfg.MaxChars = DefaultMaxChars
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = DefaultParallel
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
func (b *Backend) Name() string { return Name }

// Endpoint is the translate URL in use.
func (b *Backend) Endpoint() string { return b.base + "/translate" }

// Hops returns the APy language pairs from→to runs through.
func (b *Backend) Hops(from, to string) []string {
	key := from + "-" + to
	for k, v := range b.cfg.Pairs {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	f, t := apyCode(from), apyCode(to)
	if base, _, _ := strings.Cut(t, "_"); base == "pt" && f != "es" && f != "pt" {
		if t == "pt" {
			t = "pt_BR" // plain "pt" means Brazilian, as everywhere in pressroom
		}
		if t == "pt_PT" {
			t = "pt"
		}
		return []string{f + "|es", "es|" + t}
	}
	return []string{f + "|" + t}
}

// apyCode turns a BCP 47 tag into APy's form: "pt-BR" → "pt_BR". APy
// converts ISO 639-1 codes to its 639-3 mode names itself.
func apyCode(tag string) string {
	base, region, ok := strings.Cut(tag, "-")
	if !ok {
		return strings.ToLower(base)
	}
	return strings.ToLower(base) + "_" + strings.ToUpper(region)
}

// Translate implements translate.Backend.
func (b *Backend) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	if req.From == "" || req.To == "" {
		return nil, fmt.Errorf("apertium-apy: empty language: %w", translate.ErrUnsupportedPair)
	}
	hops := b.Hops(req.From, req.To)
	keep := httpmt.KeepTerms(req.Glossary)
	size := func(s translate.Segment) int { return len(s.Text) }
	out := make([]translate.Draft, 0, len(req.Segments))
	for _, segs := range httpmt.Batches(req.Segments, len(req.Segments), b.cfg.MaxChars, size) {
		ds, err := b.batch(ctx, hops, segs, keep)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

var segRE = regexp.MustCompile(`(?s)<div class="prseg" id="pr(\d+)">(.*?)</div>`)

// batch translates segs as one joined document; if the answer cannot be
// split back, one request per segment.
func (b *Backend) batch(ctx context.Context, hops []string, segs []translate.Segment, keep []string) ([]translate.Draft, error) {
	var doc strings.Builder
	for i, s := range segs {
		fmt.Fprintf(&doc, `<div class="prseg" id="pr%d">%s</div>`, i, httpmt.ToMarkup(s.Text, keep))
	}
	text, err := b.run(ctx, hops, doc.String())
	if err != nil {
		return nil, err
	}
	parts, ok := split(text, len(segs))
	if !ok {
		return b.oneByOne(ctx, hops, segs, keep), nil
	}
	out := make([]translate.Draft, len(segs))
	for i, s := range segs {
		out[i] = b.draft(s, parts[i], nil)
	}
	return out, nil
}

// split returns the n segments of a joined answer, or false when the
// markers did not survive exactly (missing, repeated, out of order, or text
// outside them).
func split(text string, n int) ([]string, bool) {
	ms := segRE.FindAllStringSubmatchIndex(text, -1)
	if len(ms) != n {
		return nil, false
	}
	parts := make([]string, n)
	prev := 0
	for i, m := range ms {
		if strings.TrimSpace(text[prev:m[0]]) != "" {
			return nil, false
		}
		if id, _ := strconv.Atoi(text[m[2]:m[3]]); id != i {
			return nil, false
		}
		parts[i] = text[m[4]:m[5]]
		prev = m[1]
	}
	return parts, strings.TrimSpace(text[prev:]) == ""
}

func (b *Backend) oneByOne(ctx context.Context, hops []string, segs []translate.Segment, keep []string) []translate.Draft {
	out := make([]translate.Draft, len(segs))
	sem := make(chan struct{}, b.cfg.Parallel)
	var wg sync.WaitGroup
	for i, s := range segs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				out[i] = b.draft(s, "", ctx.Err())
				return
			}
			text, err := b.run(ctx, hops, httpmt.ToMarkup(s.Text, keep))
			out[i] = b.draft(s, text, err)
		}()
	}
	wg.Wait()
	return out
}

func (b *Backend) draft(s translate.Segment, text string, err error) translate.Draft {
	d := translate.Draft{ID: s.ID, Backend: Name, Engine: "apertium-apy"}
	if err == nil {
		text, err = httpmt.FromMarkup(edges(s.Text, text))
	}
	if err == nil {
		// APy's HTML deformatter carries tags as superblanks, which stay
		// where they are when transfer reorders words: a tag can land on
		// the neighbouring word ("The <1>red</1> house" → "La <1>casa</1>
		// roja"), or its closing can come before its opening ("the
		// <2>planet’s</2> reserves" → "las reservas del</2> <2>planeta"). A
		// draft has the source's placeholders (translate.Draft) or an error
		// wrapping inline.ErrTagMismatch, which hands the segment to the
		// next backend.
		text, d.Notes, err = translate.RepairTags(s, text)
	}
	if err != nil {
		d.Err = fmt.Errorf("apertium-apy: %w", err)
		return d
	}
	d.Text = tidyBlanks(s.Text, dropMarks(s.Text, curlyApostrophes(s.Text, text)))
	return d
}

// markRE finds a mark Apertium puts before a word it could not transfer
// ("@") or generate ("#") — markUnknown=no removes only "*" — with the word:
// "desde el @1990s".
var markRE = regexp.MustCompile(`(^|[^\pL\pN_.@#])([@#])([\pL\pN][\pL\pN_]*)`)

// dropMarks removes Apertium's error marks from a draft; "@nytimes" or
// "#MeToo" as the source writes them stay.
func dropMarks(src, draft string) string {
	if !strings.ContainsAny(draft, "@#") {
		return draft
	}
	return markRE.ReplaceAllStringFunc(draft, func(m string) string {
		p := markRE.FindStringSubmatch(m)
		if strings.Contains(src, p[2]+p[3]) {
			return m
		}
		return p[1] + p[3]
	})
}

// blankRules are blanks Apertium leaves where transfer dropped or merged a
// word ("Eastbridge  la junta", "alimentador ,"), each removed unless the
// source has the same shape.
var blankRules = []struct {
	in, fix *regexp.Regexp
	to      string
}{
	{regexp.MustCompile(`  `), regexp.MustCompile(`  +`), " "},
	{regexp.MustCompile(` [.,;:!?]`), regexp.MustCompile(` +([.,;:!?])`), "$1"},
}

// tidyBlanks removes from a draft the blanks of blankRules.
func tidyBlanks(src, draft string) string {
	for _, r := range blankRules {
		if !r.in.MatchString(src) {
			draft = r.fix.ReplaceAllString(draft, r.to)
		}
	}
	return draft
}

// curlyApostrophes gives a draft back the source's apostrophe: Apertium's
// English analyser reads ’ as an apostrophe and prints ASCII "'" ("Trump’s"
// → "Triunfo'"), so when the source writes its apostrophes curly and never
// straight, every "'" of the draft stands for one. (Tagged text has no "'"
// of its own: placeholders carry no attributes.)
func curlyApostrophes(src, draft string) string {
	if strings.Contains(src, "’") && !strings.Contains(src, "'") {
		return strings.ReplaceAll(draft, "'", "’")
	}
	return draft
}

// edges trims the blanks Apertium adds at either end of a text, keeping the
// source's own.
func edges(src, text string) string {
	if !strings.HasSuffix(src, " ") {
		text = strings.TrimRightFunc(text, unicode.IsSpace)
	}
	if !strings.HasPrefix(src, " ") {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
	}
	return text
}

// run sends text through each hop in turn.
func (b *Backend) run(ctx context.Context, hops []string, text string) (string, error) {
	for _, pair := range hops {
		var err error
		if text, err = b.translate(ctx, pair, text); err != nil {
			return "", err
		}
	}
	return text, nil
}

type response struct {
	ResponseData *struct {
		TranslatedText *string `json:"translatedText"`
	} `json:"responseData"`
	ResponseStatus int    `json:"responseStatus"`
	ResponseDetail string `json:"responseDetails"`
}

// translate is one POST /translate (form-encoded, so long texts fit).
func (b *Backend) translate(ctx context.Context, pair, q string) (string, error) {
	form := url.Values{"langpair": {pair}, "q": {q}, "markUnknown": {"no"}, "format": {"html"}}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, b.Endpoint(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("apertium-apy: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, body, err := httpmt.Send(ctx, b.cfg.Client, hreq)
	if err != nil {
		return "", fmt.Errorf("apertium-apy: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return "", fmt.Errorf("apertium-apy %s: %w", pair, b.statusError(resp, body, pair))
	}
	var r response
	if err := json.Unmarshal(body, &r); err != nil {
		return "", fmt.Errorf("apertium-apy %s: malformed response: %w", pair, err)
	}
	if r.ResponseStatus != http.StatusOK || r.ResponseData == nil || r.ResponseData.TranslatedText == nil {
		return "", fmt.Errorf("apertium-apy %s: malformed response: responseStatus %d, no responseData.translatedText", pair, r.ResponseStatus)
	}
	return *r.ResponseData.TranslatedText, nil
}

// statusError classifies a failure. APy answers 400 "That pair is not
// installed" (or "is invalid") for pairs it lacks: an unsupported pair, not
// a transient failure; 503 when a pipeline timed out or died.
func (b *Backend) statusError(resp *http.Response, body []byte, pair string) error {
	var e struct {
		Explanation string `json:"explanation"`
	}
	_ = json.Unmarshal(body, &e)
	if resp.StatusCode == http.StatusBadRequest && strings.Contains(e.Explanation, "pair") {
		return fmt.Errorf("%s: %s: %w", pair, e.Explanation, translate.ErrUnsupportedPair)
	}
	return httpmt.StatusError(resp, body, b.cfg.Now)
}
