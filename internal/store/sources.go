package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Source is a feed of English originals polled for new articles.
type Source struct {
	ID           string     `json:"id"`
	URL          string     `json:"url"`
	Interval     int        `json:"interval_seconds"`
	Targets      []string   `json:"targets"`
	ETag         string     `json:"-"`
	LastModified string     `json:"-"`
	NextPollAt   time.Time  `json:"next_poll_at"`
	LastPolledAt *time.Time `json:"last_polled_at,omitempty"`
	Failures     int        `json:"failures"`
	LastError    string     `json:"last_error,omitempty"`
	Items        int        `json:"items"`
	CreatedBy    string     `json:"-"`
	CreatedAt    time.Time  `json:"created_at"`
}

const sourceCols = `id, url, interval_seconds, targets, etag, last_modified, next_poll_at, last_polled_at, failures, last_error, items, created_by, created_at`

func scanSource(row interface{ Scan(...any) error }) (Source, error) {
	var s Source
	var targets string
	var polled sql.NullTime
	err := row.Scan(&s.ID, &s.URL, &s.Interval, &targets, &s.ETag, &s.LastModified, &s.NextPollAt, &polled, &s.Failures,
		&s.LastError, &s.Items, &s.CreatedBy, &s.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, err
	}
	s.NextPollAt, s.CreatedAt = s.NextPollAt.UTC(), s.CreatedAt.UTC()
	if polled.Valid {
		t := polled.Time.UTC()
		s.LastPolledAt = &t
	}
	return s, fromJSON(targets, &s.Targets)
}

// CreateSource stores a new source, due at once. A URL already registered
// is ErrConflict.
func (q *Queries) CreateSource(ctx context.Context, s *Source) error {
	t := now()
	s.CreatedAt, s.NextPollAt = t, t
	_, err := q.exec(ctx, `INSERT INTO sources (id, url, interval_seconds, targets, next_poll_at, created_by, created_at) VALUES (?,?,?,?,?,?,?)`,
		s.ID, s.URL, s.Interval, mustJSON(s.Targets), s.NextPollAt, s.CreatedBy, t)
	if isUnique(err) {
		return fmt.Errorf("source %q: %w", s.URL, ErrConflict)
	}
	return err
}

// GetSource returns a source by id.
func (q *Queries) GetSource(ctx context.Context, id string) (Source, error) {
	return scanSource(q.queryRow(ctx, `SELECT `+sourceCols+` FROM sources WHERE id = ?`, id))
}

// ListSources returns every source, oldest first.
func (q *Queries) ListSources(ctx context.Context) ([]Source, error) {
	return q.sources(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY created_at, id`)
}

// DueSources returns the sources whose next poll is at or before t.
func (q *Queries) DueSources(ctx context.Context, t time.Time, limit int) ([]Source, error) {
	return q.sources(ctx, `SELECT `+sourceCols+` FROM sources WHERE next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?`, t, limit)
}

func (q *Queries) sources(ctx context.Context, query string, args ...any) ([]Source, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		s, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ClaimSourcePoll moves a due source's next poll from the time it was read
// with to until: true when this caller won the poll, false when another did.
func (q *Queries) ClaimSourcePoll(ctx context.Context, id string, was, until time.Time) (bool, error) {
	res, err := q.exec(ctx, `UPDATE sources SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?`, until, id, was)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SourcePolled records a poll's outcome: the validators for the next
// conditional GET, when to poll next, and the failure count and error
// (zero and empty after a success).
func (q *Queries) SourcePolled(ctx context.Context, id, etag, lastModified string, next time.Time, failures int, lastErr string, newItems int) error {
	_, err := q.exec(ctx, `UPDATE sources SET etag = ?, last_modified = ?, next_poll_at = ?, last_polled_at = ?, failures = ?, last_error = ?, items = items + ? WHERE id = ?`,
		etag, lastModified, next, now(), failures, lastErr, newItems, id)
	return err
}

// SourceItemSeen reports whether a source delivered an item under any of
// keys.
func (q *Queries) SourceItemSeen(ctx context.Context, sourceID string, keys []string) (bool, error) {
	for _, k := range keys {
		var n int
		if err := q.queryRow(ctx, `SELECT COUNT(*) FROM source_items WHERE source_id = ? AND item_key = ?`, sourceID, k).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// AddSourceItem records an item under each of its keys.
func (q *Queries) AddSourceItem(ctx context.Context, sourceID, articleID string, keys []string) error {
	t := now()
	for _, k := range keys {
		_, err := q.exec(ctx, `INSERT INTO source_items (source_id, item_key, article_id, created_at) VALUES (?,?,?,?)`, sourceID, k, articleID, t)
		if err != nil && !isUnique(err) {
			return err
		}
	}
	return nil
}
