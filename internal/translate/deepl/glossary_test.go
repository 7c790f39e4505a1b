package deepl

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// fakeGlossaryDeepL speaks the documented v2 glossary endpoints (POST, GET,
// DELETE /v2/glossaries) and /v2/translate, which applies the glossary
// named by glossary_id to each text and prefixes "ES:".
type fakeGlossaryDeepL struct {
	t        *testing.T
	failNew  int // status for POST /v2/glossaries
	notReady bool

	mu        sync.Mutex
	glossary  map[string]glossaryInfo
	entries   map[string]string
	created   []string // entries of each POST
	deleted   []string
	translate []map[string]any
	n         int
}

func (f *fakeGlossaryDeepL) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if got := r.Header.Get("Authorization"); got != "DeepL-Auth-Key secret:fx" {
		f.t.Errorf("Authorization = %q", got)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v2/glossaries":
		var in map[string]string
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			f.t.Errorf("create glossary body: %v", err)
		}
		for _, k := range []string{"name", "source_lang", "target_lang", "entries", "entries_format"} {
			if in[k] == "" {
				f.t.Errorf("create glossary without %s: %v", k, in)
			}
		}
		if f.failNew != 0 {
			w.WriteHeader(f.failNew)
			io.WriteString(w, `{"message":"Quota exceeded"}`)
			return
		}
		f.n++
		g := glossaryInfo{GlossaryID: fmt.Sprintf("g-%d", f.n), Name: in["name"], Ready: !f.notReady, SourceLang: in["source_lang"], TargetLang: in["target_lang"]}
		f.glossary[g.GlossaryID], f.entries[g.GlossaryID] = g, in["entries"]
		f.created = append(f.created, in["entries"])
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(g)
	case r.Method == http.MethodGet && r.URL.Path == "/v2/glossaries":
		var list []glossaryInfo
		for _, g := range f.glossary {
			list = append(list, g)
		}
		json.NewEncoder(w).Encode(map[string]any{"glossaries": list})
	case r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/v2/glossaries/"):
		id := strings.TrimPrefix(r.URL.Path, "/v2/glossaries/")
		delete(f.glossary, id)
		f.deleted = append(f.deleted, id)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && r.URL.Path == "/v2/translate":
		var body map[string]any
		raw, _ := io.ReadAll(r.Body)
		json.Unmarshal(raw, &body)
		f.translate = append(f.translate, body)
		var rep *strings.Replacer
		if id, _ := body["glossary_id"].(string); id != "" {
			if _, ok := f.glossary[id]; !ok {
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, `{"message":"Glossary not found"}`)
				return
			}
			var pairs []string
			for _, line := range strings.Split(f.entries[id], "\n") {
				s, t, _ := strings.Cut(line, "\t")
				pairs = append(pairs, s, t)
			}
			rep = strings.NewReplacer(pairs...)
		}
		var resp response
		for _, t := range body["text"].([]any) {
			text := t.(string)
			if rep != nil {
				text = rep.Replace(text)
			}
			resp.Translations = append(resp.Translations, struct {
				DetectedSourceLanguage string `json:"detected_source_language"`
				Text                   string `json:"text"`
			}{"EN", "ES:" + text})
		}
		json.NewEncoder(w).Encode(resp)
	default:
		f.t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		w.WriteHeader(http.StatusNotFound)
	}
}

