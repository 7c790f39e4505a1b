package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const editionCols = `id, article_id, lang, status, revision, version, publish_at, published_at, created_at, updated_at`

func scanEdition(row interface{ Scan(...any) error }) (Edition, error) {
	var e Edition
	var pubAt, pubdAt sql.NullTime
	err := row.Scan(&e.ID, &e.ArticleID, &e.Lang, &e.Status, &e.Revision, &e.Version, &pubAt, &pubdAt, &e.CreatedAt, &e.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	if pubAt.Valid {
		t := pubAt.Time.UTC()
		e.PublishAt = &t
	}
	if pubdAt.Valid {
		t := pubdAt.Time.UTC()
		e.PublishedAt = &t
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, err
}

func scanEditions(rows *sql.Rows, err error) ([]Edition, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Edition
	for rows.Next() {
		e, err := scanEdition(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreateEdition inserts an edition.
func (q *Queries) CreateEdition(ctx context.Context, e *Edition) error {
	t := now()
	e.CreatedAt, e.UpdatedAt = t, t
	_, err := q.exec(ctx, `INSERT INTO editions (`+editionCols+`) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		e.ID, e.ArticleID, e.Lang, e.Status, e.Revision, e.Version, e.PublishAt, e.PublishedAt, t, t)
	if isUnique(err) {
		return fmt.Errorf("edition %s/%s: %w", e.ArticleID, e.Lang, ErrConflict)
	}
	return err
}

// GetEdition returns an edition by id.
func (q *Queries) GetEdition(ctx context.Context, id string) (Edition, error) {
	return scanEdition(q.queryRow(ctx, `SELECT `+editionCols+` FROM editions WHERE id = ?`, id))
}

// GetEditionByLang returns an article's edition in one language.
func (q *Queries) GetEditionByLang(ctx context.Context, articleID, lang string) (Edition, error) {
	return scanEdition(q.queryRow(ctx, `SELECT `+editionCols+` FROM editions WHERE article_id = ? AND lang = ?`, articleID, lang))
}

// ArticleEditions returns an article's editions ordered by language.
func (q *Queries) ArticleEditions(ctx context.Context, articleID string) ([]Edition, error) {
	return scanEditions(q.query(ctx, `SELECT `+editionCols+` FROM editions WHERE article_id = ? ORDER BY lang`, articleID))
}

// EditionFilter selects editions for ListEditions.
type EditionFilter struct {
	Status string
	Langs  []string // any of these; empty means all
	Limit  int
}

// ListEditions returns editions, oldest first (the order work is done in).
func (q *Queries) ListEditions(ctx context.Context, f EditionFilter) ([]Edition, error) {
	query := `SELECT ` + editionCols + ` FROM editions WHERE 1=1`
	var args []any
	if f.Status != "" {
		query += ` AND status = ?`
		args = append(args, f.Status)
	}
	if len(f.Langs) > 0 {
		query += ` AND lang IN ` + inList(len(f.Langs))
		for _, l := range f.Langs {
			args = append(args, l)
		}
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	query += ` ORDER BY created_at, id LIMIT ?`
	args = append(args, f.Limit)
	return scanEditions(q.query(ctx, query, args...))
}

// SetEditionStatus moves an edition between statuses; ErrConflict if it is
// not in one of from. A publication time belongs to the scheduled status
// (ScheduleEdition), so leaving it cancels the schedule: publish_at is
// cleared, or the API would go on showing a time nothing will happen at.
func (q *Queries) SetEditionStatus(ctx context.Context, id, to string, from ...string) error {
	args := []any{to, now(), id}
	for _, f := range from {
		args = append(args, f)
	}
	return q.execOne(ctx, `UPDATE editions SET status = ?, publish_at = NULL, updated_at = ? WHERE id = ? AND status IN `+inList(len(from)), args...)
}

// ScheduleEdition marks an edition to be published at a time.
func (q *Queries) ScheduleEdition(ctx context.Context, id string, at time.Time, from ...string) error {
	args := []any{EditionScheduled, at.UTC(), now(), id}
	for _, f := range from {
		args = append(args, f)
	}
	return q.execOne(ctx, `UPDATE editions SET status = ?, publish_at = ?, updated_at = ? WHERE id = ? AND status IN `+inList(len(from)), args...)
}

// MarkPublished records that version v of a scheduled edition went live.
func (q *Queries) MarkPublished(ctx context.Context, id string, v int) error {
	t := now()
	return q.execOne(ctx, `UPDATE editions SET status = ?, version = ?, published_at = ?, publish_at = NULL, updated_at = ? WHERE id = ? AND status = ? AND version = ?`,
		EditionPublished, v, t, t, id, EditionScheduled, v-1)
}

// RebaseEdition moves an edition to a new source revision with a status.
func (q *Queries) RebaseEdition(ctx context.Context, id string, revision int, status string) error {
	return q.execOne(ctx, `UPDATE editions SET revision = ?, status = ?, publish_at = NULL, updated_at = ? WHERE id = ?`,
		revision, status, now(), id)
}

// EditionProgress counts the segments of an edition's current revision.
func (q *Queries) EditionProgress(ctx context.Context, e Edition) (Progress, error) {
	var p Progress
	err := q.queryRow(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN status <> ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(qa_errors), 0), COALESCE(SUM(qa_warnings), 0)
		FROM segments WHERE edition_id = ? AND revision = ?`,
		SegmentPending, SegmentApproved, e.ID, e.Revision).Scan(&p.Total, &p.Drafted, &p.Approved, &p.QAErrors, &p.QAWarnings)
	return p, err
}

// PutVersion stores an immutable published rendering.
func (q *Queries) PutVersion(ctx context.Context, v *EditionVersion) error {
	v.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO edition_versions (edition_id, version, revision, title, html, markdown, json, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?)`,
		v.EditionID, v.Version, v.Revision, v.Title, v.HTML, v.Markdown, v.JSON, v.CreatedBy, v.CreatedAt)
	if isUnique(err) {
		return fmt.Errorf("version %d of %s: %w", v.Version, v.EditionID, ErrConflict)
	}
	return err
}

// GetVersion returns one published version; version 0 means the latest.
func (q *Queries) GetVersion(ctx context.Context, editionID string, version int) (EditionVersion, error) {
	v := EditionVersion{EditionID: editionID}
	query := `SELECT version, revision, title, html, markdown, json, created_by, created_at FROM edition_versions WHERE edition_id = ?`
	args := []any{editionID}
	if version > 0 {
		query += ` AND version = ?`
		args = append(args, version)
	} else {
		query += ` ORDER BY version DESC LIMIT 1`
	}
	err := q.queryRow(ctx, query, args...).Scan(&v.Version, &v.Revision, &v.Title, &v.HTML, &v.Markdown, &v.JSON, &v.CreatedBy, &v.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	return v, err
}

// PublishedInLang returns the live editions in a language (Edition.Live),
// newest first, for feeds.
func (q *Queries) PublishedInLang(ctx context.Context, lang string, limit int) ([]Edition, error) {
	return scanEditions(q.query(ctx, `SELECT `+editionCols+` FROM editions WHERE lang = ? AND version > 0 AND status <> ? ORDER BY published_at DESC LIMIT ?`,
		lang, EditionUnpublished, limit))
}

// EditionLangs lists, sorted, the languages in which any article has an
// edition: the languages the public site knows.
func (q *Queries) EditionLangs(ctx context.Context) ([]string, error) {
	rows, err := q.query(ctx, `SELECT DISTINCT lang FROM editions ORDER BY lang`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
