package pipeline

import (
	"context"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// SegmentListener hears about every segment a person edited or approved,
// after the change has committed, whichever door it came through (web UI or
// API). The web UI implements it to push changes live to open editors.
// Listeners must not block: they run on the request's goroutine.
type SegmentListener interface {
	SegmentChanged(ctx context.Context, by string, seg store.Segment)
}

// SetSegmentListener installs l. Call it once, before the pipeline serves
// requests; nil removes it.
func (p *Pipeline) SetSegmentListener(l SegmentListener) { p.listener = l }

func (p *Pipeline) segmentChanged(ctx context.Context, by string, seg store.Segment) {
	if p.listener != nil {
		p.listener.SegmentChanged(ctx, by, seg)
	}
}
