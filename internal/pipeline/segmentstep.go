package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// SegmentArticle splits a revision of an article into segments and creates
// or rebases one edition per target language. It does nothing if the
// revision is no longer current or is already segmented.
func (p *Pipeline) SegmentArticle(ctx context.Context, articleID string, revision int) error {
	a, err := p.store.GetArticle(ctx, articleID)
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "article_not_found", "no article %q", articleID)
	} else if err != nil {
		return err
	}
	if a.Revision != revision || a.Status != store.ArticleReceived {
		p.log.DebugContext(ctx, "segment: nothing to do", "article", articleID, "revision", revision, "current", a.Revision, "status", a.Status)
		return nil
	}
	rev, err := p.store.GetRevision(ctx, articleID, revision)
	if err != nil {
		return fmt.Errorf("load revision: %w", err)
	}
	var doc document.Document
	if err := json.Unmarshal([]byte(rev.Doc), &doc); err != nil {
		return fmt.Errorf("decode stored document: %w", err)
	}
	blocks, pieces := split(a.SourceLang, doc)
	return p.inTx(ctx, func(q *store.Queries, af *after) error {
		if err := q.SetArticleStatus(ctx, articleID, revision, store.ArticleReceived, store.ArticleSegmented); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return nil // another worker got here first
			}
			return err
		}
		if err := q.PutBlocks(ctx, articleID, revision, blocks); err != nil {
			return err
		}
		if p.segmented != nil {
			if err := p.segmented.ArticleSegmented(ctx, q, a, blocks, pieces); err != nil {
				return fmt.Errorf("segmented hook: %w", err)
			}
		}
		for _, lang := range a.Targets {
			if err := p.segmentEdition(ctx, q, af, a, lang, pieces); err != nil {
				return fmt.Errorf("edition %s: %w", lang, err)
			}
		}
		return nil
	})
}

// split runs the segmenter over every block.
func split(lang string, doc document.Document) ([]store.Block, []store.Segment) {
	var blocks []store.Block
	var segs []store.Segment
	for i, b := range doc.Blocks {
		blocks = append(blocks, store.Block{Index: i, Kind: string(b.Kind), Level: b.Level, Ordered: b.Ordered, Tags: b.Tags})
		for _, pc := range segment.Split(lang, b.Text) {
			segs = append(segs, store.Segment{Index: len(segs), Block: i, Source: pc.Text, Lead: pc.Lead, Trail: pc.Trail})
		}
	}
	return blocks, segs
}

// segmentEdition creates an edition's segments for the article's current
// revision. For an edition that already exists (a correction), translations
// of sentences whose source did not change are kept with their status, and
// the edition goes back to work: outdated if it had been published.
func (p *Pipeline) segmentEdition(ctx context.Context, q *store.Queries, af *after, a store.Article, lang string, pieces []store.Segment) error {
	e, err := q.GetEditionByLang(ctx, a.ID, lang)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if !exists {
		e = store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: lang, Status: store.EditionTranslating, Revision: a.Revision}
		if err := q.CreateEdition(ctx, &e); err != nil {
			return err
		}
	}
	carried := map[string]store.Segment{}
	if exists {
		old, err := q.EditionSegments(ctx, e.ID, e.Revision)
		if err != nil {
			return err
		}
		for _, s := range old {
			if s.Status != store.SegmentPending {
				carried[s.Source] = s
			}
		}
	}
	segs := make([]store.Segment, len(pieces))
	pending := 0
	for i, pc := range pieces {
		s := pc
		s.ID, s.EditionID, s.Revision, s.Status = store.NewID("seg"), e.ID, a.Revision, store.SegmentPending
		if old, ok := carried[s.Source]; ok {
			s.Target, s.Status, s.Origin, s.Engine, s.Notes, s.QA, s.Matches = old.Target, old.Status, old.Origin, old.Engine, old.Notes, old.QA, old.Matches
		} else {
			pending++
		}
		segs[i] = s
	}
	if err := q.InsertSegments(ctx, segs); err != nil {
		return err
	}
	if exists {
		status := store.EditionTranslating
		switch {
		case e.Status == store.EditionUnpublished:
			status = e.Status // withdrawn: a correction does not put it back online
		case e.Version > 0:
			status = store.EditionOutdated
		}
		if err := q.RebaseEdition(ctx, e.ID, a.Revision, status); err != nil {
			return err
		}
	}
	e.Revision = a.Revision
	if pending > 0 {
		af.translate = append(af.translate, articleRev{e.ID, a.Revision})
		return nil
	}
	cur, err := q.GetEdition(ctx, e.ID)
	if err != nil {
		return err
	}
	return p.settle(ctx, q, af, cur)
}
