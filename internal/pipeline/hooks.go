package pipeline

import (
	"context"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// EditChecker checks a person's translation inside the transaction that
// stores it; its findings become the segment's qa field. Package
// glossary's Service is one (a forbidden term in a human edit is flagged).
type EditChecker interface {
	CheckEdit(ctx context.Context, q *store.Queries, from, to, source, target string) ([]store.QAIssue, error)
}

// SegmentedHook hears about each article revision as it is segmented,
// inside the transaction that stores the segments, so that what it records
// commits with them. Package glossary proposes the article's names as
// do-not-translate candidates from it. segs are the revision's segments in
// order (Source, Block and Index set).
type SegmentedHook interface {
	ArticleSegmented(ctx context.Context, q *store.Queries, a store.Article, blocks []store.Block, segs []store.Segment) error
}

// AddEditChecker installs c; every checker runs on every human save, in
// the order added. Call before the pipeline serves requests.
func (p *Pipeline) AddEditChecker(c EditChecker) { p.checkers = append(p.checkers, c) }

// SetSegmentedHook installs h (nil removes it). Call before the pipeline
// serves requests.
func (p *Pipeline) SetSegmentedHook(h SegmentedHook) { p.segmented = h }

// runCheckers runs the edit checkers on a target for a segment of a
// from→to edition. The quality checks (qa.go) call it, on human saves and
// on machine drafts alike, so a forbidden term is flagged wherever it
// comes from.
func (p *Pipeline) runCheckers(ctx context.Context, q *store.Queries, from, to, source, target string) ([]store.QAIssue, error) {
	var out []store.QAIssue
	for _, c := range p.checkers {
		qa, err := c.CheckEdit(ctx, q, from, to, source, target)
		if err != nil {
			return nil, err
		}
		out = append(out, qa...)
	}
	return out, nil
}
