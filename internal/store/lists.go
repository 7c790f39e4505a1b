package store

import (
	"context"
	"database/sql"
	"time"
)

// Queries for list pages (the API's article and edition lists, the
// dashboard): each answers for a whole page in one query, so a page costs a
// fixed number of queries however many articles and editions it shows.

// in returns "(?,?,…)" for n values and the values as arguments.
func in(ids []string) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return inList(len(ids)), args
}

// EditionsOf returns the editions of the given articles by article id, each
// article's ordered by language (as ArticleEditions).
func (q *Queries) EditionsOf(ctx context.Context, articleIDs []string) (map[string][]Edition, error) {
	out := map[string][]Edition{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	list, args := in(articleIDs)
	eds, err := scanEditions(q.query(ctx, `SELECT `+editionCols+` FROM editions WHERE article_id IN `+list+` ORDER BY article_id, lang`, args...))
	for _, e := range eds {
		out[e.ArticleID] = append(out[e.ArticleID], e)
	}
	return out, err
}

// Progresses counts the segments of each edition's current revision (as
// EditionProgress), by edition id.
func (q *Queries) Progresses(ctx context.Context, editionIDs []string) (map[string]Progress, error) {
	out := map[string]Progress{}
	if len(editionIDs) == 0 {
		return out, nil
	}
	list, ids := in(editionIDs)
	args := append([]any{SegmentPending, SegmentApproved}, ids...)
	rows, err := q.query(ctx, `SELECT e.id, COUNT(s.id),
		COALESCE(SUM(CASE WHEN s.status <> ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN s.status = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(s.qa_errors), 0), COALESCE(SUM(s.qa_warnings), 0)
		FROM editions e LEFT JOIN segments s ON s.edition_id = e.id AND s.revision = e.revision
		WHERE e.id IN `+list+` GROUP BY e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var p Progress
		if err := rows.Scan(&id, &p.Total, &p.Drafted, &p.Approved, &p.QAErrors, &p.QAWarnings); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}

// EditionDues returns the review deadlines of those editions that have one
// (as EditionDue), by edition id.
func (q *Queries) EditionDues(ctx context.Context, editionIDs []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(editionIDs) == 0 {
		return out, nil
	}
	list, args := in(editionIDs)
	rows, err := q.query(ctx, `SELECT id, due_at FROM editions WHERE due_at IS NOT NULL AND id IN `+list, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var due sql.NullTime
		if err := rows.Scan(&id, &due); err != nil {
			return nil, err
		}
		if due.Valid {
			out[id] = due.Time.UTC()
		}
	}
	return out, rows.Err()
}
