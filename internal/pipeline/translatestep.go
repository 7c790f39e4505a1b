package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// TranslateEdition drafts every pending segment of an edition's revision
// through the translator, in batches. Each batch commits on its own, so a
// retry only redoes segments still pending. It returns an error if any
// segment is left without a draft, for the queue to retry.
func (p *Pipeline) TranslateEdition(ctx context.Context, editionID string, revision int) error {
	e, err := p.store.GetEdition(ctx, editionID)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(ErrNotFound, "edition_not_found", "no edition %q", editionID)
	} else if err != nil {
		return err
	}
	if e.Revision != revision || (e.Status != store.EditionTranslating && e.Status != store.EditionOutdated) {
		return nil
	}
	a, err := p.store.GetArticle(ctx, e.ArticleID)
	if err != nil {
		return err
	}
	blocks, err := p.store.GetBlocks(ctx, a.ID, revision)
	if err != nil {
		return err
	}
	pending, err := p.store.PendingSegments(ctx, e.ID, revision, 1<<30)
	if err != nil {
		return err
	}
	var failed []error
	for start := 0; start < len(pending); start += p.cfg.BatchSize {
		batch := pending[start:min(start+p.cfg.BatchSize, len(pending))]
		if err := p.translateBatch(ctx, a.SourceLang, e.Lang, blocks, batch); err != nil {
			failed = append(failed, err)
		}
	}
	err = p.inTx(ctx, func(q *store.Queries, af *after) error {
		cur, err := q.GetEdition(ctx, e.ID)
		if err != nil || cur.Revision != revision {
			return err
		}
		return p.settle(ctx, q, af, cur)
	})
	if err != nil {
		return err
	}
	return errors.Join(failed...)
}

func (p *Pipeline) translateBatch(ctx context.Context, from, to string, blocks []store.Block, batch []store.Segment) error {
	req := translate.Request{From: from, To: to}
	for _, s := range batch {
		req.Segments = append(req.Segments, translate.Segment{ID: s.ID, Text: s.Source, Tags: tagsOf(blocks, s)})
	}
	drafts, err := p.translator.Translate(ctx, req)
	if err != nil {
		return fmt.Errorf("translate %d segments %s→%s: %w", len(batch), from, to, err)
	}
	if len(drafts) != len(batch) {
		return fmt.Errorf("translator returned %d drafts for %d segments", len(drafts), len(batch))
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
			s.Target, s.Origin, s.Engine, s.Notes = d.Text, d.Backend, d.Engine, d.Notes
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
