package apy

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

// fakeAPy speaks APy's /translate contract: form parameters langpair, q,
// markUnknown, format; the answer {"responseData": {"translatedText"},
// "responseDetails": null, "responseStatus": 200}, or APy's error body
// {"status": "error", "code", "message", "explanation"}. Like Apertium it
// translates word by word (a small dictionary per pair), keeps markup in
// place and appends a blank.
type fakeAPy struct {
	t      *testing.T
	status int
	header map[string]string
	body   string
	// mangle drops the first segment marker's closing tag, as an engine
	// that merged two blocks would.
	mangle bool

	mu    sync.Mutex
	calls []string // langpair|q
}

var dict = map[string]*strings.Replacer{
	"en|es":    strings.NewReplacer("The", "La", "red", "roja", "house", "casa", "is", "es", "big", "grande"),
	"es|pt_BR": strings.NewReplacer("La", "A", "roja", "vermelha", "es", "é"),
	"es|pt":    strings.NewReplacer("La", "A", "roja", "vermelha", "es", "é"),
}

func (f *fakeAPy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/translate" {
		f.t.Errorf("request %s %s, want POST /translate", r.Method, r.URL.Path)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		f.t.Errorf("Content-Type = %q", ct)
	}
	if err := r.ParseForm(); err != nil {
		f.t.Errorf("form: %v", err)
	}
	if len(r.Form["q"]) != 1 {
		f.t.Errorf("%d q parameters; /translate reads exactly one", len(r.Form["q"]))
	}
	if r.Form.Get("markUnknown") != "no" || r.Form.Get("format") != "html" {
		f.t.Errorf("markUnknown=%q format=%q, want no and html", r.Form.Get("markUnknown"), r.Form.Get("format"))
	}
	pair, q := r.Form.Get("langpair"), r.Form.Get("q")
	f.mu.Lock()
	f.calls = append(f.calls, pair+"|"+q)
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
	rep, ok := dict[pair]
	if !ok {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"status": "error", "code": 400, "message": "Bad Request", "explanation": "That pair is not installed"}`)
		return
	}
	out := rep.Replace(q)
	if f.mangle {
		out = strings.Replace(out, "</div>", "", 1)
	}
	json.NewEncoder(w).Encode(map[string]any{
		"responseData":    map[string]any{"translatedText": out + " "},
		"responseDetails": nil,
		"responseStatus":  200,
	})
}

func newFake(t *testing.T, f *fakeAPy, cfg Config) (*Backend, *fakeAPy) {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL
	cfg.Client = &http.Client{Timeout: 2 * time.Second}
	cfg.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return b, f
}

var twoSegs = []translate.Segment{{ID: "a", Text: "The <1>red</1> house"}, {ID: "b", Text: "is big<2/> &amp; more"}}

func texts(ds []translate.Draft) []string {
	var out []string
	for _, d := range ds {
		if d.Err != nil {
			out = append(out, "ERR "+d.Err.Error())
			continue
		}
		out = append(out, d.Backend+": "+d.Text)
	}
	return out
}

func TestJoinedBatch(t *testing.T) {
	b, f := newFake(t, &fakeAPy{}, Config{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: twoSegs})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"apertium-apy: La <1>roja</1> casa", "apertium-apy: es grande<2/> &amp; more"}
	if d := cmp.Diff(want, texts(got)); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
	wantCalls := []string{`en|es|<div class="prseg" id="pr0">The <g1>red</g1> house</div><div class="prseg" id="pr1">is big<x2/> &amp; more</div>`}
	if d := cmp.Diff(wantCalls, f.calls); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
}

func TestPivotThroughSpanish(t *testing.T) {
	for _, tc := range []struct{ to, second string }{{"pt-BR", "es|pt_BR"}, {"pt", "es|pt_BR"}, {"pt-PT", "es|pt"}} {
		b, f := newFake(t, &fakeAPy{}, Config{})
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: tc.to, Segments: twoSegs[:1]})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]string{"apertium-apy: A <1>vermelha</1> casa"}, texts(got)); d != "" {
			t.Errorf("en→%s drafts (-want +got):\n%s", tc.to, d)
		}
		var pairs []string
		for _, c := range f.calls {
			pairs = append(pairs, c[:strings.LastIndex(c[:strings.Index(c, "<")], "|")])
		}
		if d := cmp.Diff([]string{"en|es", tc.second}, pairs); d != "" {
			t.Errorf("en→%s hops (-want +got):\n%s", tc.to, d)
		}
	}
}

func TestPairsOverride(t *testing.T) {
	b, _ := newFake(t, &fakeAPy{}, Config{Pairs: map[string][]string{"en-pt-BR": {"eng|spa", "spa|por_BR"}}})
	if d := cmp.Diff([]string{"eng|spa", "spa|por_BR"}, b.Hops("en", "pt-br")); d != "" {
		t.Errorf("hops (-want +got):\n%s", d)
	}
}

// TestMangledMarkersFallBackToOneByOne: when the joined answer cannot be
// split, each segment is sent alone (and still comes back).
func TestMangledMarkersFallBackToOneByOne(t *testing.T) {
	f := &fakeAPy{mangle: true}
	b, _ := newFake(t, f, Config{Parallel: 1})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: twoSegs})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"apertium-apy: La <1>roja</1> casa", "apertium-apy: es grande<2/> &amp; more"}
	if d := cmp.Diff(want, texts(got)); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
	if len(f.calls) != 3 {
		t.Errorf("%d requests, want 3 (one joined, then one per segment)", len(f.calls))
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
		ok   bool
	}{
		{`<div class="prseg" id="pr0">a</div><div class="prseg" id="pr1">b </div> `, 2, []string{"a", "b "}, true},
		{`<div class="prseg" id="pr1">a</div><div class="prseg" id="pr0">b</div>`, 2, nil, false},
		{`<div class="prseg" id="pr0">a</div>stray<div class="prseg" id="pr1">b</div>`, 2, nil, false},
		{`<div class="prseg" id="pr0">a</div>`, 2, nil, false},
	}
	for _, tt := range tests {
		got, ok := split(tt.in, tt.n)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("split(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRequestsPerArticle(t *testing.T) {
	var segs []translate.Segment
	for i := range 200 {
		segs = append(segs, translate.Segment{ID: fmt.Sprint(i), Text: "The red house is big."})
	}
	b, f := newFake(t, &fakeAPy{}, Config{MaxChars: 2000})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	// 21 bytes per segment: 95 fit in 2,000, so 200 segments take 3 requests.
	if len(f.calls) != 3 || len(got) != 200 {
		t.Errorf("%d requests, %d drafts; want 3 and 200", len(f.calls), len(got))
	}
	for i, d := range got {
		if d.ID != fmt.Sprint(i) || d.Text != "La roja casa es grande." {
			t.Fatalf("draft %d = %+v", i, d)
		}
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name        string
		fake        *fakeAPy
		to          string
		permanent   bool
		unsupported bool
		retryAfter  time.Duration
	}{
		{name: "pair not installed", fake: &fakeAPy{}, to: "fr", permanent: true, unsupported: true},
		{name: "503 pipeline stuck", fake: &fakeAPy{status: 503, body: `{"status": "error", "code": 503, "message": "Service Unavailable", "explanation": "internal error"}`}},
		{name: "429 from a proxy with Retry-After", fake: &fakeAPy{status: 429, header: map[string]string{"Retry-After": "3"}}, retryAfter: 3 * time.Second},
		{name: "401 from a proxy", fake: &fakeAPy{status: 401}, permanent: true},
		{name: "500", fake: &fakeAPy{status: 500}},
		{name: "malformed body", fake: &fakeAPy{body: `{"responseData": {`}},
		{name: "no translatedText", fake: &fakeAPy{body: `{"responseData": null, "responseStatus": 200}`}},
		{name: "error status in body", fake: &fakeAPy{body: `{"responseData": {"translatedText": ""}, "responseStatus": 500}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newFake(t, tt.fake, Config{})
			to := tt.to
			if to == "" {
				to = "es"
			}
			_, err := b.Translate(context.Background(), translate.Request{From: "en", To: to, Segments: twoSegs})
			httpmttest.CheckFailure(t, err, tt.permanent, tt.retryAfter)
			if got := errors.Is(err, translate.ErrUnsupportedPair); got != tt.unsupported {
				t.Errorf("unsupported = %v, want %v (%v)", got, tt.unsupported, err)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	srv := httpmttest.HangingServer(t)
	b, _ := New(Config{BaseURL: srv.URL, Client: &http.Client{Timeout: 50 * time.Millisecond}})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: twoSegs})
	if err == nil || translate.IsPermanent(err) {
		t.Fatalf("err = %v, want a transient timeout", err)
	}
}