func newGlossaryFake(t *testing.T, f *fakeGlossaryDeepL, max int) (*fakeGlossaryDeepL, func() *Backend) {
	f.t, f.glossary, f.entries = t, map[string]glossaryInfo{}, map[string]string{}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, func() *Backend {
		b, err := New(Config{Key: "secret:fx", BaseURL: srv.URL, Glossaries: true, MaxGlossaries: max,
			Client: &http.Client{Timeout: 2 * time.Second}})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

func glossaryReq(text string, terms ...translate.Term) translate.Request {
	return translate.Request{From: "en", To: "pt-BR", Segments: []translate.Segment{{ID: "1", Text: text}}, Glossary: terms}
}

func TestDeepLGlossary(t *testing.T) {
	f, mk := newGlossaryFake(t, &fakeGlossaryDeepL{}, 2)
	b := mk()
	if !b.AppliesGlossary() {
		t.Fatal("with Glossaries on, the backend applies glossaries")
	}
	ctx := context.Background()
	union := translate.Term{Source: "union", Target: "sindicato"}
	strike := translate.Term{Source: "strike", Target: "greve"}
	ds, err := b.Translate(ctx, glossaryReq("the union and the strike", strike, union, translate.Term{Source: "Jess Spear", DoNotTranslate: true}))
	if err != nil || ds[0].Err != nil {
		t.Fatal(err, ds[0].Err)
	}
	if ds[0].Text != "ES:the sindicato and the greve" {
		t.Errorf("draft %q: the glossary was not applied", ds[0].Text)
	}
	if want := []string{"strike\tgreve\nunion\tsindicato"}; !slices.Equal(f.created, want) {
		t.Errorf("created %q, want %q (sorted, preferred terms only)", f.created, want)
	}
	if f.translate[0]["glossary_id"] != "g-1" || f.translate[0]["source_lang"] != "EN" {
		t.Errorf("translate request %v", f.translate[0])
	}
	// Same terms in another order: the same glossary, no new one.
	b.Translate(ctx, glossaryReq("a union", union, strike))
	// Another process finds it by name.
	mk().Translate(ctx, glossaryReq("a union", union, strike))
	if len(f.created) != 1 {
		t.Errorf("created %d glossaries, want 1", len(f.created))
	}
	// Beyond MaxGlossaries the least recently used is deleted.
	b.Translate(ctx, glossaryReq("a union", union))
	b.Translate(ctx, glossaryReq("a strike", strike))
	if !slices.Equal(f.deleted, []string{"g-1"}) {
		t.Errorf("deleted %v, want [g-1]", f.deleted)
	}
	// No preferred terms: no glossary.
	b.Translate(ctx, glossaryReq("plain"))
	if last := f.translate[len(f.translate)-1]; last["glossary_id"] != nil {
		t.Errorf("glossary_id %v without terms", last["glossary_id"])
	}
}

// TestDeepLGlossaryUnavailable: when DeepL refuses a glossary (quota) or
// it is not ready yet, the text is translated without one, and the
// refusal is a note.
func TestDeepLGlossaryUnavailable(t *testing.T) {
	_, mk := newGlossaryFake(t, &fakeGlossaryDeepL{failNew: 456}, 20)
	ds, err := mk().Translate(context.Background(), glossaryReq("the union", translate.Term{Source: "union", Target: "sindicato"}))
	if err != nil || ds[0].Err != nil || ds[0].Text != "ES:the union" {
		t.Fatalf("%v %+v", err, ds)
	}
	if len(ds[0].Notes) != 1 || !strings.Contains(ds[0].Notes[0].English(), "without a DeepL glossary") {
		t.Errorf("notes %q", ds[0].Notes)
	}
	f, mk := newGlossaryFake(t, &fakeGlossaryDeepL{notReady: true}, 20)
	ds, err = mk().Translate(context.Background(), glossaryReq("the union", translate.Term{Source: "union", Target: "sindicato"}))
	if err != nil || ds[0].Text != "ES:the union" || f.translate[0]["glossary_id"] != nil {
		t.Errorf("not ready: %v %+v %v", err, ds, f.translate)
	}
}

func TestStaticGlossaryIDWins(t *testing.T) {
	b, err := New(Config{Key: "k", GlossaryID: "fixed", Glossaries: true})
	if err != nil {
		t.Fatal(err)
	}
	if b.AppliesGlossary() {
		t.Error("with a fixed glossary_id the backend does not make glossaries")
	}
}

// TestDeepLGlossaryDeletedElsewhere: a cached glossary another process
// deleted makes the translate call fail; the backend forgets it and
// translates without, then makes a new one for the next batch.
func TestDeepLGlossaryDeletedElsewhere(t *testing.T) {
	f, mk := newGlossaryFake(t, &fakeGlossaryDeepL{}, 20)
	b := mk()
	union := translate.Term{Source: "union", Target: "sindicato"}
	if ds, _ := b.Translate(context.Background(), glossaryReq("the union", union)); ds[0].Text != "ES:the sindicato" {
		t.Fatalf("draft %q", ds[0].Text)
	}
	f.mu.Lock()
	delete(f.glossary, "g-1")
	f.mu.Unlock()
	ds, err := b.Translate(context.Background(), glossaryReq("the union", union))
	if err != nil || ds[0].Err != nil || ds[0].Text != "ES:the union" || len(ds[0].Notes) != 1 {
		t.Fatalf("after deletion: %v %+v", err, ds)
	}
	if ds, _ := b.Translate(context.Background(), glossaryReq("the union", union)); ds[0].Text != "ES:the sindicato" || len(f.created) != 2 {
		t.Errorf("next batch: %q, %d glossaries created", ds[0].Text, len(f.created))
	}
}
