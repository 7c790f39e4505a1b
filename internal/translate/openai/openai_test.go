package openai

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
	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt/httpmttest"
)

// fakeChat speaks the chat-completions contract: POST /v1/chat/completions
// with a Bearer key, {model, messages, temperature, response_format}; the
// answer {"choices": [{"message": {"content"}, "finish_reason"}]}. It
// "translates" each numbered segment of the user message by prefixing
// "ES:", except where script says otherwise.
type fakeChat struct {
	t *testing.T
	// script maps a segment id to "drop", "dup", "notags" or a literal text.
	script map[string]string
	// noSchema answers 400 to response_format, as servers without
	// structured output do, and wraps its JSON in a Markdown fence.
	noSchema bool
	status   int
	header   map[string]string
	body     string // raw answer body (failures, malformed answers)
	content  string // raw message content

	mu       sync.Mutex
	requests []map[string]any
}

func (f *fakeChat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		f.t.Errorf("request %s %s, want POST /v1/chat/completions", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer sk-test" {
		f.t.Errorf("Authorization = %q", got)
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
	if f.status != 0 {
		w.WriteHeader(f.status)
	}
	if f.body != "" || f.status != 0 {
		io.WriteString(w, f.body)
		return
	}
	if _, ok := body["response_format"]; ok && f.noSchema {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":{"message":"invalid response_format: json_schema is not supported","type":"invalid_request_error"}}`)
		return
	}
	content := f.content
	if content == "" {
		msgs := body["messages"].([]any)
		var in struct {
			Segments []wireSegment `json:"segments"`
		}
		json.Unmarshal([]byte(msgs[1].(map[string]any)["content"].(string)), &in)
		var out []wireSegment
		for _, s := range in.Segments {
			switch v := f.script[s.ID]; v {
			case "drop":
			case "dup":
				out = append(out, wireSegment{s.ID, "ES:" + s.Text}, wireSegment{s.ID, "otra"})
			case "notags":
				out = append(out, wireSegment{s.ID, "sin etiquetas"})
			case "":
				out = append(out, wireSegment{s.ID, "ES:" + s.Text})
			default:
				out = append(out, wireSegment{s.ID, v})
			}
		}
		js, _ := json.Marshal(map[string]any{"translations": out})
		content = string(js)
		if f.noSchema {
			content = "Here you are:\n```json\n" + content + "\n```"
		}
	}
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
	})
}

