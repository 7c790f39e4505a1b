// Package tm is pressroom's translation memory: every approved segment with
// the sentences around it, per language pair, and lookup of what the memory
// has for a new sentence — in context (101), exact (100) or fuzzy (scored
// like CAT tools score, see score) — each with the words that differ marked.
//
// Fuzzy lookup goes through an inverted index kept in the database beside
// the entries (tables tm_grams and tm_postings): every word of a source is a
// gram with a document frequency and a posting list of entry ids. A lookup
// reads the frequencies of its words, takes the postings of the rarest ones
// up to a budget, ranks entries by how many of those words they share, and
// re-scores the best of them by word-level edit distance. It reads a few
// rows whatever the size of the memory, on SQLite and PostgreSQL alike.
//
// The package owns the logic; package store only moves rows. It does not
// import the web, API or queue layers.
package tm

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// Entry is a memory entry.
type Entry = store.TMEntry

// Match kinds.
const (
	KindInContext = "in_context"
	KindExact     = "exact"
	KindFuzzy     = "fuzzy"
)

// Config tunes the memory.
type Config struct {
	// Threshold is the lowest fuzzy score offered (default 70).
	Threshold int
	// AutoApproveInContext approves segments that an in-context (101) match
	// drafted, without a translator.
	AutoApproveInContext bool
	// Budget bounds the postings a fuzzy lookup reads (default 20,000).
	Budget int
}

// Memory is the translation memory on a store.
type Memory struct {
	st  *store.Store
	cfg Config
	now func() time.Time
}

// New returns the memory kept in st.
func New(st *store.Store, cfg Config) *Memory {
	if cfg.Threshold <= 0 {
		cfg.Threshold = DefaultThreshold
	}
	if cfg.Budget <= 0 {
		cfg.Budget = 20000
	}
	return &Memory{st: st, cfg: cfg, now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}
}

// Config returns the memory's settings.
func (m *Memory) Config() Config { return m.cfg }

// ErrInvalid is the kind of errors about bad entries (code invalid_entry):
// no text, foreign placeholders, invalid UTF-8.
var ErrInvalid = derrors.Unprocessable

// ErrNotFound is returned for an entry that does not exist.
var ErrNotFound = store.ErrNotFound

func invalidf(format string, args ...any) error {
	return derrors.New(ErrInvalid, "invalid_entry", format, args...)
}

