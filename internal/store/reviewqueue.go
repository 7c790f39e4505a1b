package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// QueueItem is an edition waiting for review, with what the translators'
// queue shows about it.
type QueueItem struct {
	Edition
	Title    string
	Slug     string
	DueAt    *time.Time
	Total    int
	Approved int
	QAErrors int // segments with at least one QA finding of severity error
}

// ReviewQueue returns the editions in the given statuses with their article
// title, progress and QA error count, ordered by deadline (editions without
// one last), then by how long they have waited (oldest first). Language
// filtering is the caller's: a translator's "pt" covers "pt-BR", which SQL
// cannot tell.
func (q *Queries) ReviewQueue(ctx context.Context, statuses []string, limit int) ([]QueueItem, error) {
	if len(statuses) == 0 {
		return nil, nil
	}
	args := []any{SegmentApproved}
	for _, s := range statuses {
		args = append(args, s)
	}
	args = append(args, limit)
	rows, err := q.query(ctx, `SELECT e.id, e.article_id, e.lang, e.status, e.revision, e.version, e.created_at, e.updated_at,
		a.title, a.slug, e.due_at,
		COUNT(s.id),
		COALESCE(SUM(CASE WHEN s.status = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN s.qa LIKE '%"severity":"error"%' THEN 1 ELSE 0 END), 0)
		FROM editions e
		JOIN articles a ON a.id = e.article_id
		LEFT JOIN segments s ON s.edition_id = e.id AND s.revision = e.revision
		WHERE e.status IN `+inList(len(statuses))+`
		GROUP BY e.id, e.article_id, e.lang, e.status, e.revision, e.version, e.created_at, e.updated_at, a.title, a.slug, e.due_at
		ORDER BY CASE WHEN e.due_at IS NULL THEN 1 ELSE 0 END, e.due_at, e.updated_at, e.id
		LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []QueueItem
	for rows.Next() {
		var it QueueItem
		var due sql.NullTime
		if err := rows.Scan(&it.ID, &it.ArticleID, &it.Lang, &it.Status, &it.Revision, &it.Version, &it.CreatedAt, &it.UpdatedAt,
			&it.Title, &it.Slug, &due, &it.Total, &it.Approved, &it.QAErrors); err != nil {
			return nil, err
		}
		it.CreatedAt, it.UpdatedAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC()
		if due.Valid {
			t := due.Time.UTC()
			it.DueAt = &t
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// EditionDue returns an edition's review deadline, nil when it has none.
func (q *Queries) EditionDue(ctx context.Context, editionID string) (*time.Time, error) {
	var due sql.NullTime
	err := q.queryRow(ctx, `SELECT due_at FROM editions WHERE id = ?`, editionID).Scan(&due)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil || !due.Valid {
		return nil, err
	}
	t := due.Time.UTC()
	return &t, nil
}

// SetEditionDue sets or (with nil) clears an edition's review deadline.
func (q *Queries) SetEditionDue(ctx context.Context, editionID string, due *time.Time) error {
	var v any
	if due != nil {
		v = due.UTC()
	}
	err := q.execOne(ctx, `UPDATE editions SET due_at = ? WHERE id = ?`, v, editionID)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}
