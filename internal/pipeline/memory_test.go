package pipeline_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// counter is a machine backend that counts what it is sent.
type counter struct {
	mu    sync.Mutex
	calls [][]string // source texts per call
}

func (c *counter) Translate(_ context.Context, req translate.Request) ([]translate.Draft, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var texts []string
	out := make([]translate.Draft, len(req.Segments))
	for i, s := range req.Segments {
		texts = append(texts, s.Text)
		out[i] = translate.Draft{ID: s.ID, Text: "MT " + s.Text, Backend: "counter"}
	}
	c.calls = append(c.calls, texts)
	return out, nil
}

func (c *counter) sent() [][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.calls
	c.calls = nil
	return out
}

func stores() map[string]func(t *testing.T) *store.Store {
	return map[string]func(t *testing.T) *store.Store{
		"sqlite":   func(t *testing.T) *store.Store { return open(t, "", t.TempDir()) },
		"postgres": func(t *testing.T) *store.Store { return open(t, testenv.PostgresURL(t), "") },
	}
}

func open(t *testing.T, url, dir string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return s
}

// The people who approve in these tests.
var (
	reviewer  = auth.Principal{ID: "usr_ana", Name: "Ana", Role: auth.Editor}
	corrector = auth.Principal{ID: "usr_eva", Name: "Eva", Role: auth.Editor}
)