// Put adds entries to the memory in q's transaction, or replaces the
// translation of the entry with the same source and context in the same
// pair (keeping who made it first and when). New entries are indexed at
// once.
func (m *Memory) Put(ctx context.Context, q *store.Queries, es []Entry) error {
	type key struct {
		from, to string
		sk, ck   int64
	}
	byKey := make(map[key]int, len(es))
	var batch []*Entry
	t := m.now()
	for i := range es {
		e := es[i]
		if err := normalize(&e); err != nil {
			return err
		}
		// Times are kept to the second, as TMX writes them, so that an
		// export imports as the same entries.
		e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC().Truncate(time.Second), e.UpdatedAt.UTC().Truncate(time.Second)
		if e.UpdatedAt.IsZero() {
			e.UpdatedAt = t
		}
		if e.CreatedAt.IsZero() {
			e.CreatedAt = e.UpdatedAt
		}
		if e.UpdatedBy == "" {
			e.UpdatedBy = e.CreatedBy
		}
		k := key{e.SourceLang, e.TargetLang, e.SourceKey, e.ContextKey}
		if j, ok := byKey[k]; ok {
			batch[j] = &e // the last of a source and context wins
			continue
		}
		byKey[k] = len(batch)
		batch = append(batch, &e)
	}
	// Replace what exists.
	type pair struct{ from, to string }
	keysOf := map[pair][]int64{}
	for _, e := range batch {
		p := pair{e.SourceLang, e.TargetLang}
		keysOf[p] = append(keysOf[p], e.SourceKey)
	}
	existing := map[key]Entry{}
	for p, ks := range keysOf {
		found, err := q.TMEntriesBySource(ctx, p.from, p.to, ks)
		if err != nil {
			return fmt.Errorf("translation memory: %w", err)
		}
		for _, f := range found {
			existing[key{f.SourceLang, f.TargetLang, f.SourceKey, f.ContextKey}] = f
		}
	}
	var fresh []*Entry
	for _, e := range batch {
		old, ok := existing[key{e.SourceLang, e.TargetLang, e.SourceKey, e.ContextKey}]
		if !ok || old.Source != e.Source {
			fresh = append(fresh, e)
			continue
		}
		e.ID, e.CreatedBy, e.CreatedAt = old.ID, old.CreatedBy, old.CreatedAt
		if err := q.UpdateTMEntry(ctx, *e); err != nil {
			return fmt.Errorf("translation memory: replace entry %d: %w", old.ID, err)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	if err := q.InsertTMEntries(ctx, fresh); err != nil {
		return fmt.Errorf("translation memory: %w", err)
	}
	return m.index(ctx, q, fresh)
}

// Validate says whether Put would take an entry (ErrInvalid if not).
func Validate(e Entry) error { return normalize(&e) }

// normalize checks an entry, puts its texts in NFC and sets its keys.
func normalize(e *Entry) error {
	if e.SourceLang == "" || e.TargetLang == "" {
		return invalidf("an entry needs a source and a target language")
	}
	for _, f := range []*string{&e.Source, &e.Target, &e.Prev, &e.Next} {
		if !utf8.ValidString(*f) {
			return invalidf("text is not valid UTF-8")
		}
		if err := textcheck.Text("text", *f); err != nil {
			return err
		}
		*f = norm.NFC.String(*f)
	}
	if strings.TrimSpace(e.Source) == "" || strings.TrimSpace(e.Target) == "" {
		return invalidf("an entry needs a source and a target text")
	}
	if err := inline.Check(e.Source, e.Target); err != nil {
		return invalidf("source %q and target %q: %v", e.Source, e.Target, err)
	}
	e.SourceKey = textKey(e.Source)
	e.ContextKey = textKey(e.Prev, e.Next)
	return nil
}

// Correct replaces an entry's translation (an administrator's fix).
func (m *Memory) Correct(ctx context.Context, id int64, target, by string) (Entry, error) {
	var out Entry
	err := m.st.InTx(ctx, func(q *store.Queries) error {
		e, err := q.GetTMEntry(ctx, id)
		if err != nil {
			return err
		}
		if !utf8.ValidString(target) {
			return invalidf("target is not valid UTF-8")
		}
		if err := textcheck.Text("target", target); err != nil {
			return err
		}
		target = norm.NFC.String(target)
		if strings.TrimSpace(inline.Plain(target)) == "" {
			return invalidf("the translation is empty")
		}
		if err := inline.Check(e.Source, target); err != nil {
			return invalidf("%v", err)
		}
		e.Target, e.UpdatedBy, e.UpdatedAt, e.Origin = target, by, m.now(), "human"
		out = e
		return q.UpdateTMEntry(ctx, e)
	})
	return out, err
}

// Delete removes an entry. Its grams' frequencies drop at once; the ids in
// sealed posting chunks stay until the index is rebuilt, and lookups skip
// them.
func (m *Memory) Delete(ctx context.Context, id int64) error {
	return m.st.InTx(ctx, func(q *store.Queries) error {
		e, err := q.GetTMEntry(ctx, id)
		if err != nil {
			return err
		}
		if err := q.DeleteTMEntry(ctx, id); err != nil {
			return err
		}
		grams := gramsOf(e.SourceLang, e.TargetLang, tokenize(e.Source))
		rows, err := q.TMGrams(ctx, grams, true)
		if err != nil {
			return err
		}
		var save []store.TMGram
		for _, g := range grams {
			r, ok := rows[g]
			if !ok || r.DF == 0 {
				continue
			}
			r.DF--
			ids := decodePostings(r.Tail, nil)
			kept := ids[:0]
			for _, x := range ids {
				if x != id {
					kept = append(kept, x)
				}
			}
			r.Tail, _ = appendPostings(nil, 0, kept...)
			save = append(save, r)
		}
		return q.SaveTMGrams(ctx, save)
	})
}

// Get returns one entry.
func (m *Memory) Get(ctx context.Context, id int64) (Entry, error) { return m.st.GetTMEntry(ctx, id) }

// Pairs lists the memory's language pairs.
func (m *Memory) Pairs(ctx context.Context) ([]store.TMPair, error) { return m.st.TMPairs(ctx) }

// IndexPending indexes the entries that are not in the index yet (those
// carried over from the first memory table by migration 00010), a batch
// per transaction. It returns how many it indexed.
func (m *Memory) IndexPending(ctx context.Context) (int, error) {
	n := 0
	for {
		var batch []Entry
		err := m.st.InTx(ctx, func(q *store.Queries) error {
			var err error
			if batch, err = q.UnindexedTMEntries(ctx, 1000); err != nil || len(batch) == 0 {
				return err
			}
			ptrs := make([]*Entry, len(batch))
			for i := range batch {
				e := &batch[i]
				e.SourceKey, e.ContextKey = textKey(e.Source), textKey(e.Prev, e.Next)
				if err := q.MarkTMIndexed(ctx, e.ID, e.SourceKey, e.ContextKey); err != nil {
					return err
				}
				ptrs[i] = e
			}
			return m.index(ctx, q, ptrs)
		})
		if err != nil || len(batch) == 0 {
			return n, err
		}
		n += len(batch)
	}
}
