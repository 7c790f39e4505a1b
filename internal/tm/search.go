package tm

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Search returns a pair's entries whose source holds every word of text
// (as the index knows words: case and numbers folded), newest first; with
// no words, the newest entries changed before `before` (zero: any). It is
// for administrators looking for what to correct or delete.
func (m *Memory) Search(ctx context.Context, from, to, text string, before time.Time, limit int) ([]Entry, error) {
	var words []string
	for _, t := range tokenize(text) {
		if t.Kind != punct && !slices.Contains(words, t.Key) {
			words = append(words, t.Key)
		}
	}
	if len(words) == 0 {
		return m.st.RecentTMEntries(ctx, from, to, before, limit)
	}
	grams := make([]int64, len(words))
	for i, w := range words {
		grams[i] = gramOf(from, to, w)
	}
	q := m.st.Queries
	rows, err := q.TMGrams(ctx, grams, false)
	if err != nil {
		return nil, fmt.Errorf("translation memory index: %w", err)
	}
	for _, g := range grams {
		if rows[g].DF == 0 {
			return nil, nil // a word no entry has
		}
	}
	chunks, err := q.TMChunks(ctx, grams)
	if err != nil {
		return nil, fmt.Errorf("translation memory index: %w", err)
	}
	var ids []int64
	for i, g := range grams {
		var cs []store.TMChunk
		for _, c := range chunks {
			if c.Gram == g {
				cs = append(cs, c)
			}
		}
		list := postings(rows[g], cs)
		if i == 0 {
			ids = list
			continue
		}
		ids = intersect(ids, list)
	}
	// The newest ids first; deleted entries drop out when fetched.
	slices.Reverse(ids)
	var out []Entry
	for start := 0; start < len(ids) && len(out) < limit; start += limit {
		es, err := q.TMEntriesByID(ctx, ids[start:min(start+limit, len(ids))])
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	slices.SortFunc(out, func(a, b Entry) int { return -cmpInt(a.ID, b.ID) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func intersect(a, b []int64) []int64 {
	var out []int64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}