func newPipeline(st *store.Store, tr pipeline.Translator, cfg pipeline.Config) *pipeline.Pipeline {
	return pipeline.New(pipeline.Deps{Store: st, Translator: tr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, cfg)
}

// run ingests an article and drafts its editions without a queue.
func run(t *testing.T, p *pipeline.Pipeline, body string) map[string][]store.Segment {
	t.Helper()
	ctx := context.Background()
	a, err := p.Ingest(ctx, "tok_editor", pipeline.ArticleInput{Body: body, Format: "text", Targets: []string{"es", "pt-BR"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SegmentArticle(ctx, a.ID, 1); err != nil {
		t.Fatal(err)
	}
	eds, err := p.Store().ArticleEditions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]store.Segment{}
	for _, e := range eds {
		if err := p.TranslateEdition(ctx, e.ID, e.Revision); err != nil {
			t.Fatal(err)
		}
		if out[e.Lang], err = p.Store().EditionSegments(ctx, e.ID, e.Revision); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// human are translators' Spanish and Portuguese for the first article.
var human = map[string]map[string]string{
	"es": {
		"The port of Santos was closed on Monday.":   "El puerto de Santos cerró el lunes.",
		"Dock workers voted to continue the strike.": "Los estibadores votaron a favor de continuar la huelga.",
		"The union will meet again on Friday.":       "El sindicato volverá a reunirse el viernes.",
	},
	"pt-BR": {
		"The port of Santos was closed on Monday.":   "O porto de Santos foi fechado na segunda-feira.",
		"Dock workers voted to continue the strike.": "Os estivadores votaram pela continuação da greve.",
		"The union will meet again on Friday.":       "O sindicato voltará a se reunir na sexta-feira.",
	},
}

const first = "The port of Santos was closed on Monday. Dock workers voted to continue the strike. The union will meet again on Friday."

// approveAll saves the human translation of every segment and approves it.
func approveAll(t *testing.T, p *pipeline.Pipeline, segs map[string][]store.Segment) {
	t.Helper()
	ctx := context.Background()
	for lang, ss := range segs {
		for _, s := range ss {
			saved, err := p.EditSegment(ctx, reviewer, s.EditionID, s.ID, pipeline.SegmentEdit{Target: human[lang][s.Source], Version: s.Version})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.ApproveSegment(ctx, reviewer, s.EditionID, s.ID, pipeline.SegmentApproval{Version: saved.Version}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

type drafted struct {
	Source, Target, Origin, Engine, Status string
	Match                                  string // kind and score of the first match
}

func summary(segs []store.Segment) []drafted {
	var out []drafted
	for _, s := range segs {
		d := drafted{Source: s.Source, Target: s.Target, Origin: s.Origin, Engine: s.Engine, Status: s.Status}
		if len(s.Matches) > 0 {
			d.Match = fmt.Sprintf("%s %d", s.Matches[0].Kind, s.Matches[0].Score)
		}
		out = append(out, d)
	}
	return out
}

// TestReingestFromMemory: an article whose sentences were approved comes
// back with a new sentence. The approved sentences are drafted from memory
// (101 where the neighbours are the same, 100 where one changed), and only
// the new sentence goes to the machine backend, with the fuzzy match of
// its approved near-twin attached.
func TestReingestFromMemory(t *testing.T) {
	for name, mk := range stores() {
		t.Run(name, func(t *testing.T) {
			st := mk(t)
			mt := &counter{}
			p := newPipeline(st, mt, pipeline.Config{})
			segs := run(t, p, first)
			if n := len(mt.sent()); n != 2 {
				t.Fatalf("first article: %d backend calls, want 2 (one per edition)", n)
			}
			approveAll(t, p, segs)

			again := run(t, p, first+" Dock workers voted to end the strike.")
			calls := mt.sent()
			if d := cmp.Diff([][]string{{"Dock workers voted to end the strike."}, {"Dock workers voted to end the strike."}}, calls); d != "" {
				t.Errorf("sent to the backend (-want +got):\n%s", d)
			}
			for _, lang := range []string{"es", "pt-BR"} {
				h := human[lang]
				want := []drafted{
					{"The port of Santos was closed on Monday.", h["The port of Santos was closed on Monday."], "tm", "in_context", "draft", "in_context 101"},
					{"Dock workers voted to continue the strike.", h["Dock workers voted to continue the strike."], "tm", "in_context", "draft", "in_context 101"},
					{"The union will meet again on Friday.", h["The union will meet again on Friday."], "tm", "exact", "draft", "exact 100"},
					{"Dock workers voted to end the strike.", "MT Dock workers voted to end the strike.", "counter", "", "draft", "fuzzy 86"},
				}
				if d := cmp.Diff(want, summary(again[lang])); d != "" {
					t.Errorf("%s segments (-want +got):\n%s", lang, d)
				}
				fz := again[lang][3].Matches[0]
				if fz.Target != h["Dock workers voted to continue the strike."] || fz.EntryID == 0 {
					t.Errorf("%s fuzzy match %+v", lang, fz)
				}
				wantDiff := []store.DiffOp{{Op: "equal", Text: "Dock workers voted to "}, {Op: "delete", Text: "continue"},
					{Op: "insert", Text: "end"}, {Op: "equal", Text: " the strike."}}
				if d := cmp.Diff(wantDiff, fz.Diff); d != "" {
					t.Errorf("%s fuzzy diff (-want +got):\n%s", lang, d)
				}
			}
		})
	}
}

// TestCorrectionReplacesEntry: approving a corrected translation of a
// segment replaces the memory entry its first approval made.
func TestCorrectionReplacesEntry(t *testing.T) {
	ctx := context.Background()
	st := open(t, "", t.TempDir())
	p := newPipeline(st, &counter{}, pipeline.Config{})
	segs := run(t, p, first)
	approveAll(t, p, segs)
	s, err := st.GetSegment(ctx, segs["es"][1].EditionID, segs["es"][1].ID)
	if err != nil {
		t.Fatal(err)
	}
	fixed := "Los estibadores decidieron mantener la huelga."
	saved, err := p.EditSegment(ctx, corrector, s.EditionID, s.ID, pipeline.SegmentEdit{Target: fixed, Version: s.Version})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ApproveSegment(ctx, corrector, s.EditionID, s.ID, pipeline.SegmentApproval{Version: saved.Version}); err != nil {
		t.Fatal(err)
	}
	pairs, err := p.Memory().Pairs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]store.TMPair{{SourceLang: "en", TargetLang: "es", Entries: 3}, {SourceLang: "en", TargetLang: "pt-BR", Entries: 3}}, pairs); d != "" {
		t.Errorf("entries per pair (-want +got):\n%s", d)
	}
	res, err := p.Memory().Lookup(ctx, "en", "es", []tm.Query{{Source: s.Source}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0]) != 1 || res[0][0].Target != fixed || res[0][0].Entry.CreatedBy != "usr_ana" || res[0][0].Entry.UpdatedBy != "usr_eva" ||
		res[0][0].Entry.Prev != "The port of Santos was closed on Monday." || res[0][0].Entry.ArticleID == "" {
		t.Errorf("entry after correction: %+v", res[0])
	}
}

// TestAutoApproveInContext: with auto-approval configured, segments drafted
// from in-context matches are approved by the memory; exact ones are not.
func TestAutoApproveInContext(t *testing.T) {
	st := open(t, "", t.TempDir())
	p := newPipeline(st, &counter{}, pipeline.Config{})
	approveAll(t, p, run(t, p, first))
	auto := newPipeline(st, &counter{}, pipeline.Config{Memory: tm.Config{AutoApproveInContext: true}})
	segs := run(t, auto, first+" Dock workers voted to end the strike.")
	var got []string
	for _, s := range segs["es"] {
		got = append(got, s.Status+" "+s.UpdatedBy)
	}
	if d := cmp.Diff([]string{"approved tm", "approved tm", "draft ", "draft "}, got); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
}
