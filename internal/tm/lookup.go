package tm

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Query is a sentence to look up, with the sentences around it (for
// in-context matches); all tagged text. A sentence alone (no neighbours)
// has no context to match.
type Query struct {
	Source, Prev, Next string
}

// Match is what the memory offers for a query.
type Match struct {
	Kind   string         `json:"kind"`
	Score  int            `json:"score"`
	Source string         `json:"source"`
	Target string         `json:"target"`
	Diff   []store.DiffOp `json:"diff"`
	Entry  Entry          `json:"-"`
}

// AsSegmentMatch is the match as a segment carries it for the editor.
func (m Match) AsSegmentMatch() store.Match {
	return store.Match{Source: m.Source, Target: m.Target, Score: m.Score, Origin: "tm", Kind: m.Kind, Diff: m.Diff, EntryID: m.Entry.ID}
}

// Fuzzy lookup's limits.
const (
	candidates = 40 // entries re-scored per query
	minGrams   = 3  // postings lists read even past the budget, if there are that many
	maxGrams   = 16 // postings lists read at most
)

// Lookup returns, for each query, up to limit matches best first: in
// context, exact, then fuzzy at or above the threshold. It costs a handful
// of queries for the whole batch.
func (m *Memory) Lookup(ctx context.Context, from, to string, qs []Query, limit int) ([][]Match, error) {
	return m.lookup(ctx, from, to, qs, limit, true)
}

// Exact is Lookup without fuzzy matches: what may stand as a translation.
func (m *Memory) Exact(ctx context.Context, from, to string, qs []Query, limit int) ([][]Match, error) {
	return m.lookup(ctx, from, to, qs, limit, false)
}

func (m *Memory) lookup(ctx context.Context, from, to string, qs []Query, limit int, withFuzzy bool) ([][]Match, error) {
	out := make([][]Match, len(qs))
	if len(qs) == 0 || limit <= 0 {
		return out, nil
	}
	q := m.st.Queries
	// When fuzzy matches are wanted beside exact ones, the index is read
	// while the exact lookup runs: one round trip less to wait for.
	var early chan fuzzyPlan
	if withFuzzy && limit > 1 {
		early = make(chan fuzzyPlan, 1)
		all := make([]int, len(qs))
		for i := range all {
			all[i] = i
		}
		go func() { early <- m.plan(ctx, q, from, to, qs, all) }()
	}
	// Exact and in-context.
	keys := make([]int64, len(qs))
	for i, x := range qs {
		keys[i] = textKey(x.Source)
	}
	found, err := q.TMEntriesBySource(ctx, from, to, uniq(keys))
	var plan fuzzyPlan
	if early != nil {
		plan = <-early
	}
	if err != nil {
		return nil, fmt.Errorf("translation memory: %w", err)
	}
	bySource := map[int64][]Entry{}
	for _, e := range found {
		bySource[e.SourceKey] = append(bySource[e.SourceKey], e)
	}
	var fuzzy []int
	for i, x := range qs {
		ck := textKey(x.Prev, x.Next)
		for _, e := range bySource[keys[i]] {
			if e.Source != x.Source {
				continue
			}
			mt := Match{Kind: KindExact, Score: ScoreExact, Source: e.Source, Target: e.Target, Entry: e}
			if e.ContextKey == ck && e.Prev == x.Prev && e.Next == x.Next && x.Prev+x.Next != "" {
				mt.Kind, mt.Score = KindInContext, ScoreInContext
			}
			out[i] = append(out[i], mt)
		}
		out[i] = best(out[i], limit)
		if withFuzzy && len(out[i]) < limit {
			fuzzy = append(fuzzy, i)
		}
	}
	if len(fuzzy) > 0 {
		if early == nil {
			plan = m.plan(ctx, q, from, to, qs, fuzzy)
		}
		if plan.err != nil {
			return nil, plan.err
		}
		if err := m.fuzzy(ctx, q, from, to, qs, fuzzy, plan, out, limit); err != nil {
			return nil, err
		}
	}
	for i := range out {
		for j := range out[i] {
			out[i][j].Diff = Diff(out[i][j].Source, qs[i].Source)
		}
	}
	return out, nil
}

// fuzzyPlan is what a fuzzy lookup knows before reading postings: each
// query's tokens and grams, and the grams' index rows.
type fuzzyPlan struct {
	toks  map[int][]token
	grams map[int][]int64
	rows  map[int64]store.TMGram
	err   error
}

// plan tokenizes the queries at the given indexes and reads their grams'
// frequencies.
func (m *Memory) plan(ctx context.Context, q *store.Queries, from, to string, qs []Query, which []int) fuzzyPlan {
	p := fuzzyPlan{toks: make(map[int][]token, len(which)), grams: make(map[int][]int64, len(which))}
	var all []int64
	for _, i := range which {
		t := tokenize(qs[i].Source)
		if len(t) == 0 || len(t) > maxTokens {
			continue
		}
		p.toks[i] = t
		p.grams[i] = gramsOf(from, to, t)
		all = append(all, p.grams[i]...)
	}
	if len(all) > 0 {
		if p.rows, p.err = q.TMGrams(ctx, uniq(all), false); p.err != nil {
			p.err = fmt.Errorf("translation memory index: %w", p.err)
		}
	}
	return p
}

// fuzzy adds fuzzy matches to out for the queries at the given indexes.
func (m *Memory) fuzzy(ctx context.Context, q *store.Queries, from, to string, qs []Query, which []int, p fuzzyPlan, out [][]Match, limit int) error {
	toks, gramsOfQuery, rows := p.toks, p.grams, p.rows
	if len(rows) == 0 {
		return nil
	}
	// Choose each query's rarest grams, up to the budget.
	chosen := map[int][]int64{}
	var sealed []int64
	for _, i := range which {
		gs := slices.Clone(gramsOfQuery[i])
		gs = slices.DeleteFunc(gs, func(g int64) bool { return rows[g].DF == 0 })
		slices.SortFunc(gs, func(a, b int64) int { return cmp.Compare(rows[a].DF, rows[b].DF) })
		sum := 0
		for n, g := range gs {
			df := rows[g].DF
			if n >= maxGrams || (n >= minGrams && sum+df > m.cfg.Budget) || (n > 0 && sum+df > 4*m.cfg.Budget) {
				break
			}
			sum += df
			chosen[i] = append(chosen[i], g)
			if df > countPostings(rows[g].Tail) {
				sealed = append(sealed, g)
			}
		}
	}
	chunksOf := map[int64][]store.TMChunk{}
	if len(sealed) > 0 {
		cs, err := q.TMChunks(ctx, uniq(sealed))
		if err != nil {
			return fmt.Errorf("translation memory index: %w", err)
		}
		for _, c := range cs {
			chunksOf[c.Gram] = append(chunksOf[c.Gram], c)
		}
	}
	// Rank entries by how many chosen grams they share.
	candidatesOf := map[int][]int64{}
	var ids []int64
	for _, i := range which {
		lists := make([][]int64, 0, len(chosen[i]))
		weights := make([]float64, 0, len(chosen[i]))
		for _, g := range chosen[i] {
			lists = append(lists, postings(rows[g], chunksOf[g]))
			weights = append(weights, idf(rows[g].DF))
		}
		c := topShared(lists, weights, candidates)
		candidatesOf[i] = c
		ids = append(ids, c...)
	}
	if len(ids) == 0 {
		return nil
	}
	es, err := q.TMEntriesByID(ctx, uniq(ids))
	if err != nil {
		return fmt.Errorf("translation memory: %w", err)
	}
	byID := make(map[int64]Entry, len(es))
	for _, e := range es {
		if e.SourceLang == from && e.TargetLang == to {
			byID[e.ID] = e
		}
	}
	for _, i := range which {
		var ms []Match
		for _, id := range candidatesOf[i] {
			e, ok := byID[id]
			if !ok || e.Source == qs[i].Source {
				continue // deleted since indexed, or already an exact match
			}
			if s := score(toks[i], tokenize(e.Source)); s >= m.cfg.Threshold {
				// The target in the query's placeholder numbers, ready to insert.
				ms = append(ms, Match{Kind: KindFuzzy, Score: s, Source: e.Source, Target: retag(e.Source, qs[i].Source, e.Target), Entry: e})
			}
		}
		out[i] = best(append(out[i], best(ms, limit)...), limit)
	}
	return nil
}

// postings returns a gram's posting list, sorted and without repeats.
func postings(g store.TMGram, chunks []store.TMChunk) []int64 {
	slices.SortFunc(chunks, func(a, b store.TMChunk) int { return cmp.Compare(a.Lo, b.Lo) })
	ids := make([]int64, 0, g.DF+chunkSize)
	for _, c := range chunks {
		ids = decodePostings(c.IDs, ids)
	}
	ids = decodePostings(g.Tail, ids)
	if !slices.IsSorted(ids) {
		slices.Sort(ids)
	}
	return slices.Compact(ids)
}

// topShared merges sorted posting lists and returns up to n ids with the
// highest sum of the weights of the lists they are in (rarer words weigh
// more), the newest (highest id) first among equals. The merge keeps a
// heap of the lists' heads: N log k for N postings in k lists.
func topShared(lists [][]int64, weights []float64, n int) []int64 {
	best := make(idHeap, 0, n)
	heads := make(headHeap, 0, len(lists))
	for l, list := range lists {
		if len(list) > 0 {
			heads = append(heads, head{list[0], l, 0})
		}
	}
	heap.Init(&heads)
	for len(heads) > 0 {
		cur, w := heads[0].id, 0.0
		for len(heads) > 0 && heads[0].id == cur {
			h := &heads[0]
			w += weights[h.list]
			if h.pos++; h.pos < len(lists[h.list]) {
				h.id = lists[h.list][h.pos]
				heap.Fix(&heads, 0)
			} else {
				heap.Pop(&heads)
			}
		}
		switch {
		case len(best) < n:
			heap.Push(&best, scored{cur, w})
		case w >= best[0].w: // ids ascend, so an equal weight is a newer entry
			best[0] = scored{cur, w}
			heap.Fix(&best, 0)
		}
	}
	out := make([]int64, len(best))
	for i := len(best) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&best).(scored).id
	}
	return out
}

