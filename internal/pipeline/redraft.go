package pipeline

import (
	"context"
	"errors"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Redraft sends back to machine translation the segments of an article's
// current editions that are still untouched machine drafts (status draft,
// from a machine backend, not from a person or the translation memory) and
// that want selects, after running fn in the same transaction. An edition
// in review goes back to translating; the translate task is enqueued once
// the transaction has committed, through the usual path, so running this
// twice is harmless. It returns how many segments it reset. Package
// glossary calls it when an editor accepts a name as do-not-translate.
func (p *Pipeline) Redraft(ctx context.Context, articleID string, want func(store.Segment) bool, fn func(q *store.Queries) error) (int, error) {
	n := 0
	err := p.inTx(ctx, func(q *store.Queries, af *after) error {
		n = 0
		if fn != nil {
			if err := fn(q); err != nil {
				return err
			}
		}
		eds, err := q.ArticleEditions(ctx, articleID)
		if err != nil {
			return err
		}
		for _, e := range eds {
			segs, err := q.EditionSegments(ctx, e.ID, e.Revision)
			if err != nil {
				return err
			}
			reset := 0
			for _, s := range segs {
				if s.Status != store.SegmentDraft || !machineOrigin(s.Origin) || (want != nil && !want(s)) {
					continue
				}
				if err := q.ResetMachineDraft(ctx, e.ID, s.ID, s.Version); err != nil {
					if errors.Is(err, store.ErrConflict) {
						continue // someone changed it meanwhile: theirs stands
					}
					return err
				}
				reset++
			}
			if reset == 0 {
				continue
			}
			n += reset
			if e.Status == store.EditionInReview {
				if err := q.SetEditionStatus(ctx, e.ID, store.EditionTranslating, store.EditionInReview); err != nil && !errors.Is(err, store.ErrConflict) {
					return err
				}
			}
			af.translate = append(af.translate, articleRev{e.ID, e.Revision})
		}
		return nil
	})
	return n, err
}

// machineOrigin reports whether a draft's origin is a machine backend
// rather than a person or the translation memory.
func machineOrigin(origin string) bool {
	return origin != "" && origin != "human" && origin != "tm" && origin != "memory" && !strings.HasPrefix(origin, "tm:")
}
