package deepl

import (
	"context"
	"encoding/json"
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

// fakeDeepL speaks the documented /v2/translate contract: it checks the
// request and answers each text with "ES:" + text (markup untouched), or
// with the scripted status.
type fakeDeepL struct {
	t      *testing.T
	status int
	header map[string]string
	body   string // raw body for failures / malformed answers

	mu       sync.Mutex
	requests []map[string]any
}

func (f *fakeDeepL) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v2/translate" {
		f.t.Errorf("request %s %s, want POST /v2/translate", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("Authorization"); got != "DeepL-Auth-Key secret:fx" {
		f.t.Errorf("Authorization = %q", got)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		f.t.Errorf("Content-Type = %q", got)
	}
	if r.URL.RawQuery != "" {
		f.t.Errorf("query parameters %q: the key must not travel in the URL", r.URL.RawQuery)
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
	if f.status != 0 {
		w.WriteHeader(f.status)
		io.WriteString(w, f.body)
		return
	}
	if f.body != "" {
		io.WriteString(w, f.body)
		return
	}
	var resp response
	for _, t := range body["text"].([]any) {
		resp.Translations = append(resp.Translations, struct {
			DetectedSourceLanguage string `json:"detected_source_language"`
			Text                   string `json:"text"`
		}{"EN", "ES:" + t.(string)})
	}
	json.NewEncoder(w).Encode(resp)
}

func newFake(t *testing.T, f *fakeDeepL) (*Backend, *fakeDeepL) {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	b, err := New(Config{Key: "secret:fx", BaseURL: srv.URL, Formality: "prefer_less", GlossaryID: "g-1",
		Client: &http.Client{Timeout: 2 * time.Second}})
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
	b, f := newFake(t, &fakeDeepL{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "pt-BR", Segments: segs(1),
		Glossary: []translate.Term{{Source: "Donald Trump", DoNotTranslate: true}, {Source: "war", Target: "guerra"}}})
	if err != nil {
		t.Fatal(err)
	}
	wantBody := map[string]any{
		"text":         []any{"Read <g1>part 0</g1> &amp; more<x2/>"},
		"source_lang":  "EN",
		"target_lang":  "PT-BR",
		"tag_handling": "xml",
		"ignore_tags":  []any{"keep"},
		"formality":    "prefer_less",
		"glossary_id":  "g-1",
	}
	if d := cmp.Diff(wantBody, f.requests[0]); d != "" {
		t.Errorf("request body (-want +got):\n%s", d)
	}
	if want := "ES:Read <1>part 0</1> &amp; more<2/>"; got[0].Text != want || got[0].Err != nil {
		t.Errorf("draft %q (%v), want %q", got[0].Text, got[0].Err, want)
	}
	if got[0].BilledChars != len("Read part 0 & more") {
		t.Errorf("billed chars %d", got[0].BilledChars)
	}
}

func TestDoNotTranslateWrapped(t *testing.T) {
	b, f := newFake(t, &fakeDeepL{})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "1", Text: "Donald Trump spoke."}},
		Glossary: []translate.Term{{Source: "Donald Trump", DoNotTranslate: true}}})
	if err != nil {
		t.Fatal(err)
	}
	text := f.requests[0]["text"].([]any)[0].(string)
	if !strings.Contains(text, ">Donald Trump</keep>") {
		t.Errorf("sent %q: the name is not in an ignored tag", text)
	}
}

// TestRequestsPerArticle: requests = batches of 50, not segments.
func TestRequestsPerArticle(t *testing.T) {
	for _, n := range []int{1, 50, 51, 120} {
		b, f := newFake(t, &fakeDeepL{})
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(n)})
		if err != nil {
			t.Fatal(err)
		}
		want := (n + MaxTexts - 1) / MaxTexts
		if len(f.requests) != want || len(got) != n {
			t.Errorf("%d segments: %d requests and %d drafts, want %d requests", n, len(f.requests), len(got), want)
		}
		for i, d := range got {
			if d.ID != fmt.Sprint(i) {
				t.Fatalf("draft %d has ID %q: order lost across batches", i, d.ID)
			}
		}
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name       string
		fake       *fakeDeepL
		permanent  bool
		retryAfter time.Duration
	}{
		{name: "429 with Retry-After", fake: &fakeDeepL{status: 429, header: map[string]string{"Retry-After": "7"}}, retryAfter: 7 * time.Second},
		{name: "429 without Retry-After", fake: &fakeDeepL{status: 429}},
		{name: "456 quota", fake: &fakeDeepL{status: 456, body: `{"message":"Quota exceeded"}`}, permanent: true},
		{name: "401", fake: &fakeDeepL{status: 401}, permanent: true},
		{name: "403", fake: &fakeDeepL{status: 403, body: `{"message":"Wrong endpoint"}`}, permanent: true},
		{name: "500", fake: &fakeDeepL{status: 500}},
		{name: "503 Retry-After date", fake: &fakeDeepL{status: 503, header: map[string]string{"Retry-After": "Thu, 01 Jan 2026 00:00:30 GMT"}}, retryAfter: 30 * time.Second},
		{name: "malformed body", fake: &fakeDeepL{body: `{"translations": [`}},
		{name: "wrong count", fake: &fakeDeepL{body: `{"translations": []}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newFake(t, tt.fake)
			b.cfg.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
			_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(2)})
			httpmttest.CheckFailure(t, err, tt.permanent, tt.retryAfter)
		})
	}
}

func TestTimeout(t *testing.T) {
	srv := httpmttest.HangingServer(t)
	b, _ := New(Config{Key: "k", BaseURL: srv.URL, Client: &http.Client{Timeout: 50 * time.Millisecond}})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(1)})
	if err == nil || translate.IsPermanent(err) {
		t.Fatalf("err = %v, want a transient timeout", err)
	}
}

func TestHostFromKey(t *testing.T) {
	for key, want := range map[string]string{
		"abc:fx": "https://api-free.deepl.com/v2/translate",
		"abc":    "https://api.deepl.com/v2/translate",
	} {
		b, err := New(Config{Key: key})
		if err != nil {
			t.Fatal(err)
		}
		if b.Endpoint() != want {
			t.Errorf("key %q → %s, want %s", key, b.Endpoint(), want)
		}
	}
	if _, err := New(Config{}); !translate.IsPermanent(err) {
		t.Errorf("no key: err = %v, want permanent", err)
	}
}

// TestRouterFallsBack: DeepL out of quota → the router's next backend
// translates, and the quota error opens DeepL's circuit.
func TestRouterFallsBack(t *testing.T) {
	b, f := newFake(t, &fakeDeepL{status: 456})
	reg, _ := translate.NewRegistry(b, translate.NewPseudo())
	r, err := translate.NewRouter(reg, translate.Policy{Pairs: map[string][]string{"en-es": {"deepl", "pseudo"}}},
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got, err := r.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(3)})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range got {
			if d.Err != nil || d.Backend != "pseudo" {
				t.Errorf("draft %+v, want one from pseudo", d)
			}
		}
	}
	if len(f.requests) != 1 {
		t.Errorf("DeepL called %d times, want 1 (circuit open after the quota error)", len(f.requests))
	}
}

// TestDoNotTranslateSurvives: behind the glossary's guard, a name and a
// preferred term never reach the engine and come back as written.
func TestDoNotTranslateSurvives(t *testing.T) {
	b, _ := newFake(t, &fakeDeepL{})
	httpmttest.CheckDoNotTranslate(t, b, "en", "es")
}