// head is the next id of a posting list in a merge.
type head struct {
	id   int64
	list int
	pos  int
}

type headHeap []head

func (h headHeap) Len() int           { return len(h) }
func (h headHeap) Less(i, j int) bool { return h[i].id < h[j].id }
func (h headHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *headHeap) Push(x any)        { *h = append(*h, x.(head)) }
func (h *headHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

type scored struct {
	id int64
	w  float64
}

// idHeap is a min-heap of scored ids: the weakest (lowest weight, then
// oldest) on top.
type idHeap []scored

func (h idHeap) Len() int { return len(h) }
func (h idHeap) Less(i, j int) bool {
	if h[i].w != h[j].w {
		return h[i].w < h[j].w
	}
	return h[i].id < h[j].id
}
func (h idHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *idHeap) Push(x any)   { *h = append(*h, x.(scored)) }
func (h *idHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// idf is the weight of a word that df entries hold: the rarer, the more
// it says about a match.
func idf(df int) float64 { return math.Log(1 + 1e7/float64(max(df, 1))) }

// best sorts matches best first (score, then the newest), drops repeats of
// a translation, and keeps limit.
func best(ms []Match, limit int) []Match {
	slices.SortStableFunc(ms, func(a, b Match) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return b.Entry.UpdatedAt.Compare(a.Entry.UpdatedAt)
	})
	out := ms[:0]
	seen := map[[2]string]bool{}
	for _, x := range ms {
		k := [2]string{x.Source, x.Target}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
		if len(out) == limit {
			break
		}
	}
	return out
}

func uniq(xs []int64) []int64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return slices.Compact(xs)
}
