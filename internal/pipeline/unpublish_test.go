package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestUnpublishAnswersTheStoredEdition: the edition Unpublish returns (the
// API's answer) is the edition as stored, updated_at included; it carried
// the time of the publication.
func TestUnpublishAnswersTheStoredEdition(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, es := approvedSpanish(t, w)
	if _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := w.p.PublishEdition(ctx, es.ID); err != nil {
		t.Fatal(err)
	}
	published := w.edition(t, es.ID)
	got, err := w.p.Unpublish(ctx, editor, es.ID)
	if err != nil {
		t.Fatal(err)
	}
	stored := w.edition(t, es.ID)
	if d := cmp.Diff(stored, got); d != "" {
		t.Errorf("Unpublish answered (-stored +answered):\n%s", d)
	}
	if stored.Status != store.EditionUnpublished || !stored.UpdatedAt.After(published.UpdatedAt) {
		t.Errorf("stored: %s, updated %v (published %v)", stored.Status, stored.UpdatedAt, published.UpdatedAt)
	}
}

// TestWithdrawnStaysWithdrawn: a withdrawn edition's page stays gone when a
// translator edits one of its segments or the source is corrected; both
// moved it to in_review or outdated, which put the page back online.
func TestWithdrawnStaysWithdrawn(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, es := approvedSpanish(t, w)
	if _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := w.p.PublishEdition(ctx, es.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.p.Unpublish(ctx, editor, es.ID); err != nil {
		t.Fatal(err)
	}
	seg := w.segments(t, w.edition(t, es.ID))[0]
	if _, err := w.p.EditSegment(ctx, ana, es.ID, seg.ID, pipeline.SegmentEdit{Target: "Huelga en el puerto", Version: seg.Version}); err != nil {
		t.Fatal(err)
	}
	if e := w.edition(t, es.ID); e.Status != store.EditionUnpublished || e.Live() {
		t.Errorf("after an edit: %s, live %v; want it withdrawn", e.Status, e.Live())
	}
	if _, err := w.p.Correct(ctx, editor.ID, a.ID, pipeline.ArticleInput{Format: "markdown", Body: body + "\nOne more sentence.\n"}); err != nil {
		t.Fatal(err)
	}
	if err := w.p.SegmentArticle(ctx, a.ID, 2); err != nil {
		t.Fatal(err)
	}
	if e := w.edition(t, es.ID); e.Status != store.EditionUnpublished || e.Live() || e.Revision != 2 {
		t.Errorf("after a correction: %s revision %d, live %v; want it withdrawn, on revision 2", e.Status, e.Revision, e.Live())
	}
	// Publishing it again is the editor's act, once every segment of the
	// new revision is approved.
	if _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); derrors.Code(err) != "not_approved" {
		t.Fatalf("publishing with segments not approved: %v, want not_approved", err)
	}
	if err := w.p.TranslateEdition(ctx, es.ID, 2); err != nil {
		t.Fatal(err)
	}
	for _, s := range w.segments(t, w.edition(t, es.ID)) {
		if s.Status == store.SegmentApproved {
			continue
		}
		if _, err := w.p.ApproveSegment(ctx, ana, es.ID, s.ID, pipeline.SegmentApproval{Version: s.Version}); err != nil {
			t.Fatal(err)
		}
	}
	if e := w.edition(t, es.ID); e.Status != store.EditionUnpublished {
		t.Errorf("every segment approved: %s; want it still withdrawn until an editor publishes", e.Status)
	}
	if _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); err != nil {
		t.Fatalf("publishing again: %v", err)
	}
	if err := w.p.PublishEdition(ctx, es.ID); err != nil {
		t.Fatal(err)
	}
	if e := w.edition(t, es.ID); e.Status != store.EditionPublished || !e.Live() || e.Version != 2 {
		t.Errorf("published again: %s version %d, live %v; want published, version 2, live", e.Status, e.Version, e.Live())
	}
}

// approvedSpanish ingests body for Spanish only, drafts it and approves
// every segment: an edition ready to publish.
func approvedSpanish(t *testing.T, w *world) (store.Article, store.Edition) {
	t.Helper()
	ctx := context.Background()
	a, err := w.p.Ingest(ctx, editor.ID, pipeline.ArticleInput{Format: "markdown", Body: body, Targets: []string{"es"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.p.SegmentArticle(ctx, a.ID, 1); err != nil {
		t.Fatal(err)
	}
	es := w.editions(t, a.ID)["es"]
	if err := w.p.TranslateEdition(ctx, es.ID, es.Revision); err != nil {
		t.Fatal(err)
	}
	for _, s := range w.segments(t, w.edition(t, es.ID)) {
		if _, err := w.p.ApproveSegment(ctx, ana, es.ID, s.ID, pipeline.SegmentApproval{Version: s.Version}); err != nil {
			t.Fatal(err)
		}
	}
	return a, w.edition(t, es.ID)
}
