package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// BatchEnqueuer is implemented by queues that can spread one edition's
// batches over all workers (workers.Client does). Without it, an edition's
// batches are translated one after another by one task.
type BatchEnqueuer interface {
	EnqueueTranslateBatch(ctx context.Context, editionID string, revision int, segmentIDs []string) error
}

// TranslateEdition drafts the pending segments of an edition's revision in
// batches of Config.BatchSize (or Config.BatchSizeFor's size for the pair). When the queue can take batch tasks and
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
	size := p.batchSize(w.article.SourceLang, w.edition.Lang)
	var batches [][]store.Segment
	for start := 0; start < len(w.pending); start += size {
		batches = append(batches, w.pending[start:min(start+size, len(w.pending))])
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
		if err := p.translateBatch(ctx, w, b); err != nil {
			failed = append(failed, err)
		}
	}
	return errors.Join(append(failed, p.settleRevision(ctx, editionID, revision))...)
}

// batchSize is how many segments of a from→to edition go in one batch.
func (p *Pipeline) batchSize(from, to string) int {
	if p.cfg.BatchSizeFor != nil {
		if n := p.cfg.BatchSizeFor(from, to); n > 0 {
			return n
		}
	}
	return p.cfg.BatchSize
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
		failed = p.translateBatch(ctx, w, batch)
	}
	return errors.Join(failed, p.settleRevision(ctx, editionID, revision))
}

