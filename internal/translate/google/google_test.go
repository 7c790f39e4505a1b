package google

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt/httpmttest"
)

// fakeGoogle speaks the documented v2 contract: POST
// /language/translate/v2, JSON body {q: [...], source, target, format},
// answer {"data": {"translations": [{"translatedText"}]}}. Like the real
// service in HTML mode it escapes apostrophes as &#39; and writes empty
// elements as <x2></x2>; it "translates" by prefixing "ES:".
type fakeGoogle struct {
	t      *testing.T
	status int
	header map[string]string
	body   string // raw body for failures / malformed answers

	mu       sync.Mutex
	requests []map[string]any
}

var emptyElem = regexp.MustCompile(`<x(\d+)/>`)

func (f *fakeGoogle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/language/translate/v2" {
		f.t.Errorf("request %s %s, want POST /language/translate/v2", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("X-Goog-Api-Key"); got != "gkey" {
		f.t.Errorf("X-Goog-Api-Key = %q", got)
	}
	if got := r.Header.Get("Content-Type"); !strings.HasPrefix(got, "application/json") {
		f.t.Errorf("Content-Type = %q", got)
	}
	if r.URL.RawQuery != "" {
		f.t.Errorf("query %q: the key must not travel in the URL", r.URL.RawQuery)
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
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	if f.status != 0 {
		w.WriteHeader(f.status)
	}
	if f.body != "" || f.status != 0 {
		io.WriteString(w, f.body)
		return
	}
	q, _ := body["q"].([]any)
	if len(q) > MaxTexts {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":{"code":400,"message":"Too many text segments","errors":[{"reason":"invalid"}]}}`)
		return
	}
	var resp response
	for _, t := range q {
		s := strings.ReplaceAll(t.(string), "'", "&#39;")
		s = emptyElem.ReplaceAllString(s, "<x$1></x$1>")
		resp.Data.Translations = append(resp.Data.Translations, struct {
			TranslatedText string `json:"translatedText"`
		}{"ES:" + s})
	}
	json.NewEncoder(w).Encode(resp)
}

func newFake(t *testing.T, f *fakeGoogle) (*Backend, *fakeGoogle) {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	b, err := New(Config{Key: "gkey", BaseURL: srv.URL, Client: &http.Client{Timeout: 2 * time.Second},
		Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return b, f
}

func segs(n int) []translate.Segment {
	out := make([]translate.Segment, n)
	for i := range out {
		out[i] = translate.Segment{ID: fmt.Sprint(i), Text: fmt.Sprintf("Read <1>part %d</1> &amp; it's more<2/>", i)}
	}
	return out
}

func TestRequestShapeAndTags(t *testing.T) {
	b, f := newFake(t, &fakeGoogle{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "pt-BR", Segments: segs(1),
		Glossary: []translate.Term{{Source: "Donald Trump", DoNotTranslate: true}}})
	if err != nil {
		t.Fatal(err)
	}
	wantBody := map[string]any{
		"q":      []any{"Read <g1>part 0</g1> &amp; it's more<x2/>"},
		"source": "en",
		"target": "pt",
		"format": "html",
	}
	if d := cmp.Diff(wantBody, f.requests[0]); d != "" {
		t.Errorf("request body (-want +got):\n%s", d)
	}
	want := []translate.Draft{{ID: "0", Text: "ES:Read <1>part 0</1> &amp; it's more<2/>", Backend: "google", Engine: "google v2",
		BilledChars: len("Read part 0 & it's more")}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
}

func TestDoNotTranslateWrapped(t *testing.T) {
	b, f := newFake(t, &fakeGoogle{})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "1", Text: "Donald Trump spoke."}},
		Glossary: []translate.Term{{Source: "Donald Trump", DoNotTranslate: true}}})
	if err != nil {
		t.Fatal(err)
	}
	text := f.requests[0]["q"].([]any)[0].(string)
	if !strings.Contains(text, `translate="no"`) || !strings.Contains(text, ">Donald Trump</keep>") {
		t.Errorf("sent %q: the name is not marked translate=\"no\"", text)
	}
}

func TestTargetCodes(t *testing.T) {
	tests := map[string]string{"es": "es", "pt-BR": "pt", "pt": "pt", "pt-PT": "pt-PT", "es-419": "es", "zh-TW": "zh-TW"}
	for in, want := range tests {
		if got, err := targetLang(in); err != nil || got != want {
			t.Errorf("targetLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestRequestsPerArticle: requests = batches of 128 strings, not segments.
func TestRequestsPerArticle(t *testing.T) {
	for _, n := range []int{1, 128, 129, 300} {
		b, f := newFake(t, &fakeGoogle{})
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(n)})
		if err != nil {
			t.Fatal(err)
		}
		want := (n + MaxTexts - 1) / MaxTexts
		if len(f.requests) != want || len(got) != n {
			t.Errorf("%d segments: %d requests and %d drafts, want %d requests", n, len(f.requests), len(got), want)
		}
		for i, d := range got {
			if d.ID != fmt.Sprint(i) || d.Err != nil {
				t.Fatalf("draft %d = %+v: order lost across batches", i, d)
			}
		}
	}
}

func TestCharacterBatching(t *testing.T) {
	b, f := newFake(t, &fakeGoogle{})
	long := strings.Repeat("word ", 600) // 3,000 characters
	req := translate.Request{From: "en", To: "es", Segments: []translate.Segment{{ID: "a", Text: long}, {ID: "b", Text: long}, {ID: "c", Text: "x"}}}
	if _, err := b.Translate(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, r := range f.requests {
		sizes = append(sizes, len(r["q"].([]any)))
	}
	if d := cmp.Diff([]int{1, 2}, sizes); d != "" {
		t.Errorf("strings per request (-want +got):\n%s", d)
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name       string
		fake       *fakeGoogle
		permanent  bool
		retryAfter time.Duration
	}{
		{name: "429 with Retry-After", fake: &fakeGoogle{status: 429, header: map[string]string{"Retry-After": "7"}}, retryAfter: 7 * time.Second},
		{name: "403 user rate limit", fake: &fakeGoogle{status: 403,
			body: `{"error":{"code":403,"message":"User Rate Limit Exceeded","errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded"}]}}`},
			retryAfter: time.Minute},
		{name: "403 daily limit", fake: &fakeGoogle{status: 403,
			body: `{"error":{"code":403,"message":"Daily Limit Exceeded","errors":[{"domain":"usageLimits","reason":"dailyLimitExceeded"}]}}`},
			permanent: true},
		{name: "400 bad key", fake: &fakeGoogle{status: 400,
			body: `{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","errors":[{"reason":"badRequest"}]}}`},
			permanent: true},
		{name: "401", fake: &fakeGoogle{status: 401}, permanent: true},
		{name: "500", fake: &fakeGoogle{status: 500, body: `{"error":{"code":500,"message":"Internal error"}}`}},
		{name: "503 Retry-After date", fake: &fakeGoogle{status: 503, header: map[string]string{"Retry-After": "Thu, 01 Jan 2026 00:00:30 GMT"}}, retryAfter: 30 * time.Second},
		{name: "malformed body", fake: &fakeGoogle{body: `{"data": {"translations": [`}},
		{name: "wrong count", fake: &fakeGoogle{body: `{"data": {"translations": []}}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newFake(t, tt.fake)
			_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(2)})
			httpmttest.CheckFailure(t, err, tt.permanent, tt.retryAfter)
			if strings.Contains(err.Error(), "gkey") {
				t.Errorf("error %q leaks the key", err)
			}
		})
	}
}

func TestForeignMarkupFailsOnlyItsSegment(t *testing.T) {
	b, _ := newFake(t, &fakeGoogle{body: `{"data":{"translations":[{"translatedText":"uno"},{"translatedText":"dos <b>tres</b>"}]}}`})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs(2)})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Err != nil || got[0].Text != "uno" || got[1].Err == nil {
		t.Errorf("drafts %+v: want the first to stand and the second to fail", got)
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

// TestRouterFallsBack: Google rate-limited → the router's next backend
// translates, and Google is left alone for the quota window.
func TestRouterFallsBack(t *testing.T) {
	b, f := newFake(t, &fakeGoogle{status: 403,
		body: `{"error":{"code":403,"message":"User Rate Limit Exceeded","errors":[{"reason":"userRateLimitExceeded"}]}}`})
	reg, _ := translate.NewRegistry(b, translate.NewPseudo())
	_, err := translate.NewRouter(reg, translate.Policy{Default: []string{"copy"}, Pairs: map[string][]string{"en-es": {"google", "pseudo"}}},
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err == nil {
		t.Fatal("policy naming an unregistered backend accepted")
	}
	r, err := translate.NewRouter(reg, translate.Policy{Pairs: map[string][]string{"en-es": {"google", "pseudo"}}},
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
		t.Errorf("Google called %d times, want 1 (held off for the quota window)", len(f.requests))
	}
	st := r.Status()
	if st[0].Name != "google" || st[0].CircuitOpenUntil == nil || !strings.Contains(st[0].LastError, "User Rate Limit") {
		t.Errorf("status %+v: want google's circuit open with the rate-limit error", st[0])
	}
}

// TestDoNotTranslateSurvives: behind the glossary's guard, a name and a
// preferred term never reach the engine and come back as written.
func TestDoNotTranslateSurvives(t *testing.T) {
	b, _ := newFake(t, &fakeGoogle{})
	httpmttest.CheckDoNotTranslate(t, b, "en", "es")
}