func newFake(t *testing.T, f *fakeChat) (*Backend, *fakeChat) {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	b, err := New(Config{BaseURL: srv.URL + "/v1", Key: "sk-test", Model: "test-model",
		Client: &http.Client{Timeout: 2 * time.Second},
		Now:    func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return b, f
}

var threeSegs = []translate.Segment{
	{ID: "a", Text: "Read <1>the report</1> &amp; weep<2/>"},
	{ID: "b", Text: "Donald Trump spoke."},
	{ID: "c", Text: "I &lt;3 R&amp;D"},
}

func texts(ds []translate.Draft) []string {
	var out []string
	for _, d := range ds {
		if d.Err != nil {
			out = append(out, "ERR "+d.Err.Error())
			continue
		}
		out = append(out, d.Text)
	}
	return out
}

func TestRequestShape(t *testing.T) {
	b, f := newFake(t, &fakeChat{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "pt-BR", Segments: threeSegs,
		Glossary: []translate.Term{{Source: "Donald Trump", DoNotTranslate: true}, {Source: "report", Target: "relatório"}}})
	if err != nil {
		t.Fatal(err)
	}
	req := f.requests[0]
	if req["model"] != "test-model" || req["temperature"] != 0.0 {
		t.Errorf("model %v temperature %v, want test-model and 0", req["model"], req["temperature"])
	}
	rf := req["response_format"].(map[string]any)
	js := rf["json_schema"].(map[string]any)
	if rf["type"] != "json_schema" || js["strict"] != true || js["name"] != "translations" {
		t.Errorf("response_format = %v", rf)
	}
	msgs := req["messages"].([]any)
	system := msgs[0].(map[string]any)
	if system["role"] != "system" {
		t.Errorf("first message role %v", system["role"])
	}
	for _, want := range []string{"Brazilian Portuguese", `"report" → "relatório"`, `"Donald Trump"`, "<1>...</1>", "<2/>"} {
		if !strings.Contains(system["content"].(string), want) {
			t.Errorf("system prompt lacks %q:\n%s", want, system["content"])
		}
	}
	user := msgs[1].(map[string]any)
	wantUser := `{"source_language":"en","target_language":"pt-BR","segments":[` +
		`{"id":"1","text":"Read <1>the report</1> & weep<2/>"},{"id":"2","text":"Donald Trump spoke."},{"id":"3","text":"I <3 R&D"}]}`
	if d := cmp.Diff(wantUser, user["content"]); d != "" {
		t.Errorf("user message (-want +got):\n%s", d)
	}
	want := []translate.Draft{
		{ID: "a", Text: "ES:Read <1>the report</1> &amp; weep<2/>", Backend: "openai", Engine: "openai test-model", BilledChars: 22},
		{ID: "b", Text: "ES:Donald Trump spoke.", Backend: "openai", Engine: "openai test-model", BilledChars: 19},
		{ID: "c", Text: "ES:I &lt;3 R&amp;D", Backend: "openai", Engine: "openai test-model", BilledChars: 8},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
}

// TestBadSegmentsFailAlone: a dropped, duplicated or tag-less answer fails
// its segment; a split tag is repaired with a note; the rest stand.
func TestBadSegmentsFailAlone(t *testing.T) {
	segs := append(threeSegs, translate.Segment{ID: "d", Text: "<1>big house</1>"}, translate.Segment{ID: "e", Text: "fine"})
	b, _ := newFake(t, &fakeChat{script: map[string]string{"1": "notags", "2": "drop", "3": "dup", "4": "<1>casa</1> <1>grande</1>", "99": "stray"}})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"ERR openai: segment 1: cannot repair tags: inline tags do not match the source: missing [<1>…</1> <2/>], unexpected []",
		"ERR openai: the model returned no translation for segment 2 (5 answers for 5 segments)",
		"ERR openai: the model returned 2 translations for segment 3",
		"<1>casa grande</1>",
		"ES:fine",
	}
	if d := cmp.Diff(want, texts(got)); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
	if len(got[3].Notes) != 1 {
		t.Errorf("repaired draft notes %q, want one", got[3].Notes)
	}
}

func TestDoNotTranslateNote(t *testing.T) {
	b, _ := newFake(t, &fakeChat{script: map[string]string{"1": "Donaldo Trompa habló."}})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: threeSegs[1:2],
		Glossary: []translate.Term{{Source: "Donald Trump", DoNotTranslate: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got[0].Notes) != 1 || !strings.Contains(got[0].Notes[0].English(), "Donald Trump") {
		t.Errorf("notes %q, want one about the name", got[0].Notes)
	}
}

// TestPlainJSONFallback: a server that refuses json_schema is asked again
// without it, its fenced JSON is parsed, and later calls skip the schema.
func TestPlainJSONFallback(t *testing.T) {
	b, f := newFake(t, &fakeChat{noSchema: true})
	for range 2 {
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: threeSegs[:1]})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]string{"ES:Read <1>the report</1> &amp; weep<2/>"}, texts(got)); d != "" {
			t.Errorf("drafts (-want +got):\n%s", d)
		}
	}
	var withSchema []bool
	for _, r := range f.requests {
		_, ok := r["response_format"]
		withSchema = append(withSchema, ok)
	}
	if d := cmp.Diff([]bool{true, false, false}, withSchema); d != "" {
		t.Errorf("requests with response_format (-want +got):\n%s", d)
	}
}

