package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// BatchEnqueuer is implemented by queues that can spread one edition's
// batches over all workers (workers.Client does). Without it, an edition's
// batches are translated one after another by one task.
type BatchEnqueuer interface {
	EnqueueTranslateBatch(ctx context.Context, editionID string, revision int, segmentIDs []string) error
}

// TranslateEdition drafts the pending segments of an edition's revision in
// batches of Config.BatchSize. When the queue can take batch tasks and
// there is more than one batch, it enqueues one task per batch, so an
// article's batches run on all workers at once; otherwise it translates them
// itself. Each batch commits on its own, so a retry only redoes segments
// still pending. It returns an error if any segment is left without a draft,
// for the queue to retry.
func (p *Pipeline) TranslateEdition(ctx context.Context, editionID string, revision int) error {
	w, err := p.translationWork(ctx, editionID, revision)
	if err != nil || w == nil {
		return err
	}
	var batches [][]store.Segment
	for start := 0; start < len(w.pending); start += p.cfg.BatchSize {
		batches = append(batches, w.pending[start:min(start+p.cfg.BatchSize, len(w.pending))])
	}
	if bq, ok := p.queue.(BatchEnqueuer); ok && len(batches) > 1 {
		for _, b := range batches {
			ids := make([]string, len(b))
			for i, s := range b {
				ids[i] = s.ID
			}
			if err := bq.EnqueueTranslateBatch(ctx, editionID, revision, ids); err != nil {
				return err
			}
		}
		return nil
	}
	var failed []error
	for _, b := range batches {
		if err := p.translateBatch(ctx, w.article.SourceLang, w.edition.Lang, w.blocks, b); err != nil {
			failed = append(failed, err)
		}
	}
	return errors.Join(append(failed, p.settleRevision(ctx, editionID, revision))...)
}

// TranslateBatch drafts those of the given segments that are still pending.
func (p *Pipeline) TranslateBatch(ctx context.Context, editionID string, revision int, segmentIDs []string) error {
	w, err := p.translationWork(ctx, editionID, revision)
	if err != nil || w == nil {
		return err
	}
	want := make(map[string]bool, len(segmentIDs))
	for _, id := range segmentIDs {
		want[id] = true
	}
	var batch []store.Segment
	for _, s := range w.pending {
		if want[s.ID] {
			batch = append(batch, s)
		}
	}
	var failed error
	if len(batch) > 0 {
		failed = p.translateBatch(ctx, w.article.SourceLang, w.edition.Lang, w.blocks, batch)
	}
	return errors.Join(failed, p.settleRevision(ctx, editionID, revision))
}

// work is what a translation step needs to know.
type work struct {
	edition store.Edition
	article store.Article
	blocks  []store.Block
	pending []store.Segment
}

// translationWork loads an edition's pending segments, or nil when the
// revision is no longer current or the edition is past translation.
func (p *Pipeline) translationWork(ctx context.Context, editionID string, revision int) (*work, error) {
	e, err := p.store.GetEdition(ctx, editionID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, derrors.New(derrors.NotFound, "edition_not_found", "no edition %q", editionID)
	} else if err != nil {
		return nil, err
	}
	if e.Revision != revision || (e.Status != store.EditionTranslating && e.Status != store.EditionOutdated) {
		return nil, nil
	}
	w := &work{edition: e}
	if w.article, err = p.store.GetArticle(ctx, e.ArticleID); err != nil {
		return nil, err
	}
	if w.blocks, err = p.store.GetBlocks(ctx, e.ArticleID, revision); err != nil {
		return nil, err
	}
	if w.pending, err = p.store.PendingSegments(ctx, e.ID, revision, 1<<30); err != nil {
		return nil, err
	}
	return w, nil
}

// settleRevision settles an edition if it is still at revision.
func (p *Pipeline) settleRevision(ctx context.Context, editionID string, revision int) error {
	return p.inTx(ctx, func(q *store.Queries, af *after) error {
		cur, err := q.GetEdition(ctx, editionID)
		if err != nil || cur.Revision != revision {
			return err
		}
		return p.settle(ctx, q, af, cur)
	})
}

// translateBatch drafts a batch: exact translation-memory matches first,
// the translator for the rest.
func (p *Pipeline) translateBatch(ctx context.Context, from, to string, blocks []store.Block, batch []store.Segment) error {
	drafts, rest, err := p.fromMemory(ctx, from, to, batch)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		req := translate.Request{From: from, To: to}
		for _, i := range rest {
			s := batch[i]
			req.Segments = append(req.Segments, translate.Segment{ID: s.ID, Text: s.Source, Tags: tagsOf(blocks, s)})
		}
		mt, err := p.translator.Translate(ctx, req)
		if err != nil {
			return fmt.Errorf("translate %d segments %s→%s: %w", len(rest), from, to, err)
		}
		if len(mt) != len(rest) {
			return fmt.Errorf("translator returned %d drafts for %d segments", len(mt), len(rest))
		}
		for j, i := range rest {
			drafts[i] = mt[j]
		}
	}
	var failed []error
	err = p.store.InTx(ctx, func(q *store.Queries) error {
		for i, d := range drafts {
			if d.Err != nil {
				failed = append(failed, fmt.Errorf("segment %s: %w", batch[i].ID, d.Err))
				continue
			}
			if err := inline.Check(batch[i].Source, d.Text); err != nil {
				failed = append(failed, fmt.Errorf("segment %s from %s: %w", batch[i].ID, d.Backend, err))
				continue
			}
			s := batch[i]
			d = repaired(from, to, s.Source, d)
			if inline.Check(s.Source, d.Text) != nil {
				d = drafts[i] // a repair never breaks the tags; belt and braces
			}
			s.Target, s.Origin, s.Engine, s.Notes = d.Text, d.Backend, d.Engine, d.Notes
			more, err := p.runCheckers(ctx, q, from, to, s.Source, s.Target)
			if err != nil {
				return err
			}
			s.QA = errorsFirst(append(p.findings(ctx, from, to, s.Source, s.Target, tagsOf(blocks, s)), more...))
			if err := q.SetDraft(ctx, s); err != nil && !errors.Is(err, store.ErrConflict) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(failed...)
}

// fromMemory fills the drafts that translation memory has exact matches
// for, and returns the indexes of the segments still to translate.
func (p *Pipeline) fromMemory(ctx context.Context, from, to string, batch []store.Segment) ([]translate.Draft, []int, error) {
	drafts := make([]translate.Draft, len(batch))
	hashes := make([]string, len(batch))
	for i, s := range batch {
		hashes[i] = hashText(s.Source)
	}
	units, err := p.store.LookupTM(ctx, from, to, hashes)
	if err != nil {
		return nil, nil, fmt.Errorf("translation memory: %w", err)
	}
	var rest []int
	for i, s := range batch {
		u, ok := units[hashes[i]]
		if ok && u.Source == s.Source {
			drafts[i] = translate.Draft{ID: s.ID, Text: u.Target, Backend: "tm", Engine: "exact"}
			continue
		}
		rest = append(rest, i)
	}
	return drafts, rest, nil
}

// tagsOf returns the definitions of the placeholders a segment uses.
func tagsOf(blocks []store.Block, s store.Segment) []inline.Tag {
	if s.Block >= len(blocks) {
		return nil
	}
	ids, err := inline.IDs(s.Source)
	if err != nil || len(ids) == 0 {
		return nil
	}
	var out []inline.Tag
	for _, t := range blocks[s.Block].Tags {
		for _, id := range ids {
			if t.ID == id {
				out = append(out, t)
			}
		}
	}
	return out
}
