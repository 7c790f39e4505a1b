package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestEditCancelsSchedule: editing an approved segment of a scheduled
// edition sends it back to review and cancels its schedule, publish_at
// included (the API went on showing a time nothing would happen at).
func TestEditCancelsSchedule(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, es := approvedSpanish(t, w)
	if _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if e := w.edition(t, es.ID); e.Status != store.EditionScheduled || e.PublishAt == nil {
		t.Fatalf("scheduled: %s at %v", e.Status, e.PublishAt)
	}
	seg := w.segments(t, w.edition(t, es.ID))[0]
	if _, err := w.p.EditSegment(ctx, ana, es.ID, seg.ID, pipeline.SegmentEdit{Target: "Huelga en el puerto", Version: seg.Version}); err != nil {
		t.Fatal(err)
	}
	if e := w.edition(t, es.ID); e.Status != store.EditionInReview || e.PublishAt != nil {
		t.Errorf("after an edit: %s, publish_at %v; want in_review with no publication time", e.Status, e.PublishAt)
	}
}