func TestParseContent(t *testing.T) {
	want := []wireSegment{{"1", "hola"}}
	for _, in := range []string{
		`{"translations":[{"id":"1","text":"hola"}]}`,
		"```json\n{\"translations\":[{\"id\":\"1\",\"text\":\"hola\"}]}\n```",
		`[{"id":"1","text":"hola"}]`,
		`Sure! {"translations":[{"id":"1","text":"hola"}]} Hope this helps.`,
	} {
		got, err := parseContent(in)
		if err != nil || !cmp.Equal(want, got) {
			t.Errorf("parseContent(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := parseContent("Lo siento"); err == nil {
		t.Error("prose accepted")
	}
}

func TestBatching(t *testing.T) {
	var segs []translate.Segment
	for i := range 100 {
		segs = append(segs, translate.Segment{ID: fmt.Sprint(i), Text: "x"})
	}
	b, f := newFake(t, &fakeChat{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.requests) != 3 || len(got) != 100 {
		t.Errorf("%d requests, %d drafts; want 3 (40 segments each) and 100", len(f.requests), len(got))
	}
	for i, d := range got {
		if d.ID != fmt.Sprint(i) || d.Err != nil {
			t.Fatalf("draft %d = %+v", i, d)
		}
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name       string
		fake       *fakeChat
		permanent  bool
		retryAfter time.Duration
	}{
		{name: "429 rate limit", fake: &fakeChat{status: 429, header: map[string]string{"Retry-After": "20"},
			body: `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`}, retryAfter: 20 * time.Second},
		{name: "429 insufficient quota", fake: &fakeChat{status: 429,
			body: `{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}`}, permanent: true},
		{name: "401", fake: &fakeChat{status: 401, body: `{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}`}, permanent: true},
		{name: "404 model", fake: &fakeChat{status: 404, body: `{"error":{"message":"model not found"}}`}, permanent: true},
		{name: "500", fake: &fakeChat{status: 500}},
		{name: "503 overloaded", fake: &fakeChat{status: 503}},
		{name: "malformed body", fake: &fakeChat{body: `{"choices": [`}},
		{name: "no choices", fake: &fakeChat{body: `{"choices": []}`}},
		{name: "refusal", fake: &fakeChat{body: `{"choices":[{"message":{"content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]}`}},
		{name: "prose instead of JSON", fake: &fakeChat{content: "Lo siento, no puedo."}},
		{name: "cut off", fake: &fakeChat{body: `{"choices":[{"message":{"content":"{\"translations\":[{\"id\":\"1\",\"te"},"finish_reason":"length"}]}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newFake(t, tt.fake)
			_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: threeSegs})
			httpmttest.CheckFailure(t, err, tt.permanent, tt.retryAfter)
		})
	}
}

func TestTimeout(t *testing.T) {
	srv := httpmttest.HangingServer(t)
	b, _ := New(Config{BaseURL: srv.URL, Model: "m", Client: &http.Client{Timeout: 50 * time.Millisecond}})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: threeSegs})
	if err == nil || translate.IsPermanent(err) {
		t.Fatalf("err = %v, want a transient timeout", err)
	}
}

func TestConfigChecks(t *testing.T) {
	if _, err := New(Config{Key: "k"}); err == nil || !strings.Contains(err.Error(), "model") {
		t.Errorf("no model: err = %v", err)
	}
	if _, err := New(Config{Model: "gpt-4o-mini"}); err == nil || !strings.Contains(err.Error(), "API key") {
		t.Errorf("api.openai.com without key: err = %v", err)
	}
	b, err := New(Config{Name: "ollama", BaseURL: "http://localhost:11434/v1", Model: "llama3.1"})
	if err != nil || b.Name() != "ollama" || b.Endpoint() != "http://localhost:11434/v1/chat/completions" {
		t.Errorf("ollama: %v, %v", b, err)
	}
}

// TestRouterFallsBack: the segments the model got wrong, and only those,
// go to the next backend of the chain.
func TestRouterFallsBack(t *testing.T) {
	b, _ := newFake(t, &fakeChat{script: map[string]string{"2": "drop"}})
	reg, _ := translate.NewRegistry(b, translate.NewPseudo())
	r, err := translate.NewRouter(reg, translate.Policy{Pairs: map[string][]string{"en-es": {"openai", "pseudo"}}},
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: threeSegs})
	if err != nil {
		t.Fatal(err)
	}
	var backends []string
	for _, d := range got {
		backends = append(backends, d.Backend)
	}
	if d := cmp.Diff([]string{"openai", "pseudo", "openai"}, backends); d != "" {
		t.Errorf("backends (-want +got):\n%s", d)
	}
}

// TestDoNotTranslateSurvives: behind the glossary's guard, a name and a
// preferred term never reach the engine and come back as written.
func TestDoNotTranslateSurvives(t *testing.T) {
	b, _ := newFake(t, &fakeChat{})
	httpmttest.CheckDoNotTranslate(t, b, "en", "es")
}

type glossaryTerms []glossary.Term

func (l glossaryTerms) PairTerms(context.Context, string, string) ([]glossary.Term, error) {
	return l, nil
}

// TestGlossaryInPrompt: the model applies preferred translations itself
// (translate.GlossaryApplier), so behind the guard they go into the system
// prompt instead of being forced, while names are still masked.
func TestGlossaryInPrompt(t *testing.T) {
	b, f := newFake(t, &fakeChat{})
	reg, _ := translate.NewRegistry(b)
	router, err := translate.NewRouter(reg, translate.Policy{Default: []string{b.Name()}}, translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if !router.AppliesGlossary("en", "es") {
		t.Fatal("the OpenAI backend should apply glossaries itself")
	}
	g := glossary.NewGuard(router, glossaryTerms{
		{ID: "n", Source: "Jess Spear", Kind: glossary.DoNotTranslate, CaseSensitive: true},
		{ID: "u", Source: "union", Target: "sindicato", Kind: glossary.Preferred},
	}, router.AppliesGlossary)
	ds, err := g.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "1", Text: "Jess Spear joined the union."}}})
	if err != nil || ds[0].Err != nil {
		t.Fatal(err, ds[0].Err)
	}
	msgs := f.requests[0]["messages"].([]any)
	system, user := msgs[0].(map[string]any)["content"].(string), msgs[1].(map[string]any)["content"].(string)
	if !strings.Contains(system, `"union" → "sindicato"`) {
		t.Errorf("system prompt lacks the glossary:\n%s", system)
	}
	if strings.Contains(user, "Spear") || !strings.Contains(user, "union") {
		t.Errorf("user message %s: want the name masked and the term left to the model", user)
	}
	if want := "ES:Jess Spear joined the union."; ds[0].Text != want {
		t.Errorf("draft %q, want %q", ds[0].Text, want)
	}
	// The fake did not use the term: the guard notes it.
	if len(ds[0].Notes) != 1 || !strings.Contains(ds[0].Notes[0].English(), "sindicato") {
		t.Errorf("notes %q", ds[0].Notes)
	}
}
