package tm

import (
	"context"
	"fmt"
	"slices"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// chunkSize is how many ids a sealed posting chunk holds; the tail of a
// gram holds fewer. A lookup reads df/chunkSize rows per gram.
const chunkSize = 256

// index adds new entries to the fuzzy index in q's transaction: every
// gram's frequency grows, the ids go to its tail, and full tails are sealed
// into chunks. A batch of entries costs a few statements, not one per gram
// and entry.
func (m *Memory) index(ctx context.Context, q *store.Queries, es []*Entry) error {
	slices.SortFunc(es, func(a, b *Entry) int { return cmpInt(a.ID, b.ID) })
	idsOf := map[int64][]int64{}
	for _, e := range es {
		if e.ID == 0 {
			return fmt.Errorf("translation memory: entry %q has no id", e.Source)
		}
		for _, g := range gramsOf(e.SourceLang, e.TargetLang, tokenize(e.Source)) {
			idsOf[g] = append(idsOf[g], e.ID)
		}
	}
	grams := make([]int64, 0, len(idsOf))
	for g := range idsOf {
		grams = append(grams, g)
	}
	slices.Sort(grams)
	rows, err := q.TMGrams(ctx, grams, true)
	if err != nil {
		return fmt.Errorf("translation memory index: %w", err)
	}
	save := make([]store.TMGram, 0, len(grams))
	var chunks []store.TMChunk
	for _, g := range grams {
		r := rows[g]
		r.Gram = g
		ids := decodePostings(r.Tail, nil)
		ids = append(ids, idsOf[g]...)
		r.DF += len(idsOf[g])
		for len(ids) >= chunkSize {
			enc, _ := appendPostings(nil, 0, ids[:chunkSize]...)
			chunks = append(chunks, store.TMChunk{Gram: g, Lo: ids[0], IDs: enc})
			ids = ids[chunkSize:]
		}
		r.Tail, _ = appendPostings(nil, 0, ids...)
		save = append(save, r)
	}
	if err := q.SaveTMGrams(ctx, save); err != nil {
		return err
	}
	return q.InsertTMChunks(ctx, chunks)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
