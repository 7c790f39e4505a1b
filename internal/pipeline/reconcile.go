package pipeline

import (
	"context"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// ReconcileStats counts what Reconcile enqueued.
type ReconcileStats struct {
	Segment, Translate, Publish, Deliver int
}

// Reconcile enqueues all work the database says is pending: articles to
// segment, editions to translate or publish, webhook deliveries to send. The
// queue refuses duplicates of tasks it still holds, so this is safe to run
// at any time; it is what makes a lost or wiped queue lose nothing.
func (p *Pipeline) Reconcile(ctx context.Context) (ReconcileStats, error) {
	var st ReconcileStats
	if p.queue == nil {
		return st, fmt.Errorf("reconcile: no queue")
	}
	var a after
	arts, err := p.store.ListArticles(ctx, store.ArticleReceived, 10000)
	if err != nil {
		return st, err
	}
	for _, art := range arts {
		a.segment = append(a.segment, articleRev{art.ID, art.Revision})
	}
	// A withdrawn edition corrected while withdrawn has new segments to
	// draft too, though it stays withdrawn (settle).
	for _, status := range []string{store.EditionTranslating, store.EditionOutdated, store.EditionUnpublished} {
		eds, err := p.store.ListEditions(ctx, store.EditionFilter{Status: status, Limit: 10000})
		if err != nil {
			return st, err
		}
		for _, e := range eds {
			// Outdated and withdrawn editions with nothing pending need
			// review (or nothing), not translation.
			n, err := p.store.CountSegmentsNotIn(ctx, e.ID, e.Revision, store.SegmentDraft, store.SegmentEdited, store.SegmentApproved)
			if err != nil {
				return st, err
			}
			if n > 0 || e.Status == store.EditionTranslating {
				a.translate = append(a.translate, articleRev{e.ID, e.Revision})
			}
		}
	}
	eds, err := p.store.ListEditions(ctx, store.EditionFilter{Status: store.EditionScheduled, Limit: 10000})
	if err != nil {
		return st, err
	}
	for _, e := range eds {
		if e.PublishAt != nil {
			a.publish = append(a.publish, publishAt{e.ID, *e.PublishAt})
		}
	}
	dls, err := p.store.PendingDeliveries(ctx, 10000)
	if err != nil {
		return st, err
	}
	for _, d := range dls {
		a.deliveries = append(a.deliveries, d.ID)
	}
	p.flush(ctx, &a)
	st = ReconcileStats{len(a.segment), len(a.translate), len(a.publish), len(a.deliveries)}
	return st, nil
}