// TestRouterFallsBack: a pair APy lacks goes to the next backend of the
// chain without opening APy's circuit for the pairs it has.
func TestRouterFallsBack(t *testing.T) {
	b, f := newFake(t, &fakeAPy{}, Config{})
	reg, _ := translate.NewRegistry(b, translate.NewPseudo())
	r, err := translate.NewRouter(reg, translate.Policy{Default: []string{"apertium-apy", "pseudo"}},
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Translate(context.Background(), translate.Request{From: "en", To: "fr", Segments: twoSegs})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Backend != "pseudo" || got[1].Backend != "pseudo" {
		t.Errorf("en→fr drafts %v, want pseudo's", texts(got))
	}
	got, _ = r.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: twoSegs})
	if got[0].Backend != "apertium-apy" {
		t.Errorf("en→es draft %v, want apertium-apy's", texts(got))
	}
	if len(f.calls) != 2 {
		t.Errorf("%d APy calls, want 2", len(f.calls))
	}
}

// TestDoNotTranslateSurvives: behind the glossary's guard, a name and a
// preferred term never reach APy and come back as written, en→es and, through
// Spanish, en→pt-BR.
func TestDoNotTranslateSurvives(t *testing.T) {
	for _, to := range []string{"es", "pt-BR"} {
		b, _ := newFake(t, &fakeAPy{}, Config{})
		httpmttest.CheckDoNotTranslate(t, b, "en", to)
	}
}
