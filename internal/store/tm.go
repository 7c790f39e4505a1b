package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The translation memory's tables (migration 00010). Package tm owns the
// logic — which keys, grams and posting lists to write — and these queries
// only move rows.

// TMEntry is an approved translation in the translation memory, with the
// sentences around its source when it was approved.
type TMEntry struct {
	ID         int64     `json:"id"`
	SourceLang string    `json:"source_lang"`
	TargetLang string    `json:"target_lang"`
	SourceKey  int64     `json:"-"`
	ContextKey int64     `json:"-"`
	Source     string    `json:"source"`
	Target     string    `json:"target"`
	Prev       string    `json:"prev,omitempty"`
	Next       string    `json:"next,omitempty"`
	ArticleID  string    `json:"article_id,omitempty"`
	SegmentID  string    `json:"segment_id,omitempty"`
	Origin     string    `json:"origin,omitempty"`
	CreatedBy  string    `json:"created_by,omitempty"`
	UpdatedBy  string    `json:"updated_by,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// TMGram is a row of the fuzzy index: a gram's document frequency and its
// newest postings.
type TMGram struct {
	Gram int64
	DF   int
	Tail []byte
}

// TMChunk is a sealed run of a gram's postings whose first id is Lo.
type TMChunk struct {
	Gram int64
	Lo   int64
	IDs  []byte
}

// TMPair is a language pair of the memory and its number of entries.
type TMPair struct {
	SourceLang string `json:"from"`
	TargetLang string `json:"to"`
	Entries    int    `json:"entries"`
}

const tmEntryCols = `id, source_lang, target_lang, source_key, context_key, source, target, prev_source, next_source,
	article_id, segment_id, origin, created_by, updated_by, created_at, updated_at`

func scanTMEntry(row interface{ Scan(...any) error }) (TMEntry, error) {
	var e TMEntry
	err := row.Scan(&e.ID, &e.SourceLang, &e.TargetLang, &e.SourceKey, &e.ContextKey, &e.Source, &e.Target, &e.Prev, &e.Next,
		&e.ArticleID, &e.SegmentID, &e.Origin, &e.CreatedBy, &e.UpdatedBy, &e.CreatedAt, &e.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, err
}

func (q *Queries) tmEntries(ctx context.Context, where string, args ...any) ([]TMEntry, error) {
	rows, err := q.query(ctx, `SELECT `+tmEntryCols+` FROM tm_entries `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TMEntry
	for rows.Next() {
		e, err := scanTMEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// inChunk is how many values one IN (…) list holds; both databases allow
// far more parameters, but long lists plan worse.
const inChunk = 500

// inChunks runs fn over keys in chunks of inChunk, with the chunk's
// placeholder list ("(?,?,…)") and its arguments appended to the leading
// args.
func inChunks[T any](keys []T, lead []any, fn func(list string, args []any) error) error {
	for start := 0; start < len(keys); start += inChunk {
		chunk := keys[start:min(start+inChunk, len(keys))]
		args := append([]any(nil), lead...)
		for _, k := range chunk {
			args = append(args, k)
		}
		if err := fn(inList(len(chunk)), args); err != nil {
			return err
		}
	}
	return nil
}

// TMEntriesBySource returns a pair's entries whose source key is one of
// keys (the caller compares the text).
func (q *Queries) TMEntriesBySource(ctx context.Context, from, to string, keys []int64) ([]TMEntry, error) {
	var out []TMEntry
	err := inChunks(keys, []any{from, to}, func(m string, args []any) error {
		es, err := q.tmEntries(ctx, `WHERE source_lang = ? AND target_lang = ? AND source_key IN `+m, args...)
		out = append(out, es...)
		return err
	})
	return out, err
}

// TMEntriesByID returns the entries with the given ids that exist.
func (q *Queries) TMEntriesByID(ctx context.Context, ids []int64) ([]TMEntry, error) {
	var out []TMEntry
	err := inChunks(ids, nil, func(m string, args []any) error {
		es, err := q.tmEntries(ctx, `WHERE id IN `+m, args...)
		out = append(out, es...)
		return err
	})
	return out, err
}

// GetTMEntry returns one entry.
func (q *Queries) GetTMEntry(ctx context.Context, id int64) (TMEntry, error) {
	return scanTMEntry(q.queryRow(ctx, `SELECT `+tmEntryCols+` FROM tm_entries WHERE id = ?`, id))
}

// InsertTMEntries inserts entries that do not exist yet (by pair, source
// key and context key) and sets their ids; on PostgreSQL, an entry a
// concurrent transaction inserted first is updated instead, and its id set.
func (q *Queries) InsertTMEntries(ctx context.Context, es []*TMEntry) error {
	const perStatement = 100
	for start := 0; start < len(es); start += perStatement {
		chunk := es[start:min(start+perStatement, len(es))]
		var args []any
		byKey := make(map[[4]any]*TMEntry, len(chunk))
		for _, e := range chunk {
			args = append(args, e.SourceLang, e.TargetLang, e.SourceKey, e.ContextKey, e.Source, e.Target, e.Prev, e.Next,
				e.ArticleID, e.SegmentID, e.Origin, e.CreatedBy, e.UpdatedBy, e.CreatedAt, e.UpdatedAt)
			byKey[[4]any{e.SourceLang, e.TargetLang, e.SourceKey, e.ContextKey}] = e
		}
		rows, err := q.query(ctx, `INSERT INTO tm_entries (source_lang, target_lang, source_key, context_key, source, target,
			prev_source, next_source, article_id, segment_id, origin, created_by, updated_by, created_at, updated_at)
			VALUES `+valueRows(len(chunk), 15)+`
			ON CONFLICT (source_lang, target_lang, source_key, context_key) DO UPDATE SET target = excluded.target,
			origin = excluded.origin, updated_by = excluded.updated_by, updated_at = excluded.updated_at
			RETURNING id, source_lang, target_lang, source_key, context_key`, args...)
		if err != nil {
			return fmt.Errorf("insert memory entries: %w", err)
		}
		for rows.Next() {
			var id, sk, ck int64
			var from, to string
			if err := rows.Scan(&id, &from, &to, &sk, &ck); err != nil {
				rows.Close()
				return err
			}
			if e := byKey[[4]any{from, to, sk, ck}]; e != nil {
				e.ID = id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// UpdateTMEntry rewrites an entry's translation and bookkeeping (its
// source, context and keys stay).
func (q *Queries) UpdateTMEntry(ctx context.Context, e TMEntry) error {
	err := q.execOne(ctx, `UPDATE tm_entries SET target = ?, article_id = ?, segment_id = ?, origin = ?, created_by = ?, updated_by = ?,
		created_at = ?, updated_at = ? WHERE id = ?`,
		e.Target, e.ArticleID, e.SegmentID, e.Origin, e.CreatedBy, e.UpdatedBy, e.CreatedAt, e.UpdatedAt, e.ID)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

// DeleteTMEntry deletes an entry; its postings are left for readers to
// skip (see package tm).
func (q *Queries) DeleteTMEntry(ctx context.Context, id int64) error {
	err := q.execOne(ctx, `DELETE FROM tm_entries WHERE id = ?`, id)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

// RecentTMEntries returns a pair's entries, newest first, changed before
// the given time (zero: now).
func (q *Queries) RecentTMEntries(ctx context.Context, from, to string, before time.Time, limit int) ([]TMEntry, error) {
	if before.IsZero() {
		before = time.Now().Add(time.Hour)
	}
	return q.tmEntries(ctx, `WHERE source_lang = ? AND target_lang = ? AND updated_at < ? ORDER BY updated_at DESC, id DESC LIMIT ?`,
		from, to, before.UTC(), limit)
}

// EachTMEntry calls fn for every entry of a pair in id order, reading a
// page at a time so that any size streams in bounded memory.
func (q *Queries) EachTMEntry(ctx context.Context, from, to string, fn func(TMEntry) error) error {
	var after int64 = -1 << 63
	for {
		page, err := q.tmEntries(ctx, `WHERE source_lang = ? AND target_lang = ? AND id > ? ORDER BY id LIMIT 1000`, from, to, after)
		if err != nil {
			return err
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < 1000 {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// TMPairs lists the memory's language pairs.
func (q *Queries) TMPairs(ctx context.Context) ([]TMPair, error) {
	rows, err := q.query(ctx, `SELECT source_lang, target_lang, COUNT(*) FROM tm_entries GROUP BY source_lang, target_lang
		ORDER BY source_lang, target_lang`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TMPair
	for rows.Next() {
		var p TMPair
		if err := rows.Scan(&p.SourceLang, &p.TargetLang, &p.Entries); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// UnindexedTMEntries returns up to limit entries not yet in the index
// (those carried over from the memory's first table).
func (q *Queries) UnindexedTMEntries(ctx context.Context, limit int) ([]TMEntry, error) {
	return q.tmEntries(ctx, `WHERE NOT indexed ORDER BY id LIMIT ?`, limit)
}

// MarkTMIndexed records an entry's keys, and that it is in the index.
func (q *Queries) MarkTMIndexed(ctx context.Context, id, sourceKey, contextKey int64) error {
	_, err := q.exec(ctx, `UPDATE tm_entries SET source_key = ?, context_key = ?, indexed = TRUE WHERE id = ?`, sourceKey, contextKey, id)
	return err
}

// TMGrams returns the index rows of the given grams that exist. With lock
// (on PostgreSQL) the rows are created if missing and locked for the
// transaction, in gram order, so that concurrent writers queue instead of
// losing each other's postings; SQLite has one writer at a time anyway.
func (q *Queries) TMGrams(ctx context.Context, grams []int64, lock bool) (map[int64]TMGram, error) {
	out := make(map[int64]TMGram, len(grams))
	suffix := ""
	if lock && q.dialect == Postgres {
		suffix = " ORDER BY gram FOR UPDATE"
		if err := inChunks(grams, nil, func(m string, args []any) error {
			vals := strings.Repeat("(?,0,''::bytea),", len(args))
			_, err := q.exec(ctx, `INSERT INTO tm_grams (gram, df, tail) VALUES `+vals[:len(vals)-1]+` ON CONFLICT (gram) DO NOTHING`, args...)
			return err
		}); err != nil {
			return nil, err
		}
	}
	err := inChunks(grams, nil, func(m string, args []any) error {
		rows, err := q.query(ctx, `SELECT gram, df, tail FROM tm_grams WHERE gram IN `+m+suffix, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g TMGram
			if err := rows.Scan(&g.Gram, &g.DF, &g.Tail); err != nil {
				return err
			}
			out[g.Gram] = g
		}
		return rows.Err()
	})
	return out, err
}

// SaveTMGrams writes index rows.
func (q *Queries) SaveTMGrams(ctx context.Context, gs []TMGram) error {
	const perStatement = 200
	for start := 0; start < len(gs); start += perStatement {
		chunk := gs[start:min(start+perStatement, len(gs))]
		var args []any
		for _, g := range chunk {
			args = append(args, g.Gram, g.DF, nonNilBytes(g.Tail))
		}
		if _, err := q.exec(ctx, `INSERT INTO tm_grams (gram, df, tail) VALUES `+valueRows(len(chunk), 3)+`
			ON CONFLICT (gram) DO UPDATE SET df = excluded.df, tail = excluded.tail`, args...); err != nil {
			return fmt.Errorf("save memory index: %w", err)
		}
	}
	return nil
}

func nonNilBytes(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// InsertTMChunks stores sealed posting chunks.
func (q *Queries) InsertTMChunks(ctx context.Context, cs []TMChunk) error {
	const perStatement = 200
	for start := 0; start < len(cs); start += perStatement {
		chunk := cs[start:min(start+perStatement, len(cs))]
		var args []any
		for _, c := range chunk {
			args = append(args, c.Gram, c.Lo, c.IDs)
		}
		if _, err := q.exec(ctx, `INSERT INTO tm_postings (gram, lo, ids) VALUES `+valueRows(len(chunk), 3)+`
			ON CONFLICT (gram, lo) DO UPDATE SET ids = excluded.ids`, args...); err != nil {
			return fmt.Errorf("save memory postings: %w", err)
		}
	}
	return nil
}

// TMChunks returns the sealed posting chunks of the given grams.
func (q *Queries) TMChunks(ctx context.Context, grams []int64) ([]TMChunk, error) {
	var out []TMChunk
	err := inChunks(grams, nil, func(m string, args []any) error {
		rows, err := q.query(ctx, `SELECT gram, lo, ids FROM tm_postings WHERE gram IN `+m, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c TMChunk
			if err := rows.Scan(&c.Gram, &c.Lo, &c.IDs); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// ClearTMIndex empties the fuzzy index, to rebuild it.
func (q *Queries) ClearTMIndex(ctx context.Context) error {
	if _, err := q.exec(ctx, `DELETE FROM tm_postings`); err != nil {
		return err
	}
	_, err := q.exec(ctx, `DELETE FROM tm_grams`)
	return err
}
