package libretranslate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt/httpmttest"
)

// fakeLT speaks the documented POST /translate contract: a JSON body with
// q as an array, source, target, format and api_key; the answer
// {"translatedText": [...]} in the same order. It enforces a batch limit as
// instances do (--batch-limit), with the 400 they send.
type fakeLT struct {
	t          *testing.T
	status     int
	header     map[string]string
	body       string
	batchLimit int

	mu       sync.Mutex
	requests []map[string]any
}

func (f *fakeLT) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/translate" {
		f.t.Errorf("request %s %s, want POST /translate", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		f.t.Errorf("Content-Type = %q", got)
	}
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		f.t.Errorf("body %q: %v", raw, err)
	}
	f.mu.Lock()
	f.requests = append(f.requests, body)
	f.mu.Unlock()
	for k, v := range f.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	if body["api_key"] != "lt-key" {
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"error":"Invalid API key"}`)
		return
	}
	if f.status != 0 {
		w.WriteHeader(f.status)
	}
	if f.body != "" || f.status != 0 {
		io.WriteString(w, f.body)
		return
	}
	q := body["q"].([]any)
	if f.batchLimit > 0 && len(q) > f.batchLimit {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":"Invalid request: request (%d) exceeds text limit (%d)"}`, len(q), f.batchLimit)
		return
	}
	var resp response
	for _, t := range q {
		resp.TranslatedText = append(resp.TranslatedText, "ES:"+t.(string))
	}
	json.NewEncoder(w).Encode(resp)
}

func newFake(t *testing.T, f *fakeLT, cfg Config) (*Backend, *fakeLT) {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL + "/"
	if cfg.Key == "" {
		cfg.Key = "lt-key"
	}
	cfg.Client = &http.Client{Timeout: 2 * time.Second}
	cfg.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return b, f
}

func segs(n int) []translate.Segment {
	out := make([]translate.Segment, n)
	for i := range out {
		out[i] = translate.Segment{ID: fmt.Sprint(i), Text: fmt.Sprintf("Read <1>part %d</1> &amp; more<2/>", i)}
	}
	return out
}

func TestRequestShapeAndTags(t *testing.T) {
	b, f := newFake(t, &fakeLT{}, Config{Languages: map[string]string{"pt-BR": "pb"}})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "pt-BR", Segments: segs(2),
		Glossary: []translate.Term{{Source: "part", DoNotTranslate: true}}})
	if err != nil {
		t.Fatal(err)
	}
	keep := `<keep translate="no" class="notranslate">part</keep>`
	wantBody := map[string]any{
		"q":       []any{"Read <g1>" + keep + " 0</g1> &amp; more<x2/>", "Read <g1>" + keep + " 1</g1> &amp; more<x2/>"},
		"source":  "en",
		"target":  "pb",
		"format":  "html",
		"api_key": "lt-key",
	}
	if d := cmp.Diff(wantBody, f.requests[0]); d != "" {
		t.Errorf("request body (-want +got):\n%s", d)
	}
	want := []translate.Draft{
		{ID: "0", Text: "ES:Read <1>part 0</1> &amp; more<2/>", Backend: "libretranslate", Engine: "libretranslate", BilledChars: 18},
		{ID: "1", Text: "ES:Read <1>part 1</1> &amp; more<2/>", Backend: "libretranslate", Engine: "libretranslate", BilledChars: 18},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
}

// TestRequestsPerArticle: requests = batches of MaxTexts, not segments, and
// a configured cap below the instance's batch limit is respected.
func TestRequestsPerArticle(t *testing.T) {
	for _, n := range []int{1, 20, 21, 45} {
		b, f := newFake(t, &fakeLT{batchLimit: 20}, Config{MaxTexts: 20})
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(n)})
		if err != nil {
			t.Fatal(err)
		}
		if want := (n + 19) / 20; len(f.requests) != want || len(got) != n {
			t.Errorf("%d segments: %d requests and %d drafts, want %d requests", n, len(f.requests), len(got), want)
		}
		for i, d := range got {
			if d.ID != fmt.Sprint(i) || d.Err != nil {
				t.Fatalf("draft %d = %+v: order lost across batches", i, d)
			}
		}
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name        string
		fake        *fakeLT
		key         string
		permanent   bool
		unsupported bool
		retryAfter  time.Duration
	}{
		{name: "429 with Retry-After", fake: &fakeLT{status: 429, body: `{"error":"Too many request limits violations"}`, header: map[string]string{"Retry-After": "7"}}, retryAfter: 7 * time.Second},
		{name: "429 without Retry-After", fake: &fakeLT{status: 429, body: `{"error":"Too many request limits violations"}`}},
		{name: "403 invalid key", fake: &fakeLT{}, key: "wrong", permanent: true},
		{name: "400 unsupported language", fake: &fakeLT{status: 400, body: `{"error":"xx is not supported"}`}, permanent: true, unsupported: true},
		{name: "400 over the batch limit", fake: &fakeLT{batchLimit: 1}, permanent: true},
		{name: "500", fake: &fakeLT{status: 500, body: `{"error":"boom"}`}},
		{name: "502 HTML from a proxy", fake: &fakeLT{status: 502, body: `<html>Bad Gateway</html>`}},
		{name: "malformed body", fake: &fakeLT{body: `{"translatedText": [`}},
		{name: "string instead of array", fake: &fakeLT{body: `{"translatedText": "hola"}`}},
		{name: "wrong count", fake: &fakeLT{body: `{"translatedText": ["uno"]}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newFake(t, tt.fake, Config{Key: tt.key})
			_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(2)})
			httpmttest.CheckFailure(t, err, tt.permanent, tt.retryAfter)
			if got := errors.Is(err, translate.ErrUnsupportedPair); got != tt.unsupported {
				t.Errorf("unsupported pair = %v, want %v (%v)", got, tt.unsupported, err)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	srv := httpmttest.HangingServer(t)
	b, _ := New(Config{BaseURL: srv.URL, Client: &http.Client{Timeout: 50 * time.Millisecond}})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(1)})
	if err == nil || translate.IsPermanent(err) {
		t.Fatalf("err = %v, want a transient timeout", err)
	}
}

func TestNeedsBaseURL(t *testing.T) {
	if _, err := New(Config{}); err == nil || !strings.Contains(err.Error(), "base_url") {
		t.Errorf("err = %v, want one naming base_url", err)
	}
}

// TestRouterFallsBack: per the configured chain, segments LibreTranslate
// cannot answer (5xx) go to the next backend; after threshold failures its
// circuit opens.
func TestRouterFallsBack(t *testing.T) {
	b, f := newFake(t, &fakeLT{status: 500, body: `{"error":"model crashed"}`}, Config{})
	reg, _ := translate.NewRegistry(b, translate.NewCopy())
	r, err := translate.NewRouter(reg, translate.Policy{Default: []string{"tm", "libretranslate", "copy"}},
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), translate.WithBreaker(2, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		got, err := r.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(2)})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range got {
			if d.Err != nil || d.Backend != "copy" {
				t.Errorf("draft %+v, want one from copy", d)
			}
		}
	}
	if len(f.requests) != 2 {
		t.Errorf("LibreTranslate called %d times, want 2 (circuit open after 2 failures)", len(f.requests))
	}
}

// TestDoNotTranslateSurvives: behind the glossary's guard, a name and a
// preferred term never reach the engine and come back as written.
func TestDoNotTranslateSurvives(t *testing.T) {
	b, _ := newFake(t, &fakeLT{}, Config{})
	httpmttest.CheckDoNotTranslate(t, b, "en", "es")
}
