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

// BatchEditChecker is an EditChecker that can check a whole batch of
// machine drafts of one language pair at once (reading its data once per
// batch, not once per segment); glossary's Service is one. texts[i] is a
// source and its target.
type BatchEditChecker interface {
	CheckEdits(ctx context.Context, q *store.Queries, from, to string, texts [][2]string) ([][]store.QAIssue, error)
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

// runCheckersBatch is runCheckers for many texts of one pair: one call per
// checker that can take a batch, one per text for the others.
func (p *Pipeline) runCheckersBatch(ctx context.Context, q *store.Queries, from, to string, texts [][2]string) ([][]store.QAIssue, error) {
	out := make([][]store.QAIssue, len(texts))
	for _, c := range p.checkers {
		if bc, ok := c.(BatchEditChecker); ok {
			found, err := bc.CheckEdits(ctx, q, from, to, texts)
			if err != nil {
				return nil, err
			}
			for i := range out {
				out[i] = append(out[i], found[i]...)
			}
			continue
		}
		for i, st := range texts {
			found, err := c.CheckEdit(ctx, q, from, to, st[0], st[1])
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], found...)
		}
	}
	return out, nil
}
