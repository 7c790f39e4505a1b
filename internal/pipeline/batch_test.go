package pipeline_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestBatchesAreIdempotent drafts an edition a batch at a time, each batch
// twice: the second run of a batch changes no segment, writes no event and
// asks the translator nothing. Config.BatchSizeFor sets the batches' size
// for the pair.
func TestBatchesAreIdempotent(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	p := pipeline.New(pipeline.Deps{Store: w.st, Queue: w.queue, Translator: w.engine, Log: slog.New(slog.NewTextHandler(io.Discard, nil))},
		pipeline.Config{BaseURL: "https://news.example", BatchSizeFor: func(from, to string) int {
			if to == "es" {
				return 2
			}
			return 0
		}})
	a, err := p.Ingest(ctx, editor.ID, pipeline.ArticleInput{Format: "markdown",
		Body: "# Port strike\n\nOne sentence here. Two sentences here. Three of them. Four now. Five at last.\n"})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SegmentArticle(ctx, a.ID, 1); err != nil {
		t.Fatal(err)
	}
	es := w.editions(t, a.ID)["es"]
	segs := w.segments(t, es)
	if len(segs) < 5 {
		t.Fatalf("%d segments, want at least 5", len(segs))
	}
	batch := []string{segs[0].ID, segs[1].ID}
	if err := p.TranslateBatch(ctx, es.ID, es.Revision, batch); err != nil {
		t.Fatal(err)
	}
	after1, events1, calls1 := w.segments(t, es), w.eventTypes(t), w.engine.calls
	for _, s := range after1[:2] {
		if s.Status != store.SegmentDraft || s.Version != 2 || s.Target == "" {
			t.Errorf("batch segment after the first run: %+v", s)
		}
	}
	for _, s := range after1[2:] {
		if s.Status != store.SegmentPending {
			t.Errorf("segment outside the batch drafted: %+v", s)
		}
	}
	if err := p.TranslateBatch(ctx, es.ID, es.Revision, batch); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(after1, w.segments(t, es)); d != "" {
		t.Errorf("second run of the batch changed segments:\n%s", d)
	}
	if d := cmp.Diff(events1, w.eventTypes(t)); d != "" || w.engine.calls != calls1 {
		t.Errorf("second run of the batch: events diff %s, translator calls %d → %d", d, calls1, w.engine.calls)
	}
	if got := w.edition(t, es.ID).Status; got != store.EditionTranslating {
		t.Errorf("edition %s with segments pending", got)
	}

	// The rest, in batches of two (one translator request each).
	if err := p.TranslateEdition(ctx, es.ID, es.Revision); err != nil {
		t.Fatal(err)
	}
	if want := calls1 + (len(segs)-2+1)/2; w.engine.calls != want {
		t.Errorf("translator called %d times, want %d (batches of 2)", w.engine.calls, want)
	}
	done, events2 := w.segments(t, es), w.eventTypes(t)
	if got := w.edition(t, es.ID).Status; got != store.EditionInReview {
		t.Errorf("edition %s after every batch, want in_review", got)
	}
	if err := p.TranslateEdition(ctx, es.ID, es.Revision); err != nil {
		t.Fatal(err)
	}
	if err := p.TranslateBatch(ctx, es.ID, es.Revision, batch); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(done, w.segments(t, es)); d != "" {
		t.Errorf("translating a drafted edition again changed segments:\n%s", d)
	}
	if d := cmp.Diff(events2, w.eventTypes(t)); d != "" {
		t.Errorf("translating a drafted edition again wrote events:\n%s", d)
	}
}