// work is what a translation step needs to know.
type work struct {
	edition store.Edition
	article store.Article
	blocks  []store.Block
	pending []store.Segment
	around  map[string][2]string // segment id → previous and next source, for memory context
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
	switch {
	case e.Revision != revision:
		return nil, nil
	case e.Status != store.EditionTranslating && e.Status != store.EditionOutdated && e.Status != store.EditionUnpublished:
		// Past translation; a withdrawn edition corrected while withdrawn
		// still has its new segments drafted.
		return nil, nil
	}
	w := &work{edition: e}
	if w.article, err = p.store.GetArticle(ctx, e.ArticleID); err != nil {
		return nil, err
	}
	if w.blocks, err = p.store.GetBlocks(ctx, e.ArticleID, revision); err != nil {
		return nil, err
	}
	all, err := p.store.EditionSegments(ctx, e.ID, revision)
	if err != nil {
		return nil, err
	}
	w.around = make(map[string][2]string)
	for i, s := range all {
		if s.Status != store.SegmentPending {
			continue
		}
		w.pending = append(w.pending, s)
		var c [2]string
		if i > 0 {
			c[0] = all[i-1].Source
		}
		if i+1 < len(all) {
			c[1] = all[i+1].Source
		}
		w.around[s.ID] = c
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

// translateBatch drafts a batch: translation memory first — in-context
// and exact matches become drafts (in-context ones approved, if so
// configured) — and the translator for the rest. Every segment keeps its
// best memory matches, fuzzy ones included, for the editor.
func (p *Pipeline) translateBatch(ctx context.Context, w *work, batch []store.Segment) error {
	from, to := w.article.SourceLang, w.edition.Lang
	mem, err := p.fromMemory(ctx, from, to, batch, w.around)
	if err != nil {
		return err
	}
	drafts := mem.drafts
	if len(mem.rest) > 0 {
		req := translate.Request{From: from, To: to}
		for _, i := range mem.rest {
			s := batch[i]
			req.Segments = append(req.Segments, translate.Segment{ID: s.ID, Text: s.Source, Tags: tagsOf(w.blocks, s)})
		}
		mt, err := p.translator.Translate(ctx, req)
		if err != nil {
			return fmt.Errorf("translate %d segments %s→%s: %w", len(mem.rest), from, to, err)
		}
		if len(mt) != len(mem.rest) {
			return fmt.Errorf("translator returned %d drafts for %d segments", len(mt), len(mem.rest))
		}
		for j, i := range mem.rest {
			drafts[i] = mt[j]
		}
	}
	// Everything per segment — tag checks, repair, quality checks, the
	// glossary — is worked out before the transaction, so that it holds
	// the database (SQLite's one writer) only for the writes: one bulk
	// statement for the drafts.
	var failed []error
	var ready []store.Segment
	var approve []bool
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
		if d.Backend != memoryBackend { // a translator approved the memory's text as it is
			d = repaired(from, to, s.Source, d)
			if inline.Check(s.Source, d.Text) != nil {
				d = drafts[i] // a repair never breaks the tags; belt and braces
			}
		}
		s.Target, s.Origin, s.Engine, s.Notes, s.Matches = d.Text, d.Backend, d.Engine, d.Notes, mem.matches[i]
		ready = append(ready, s)
		approve = append(approve, mem.approve[i])
	}
	texts := make([][2]string, len(ready))
	for i, s := range ready {
		texts[i] = [2]string{s.Source, s.Target}
	}
	more, err := p.runCheckersBatch(ctx, p.store.Queries, from, to, texts)
	if err != nil {
		return err
	}
	for i := range ready {
		s := &ready[i]
		seg := qa.Segment{From: from, To: to, Source: s.Source, Target: s.Target, Tags: tagsOf(w.blocks, *s), Pseudo: s.Origin == translate.PseudoName}
		s.QA = errorsFirst(append(p.findings(ctx, seg), more[i]...))
	}
	err = p.store.InTx(ctx, func(q *store.Queries) error {
		changed, err := q.SetDrafts(ctx, ready) // segments no longer pending are left alone
		if err != nil || !slices.Contains(approve, true) {
			return err
		}
		drafted := make(map[string]bool, len(changed))
		for _, id := range changed {
			drafted[id] = true
		}
		for i, s := range ready {
			if approve[i] && drafted[s.ID] && hasErrors(s.QA) == 0 { // errors wait for a person
				if err := p.approveFromMemory(ctx, q, s); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(failed...)
}

// memoryDrafts is what translation memory did for a batch.
type memoryDrafts struct {
	drafts  []translate.Draft
	matches [][]store.Match // per segment, best first
	approve []bool          // drafted from an in-context match, to approve
	rest    []int           // indexes of segments still to translate
}

// memoryBackend names the memory as a segment's origin.
const memoryBackend = "tm"

// matchesPerSegment is how many memory matches a segment keeps.
const matchesPerSegment = 3

// fromMemory looks every segment of a batch up in translation memory in one
// go: in-context (101) and exact (100) matches fill drafts; fuzzy matches
// never do, they are only attached as suggestions.
func (p *Pipeline) fromMemory(ctx context.Context, from, to string, batch []store.Segment, around map[string][2]string) (memoryDrafts, error) {
	out := memoryDrafts{drafts: make([]translate.Draft, len(batch)), matches: make([][]store.Match, len(batch)), approve: make([]bool, len(batch))}
	qs := make([]tm.Query, len(batch))
	for i, s := range batch {
		c := around[s.ID]
		qs[i] = tm.Query{Source: s.Source, Prev: c[0], Next: c[1]}
	}
	found, err := p.memory.Lookup(ctx, from, to, qs, matchesPerSegment)
	if err != nil {
		return out, fmt.Errorf("translation memory: %w", err)
	}
	for i, s := range batch {
		for _, m := range found[i] {
			out.matches[i] = append(out.matches[i], m.AsSegmentMatch())
		}
		if len(found[i]) > 0 && found[i][0].Kind != tm.KindFuzzy {
			best := found[i][0]
			out.drafts[i] = translate.Draft{ID: s.ID, Text: best.Target, Backend: memoryBackend, Engine: best.Kind}
			out.approve[i] = best.Kind == tm.KindInContext && p.memory.Config().AutoApproveInContext
			continue
		}
		out.rest = append(out.rest, i)
	}
	return out, nil
}

// approveFromMemory approves a segment an in-context match just drafted,
// as configured, and records the approval in its history.
func (p *Pipeline) approveFromMemory(ctx context.Context, q *store.Queries, s store.Segment) error {
	if err := q.ApproveSegment(ctx, s.EditionID, s.ID, s.Version+1, memoryBackend); err != nil {
		return err
	}
	return q.AddSegmentChange(ctx, &store.SegmentChange{SegmentID: s.ID, EditionID: s.EditionID, Action: store.HistoryApprove,
		Target: s.Target, Version: s.Version + 2, ByID: memoryBackend})
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
