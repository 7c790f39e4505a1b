package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

const articleCols = `id, slug, title, source_lang, targets, canonical_url, source_date, revision, status, created_at, updated_at, headline_missing, content_hash, byline`

func scanArticle(row interface{ Scan(...any) error }) (Article, error) {
	var a Article
	var targets string
	err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.SourceLang, &targets, &a.CanonicalURL, &a.SourceDate,
		&a.Revision, &a.Status, &a.CreatedAt, &a.UpdatedAt, &a.HeadlineMissing, &a.ContentHash, &a.Byline)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, err
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, fromJSON(targets, &a.Targets)
}

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// CreateArticle stores a new article and its first revision. A taken slug is
// ErrConflict.
func (q *Queries) CreateArticle(ctx context.Context, a *Article, r *Revision) error {
	t := now()
	a.CreatedAt, a.UpdatedAt, r.CreatedAt = t, t, t
	_, err := q.exec(ctx, `INSERT INTO articles (`+articleCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		a.ID, a.Slug, a.Title, a.SourceLang, mustJSON(a.Targets), a.CanonicalURL, a.SourceDate,
		a.Revision, a.Status, t, t, a.HeadlineMissing, a.ContentHash, a.Byline)
	if isUnique(err) {
		return fmt.Errorf("slug %q: %w", a.Slug, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	return q.insertRevision(ctx, r)
}

func (q *Queries) insertRevision(ctx context.Context, r *Revision) error {
	_, err := q.exec(ctx, `INSERT INTO revisions (article_id, revision, format, body, doc, created_by, created_at) VALUES (?,?,?,?,?,?,?)`,
		r.ArticleID, r.Revision, r.Format, r.Body, r.Doc, r.CreatedBy, r.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert revision: %w", err)
	}
	return nil
}

// AddRevision stores revision r.Revision of an article, which must follow the
// article's current revision, and marks the article received again. The
// article's content hash becomes the new revision's, so that sending the
// corrected text again is found as a duplicate of it.
func (q *Queries) AddRevision(ctx context.Context, r *Revision, title string, headlineMissing bool, byline, contentHash string) error {
	r.CreatedAt = now()
	err := q.execOne(ctx, `UPDATE articles SET revision = ?, title = ?, headline_missing = ?, byline = ?, content_hash = ?, status = ?, updated_at = ? WHERE id = ? AND revision = ?`,
		r.Revision, title, headlineMissing, byline, contentHash, ArticleReceived, r.CreatedAt, r.ArticleID, r.Revision-1)
	if err != nil {
		return fmt.Errorf("advance article revision: %w", err)
	}
	return q.insertRevision(ctx, r)
}

// GetArticle returns an article by id.
func (q *Queries) GetArticle(ctx context.Context, id string) (Article, error) {
	return scanArticle(q.queryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ?`, id))
}

// GetArticleBySlug returns an article by slug.
func (q *Queries) GetArticleBySlug(ctx context.Context, slug string) (Article, error) {
	return scanArticle(q.queryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE slug = ?`, slug))
}

// ArticleByContent returns the oldest article first ingested with the given
// content hash (ErrNotFound if none).
func (q *Queries) ArticleByContent(ctx context.Context, hash string) (Article, error) {
	return scanArticle(q.queryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE content_hash = ? ORDER BY created_at, id LIMIT 1`, hash))
}

// SlugTaken reports whether an article already uses slug.
func (q *Queries) SlugTaken(ctx context.Context, slug string) (bool, error) {
	var n int
	err := q.queryRow(ctx, `SELECT COUNT(*) FROM articles WHERE slug = ?`, slug).Scan(&n)
	return n > 0, err
}

// ListArticles returns articles, newest first; status filters when non-empty.
func (q *Queries) ListArticles(ctx context.Context, status string, limit int) ([]Article, error) {
	query := `SELECT ` + articleCols + ` FROM articles`
	var args []any
	if status != "" {
		query += ` WHERE status = ?`
		args = append(args, status)
	}
	query += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetArticleStatus moves an article from one status to another at a given
// revision; ErrConflict if it is no longer there.
func (q *Queries) SetArticleStatus(ctx context.Context, id string, revision int, from, to string) error {
	return q.execOne(ctx, `UPDATE articles SET status = ?, updated_at = ? WHERE id = ? AND revision = ? AND status = ?`,
		to, now(), id, revision, from)
}

// GetRevision returns one revision of an article.
func (q *Queries) GetRevision(ctx context.Context, articleID string, revision int) (Revision, error) {
	r := Revision{ArticleID: articleID, Revision: revision}
	err := q.queryRow(ctx, `SELECT format, body, doc, created_by, created_at FROM revisions WHERE article_id = ? AND revision = ?`,
		articleID, revision).Scan(&r.Format, &r.Body, &r.Doc, &r.CreatedBy, &r.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// PutBlocks stores the block layout of a revision (idempotent).
func (q *Queries) PutBlocks(ctx context.Context, articleID string, revision int, blocks []Block) error {
	if _, err := q.exec(ctx, `DELETE FROM blocks WHERE article_id = ? AND revision = ?`, articleID, revision); err != nil {
		return err
	}
	// One multi-row INSERT per rowsPerInsert blocks, not a round trip each.
	for start := 0; start < len(blocks); start += rowsPerInsert {
		chunk := blocks[start:min(start+rowsPerInsert, len(blocks))]
		args := make([]any, 0, 7*len(chunk))
		for _, b := range chunk {
			args = append(args, articleID, revision, b.Index, b.Kind, b.Level, b.Ordered, mustJSON(b.Tags))
		}
		_, err := q.exec(ctx, `INSERT INTO blocks (article_id, revision, idx, kind, level, ordered, tags) VALUES `+valueRows(len(chunk), 7), args...)
		if err != nil {
			return fmt.Errorf("insert %d blocks: %w", len(chunk), err)
		}
	}
	return nil
}

// GetBlocks returns the block layout of a revision in order.
func (q *Queries) GetBlocks(ctx context.Context, articleID string, revision int) ([]Block, error) {
	rows, err := q.query(ctx, `SELECT idx, kind, level, ordered, tags FROM blocks WHERE article_id = ? AND revision = ? ORDER BY idx`,
		articleID, revision)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Block
	for rows.Next() {
		var b Block
		var tags string
		if err := rows.Scan(&b.Index, &b.Kind, &b.Level, &b.Ordered, &tags); err != nil {
			return nil, err
		}
		if err := fromJSON(tags, &b.Tags); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// ArticleFilter selects the articles of the editors' dashboard.
type ArticleFilter struct {
	// Query matches titles and slugs, case-insensitively, anywhere.
	Query string
	// EditionStatus keeps articles with at least one edition in it.
	EditionStatus string
	// EditionLangs, when not nil, limits EditionStatus to editions in these
	// languages (a translator's); empty matches none.
	EditionLangs []string
	// HeadlineMissing keeps articles without a headline.
	HeadlineMissing bool
	// Status keeps articles in this (article) status.
	Status        string
	Limit, Offset int
}

// SearchArticles returns one page of the articles matching f, newest first,
// and how many match in all.
func (q *Queries) SearchArticles(ctx context.Context, f ArticleFilter) ([]Article, int, error) {
	where := ` WHERE 1=1`
	var args []any
	if f.Query != "" {
		// The slug is lower-case ASCII; the title is matched in every case
		// variant of its non-ASCII letters, which SQLite's LOWER leaves as
		// they are (caseVariants).
		lower := strings.ToLower(f.Query)
		var conds []string
		for _, v := range caseVariants(lower) {
			conds = append(conds, `LOWER(title) LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscaper.Replace(v)+"%")
		}
		where += ` AND (` + strings.Join(conds, " OR ") + ` OR slug LIKE ? ESCAPE '\')`
		args = append(args, "%"+likeEscaper.Replace(lower)+"%")
	}
	if f.EditionStatus != "" {
		where += ` AND EXISTS (SELECT 1 FROM editions e WHERE e.article_id = articles.id AND e.status = ?`
		args = append(args, f.EditionStatus)
		switch {
		case f.EditionLangs == nil:
		case len(f.EditionLangs) == 0:
			where += ` AND 1=0`
		default:
			list, largs := in(f.EditionLangs)
			where += ` AND e.lang IN ` + list
			args = append(args, largs...)
		}
		where += `)`
	}
	if f.HeadlineMissing {
		where += ` AND headline_missing = ?`
		args = append(args, true)
	}
	if f.Status != "" {
		where += ` AND status = ?`
		args = append(args, f.Status)
	}
	var total int
	if err := q.queryRow(ctx, `SELECT COUNT(*) FROM articles`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count articles: %w", err)
	}
	rows, err := q.query(ctx, `SELECT `+articleCols+` FROM articles`+where+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// IsContention reports whether err is a transaction that lost a race with
// another one rather than a fault: a PostgreSQL serialization failure
// (40001) or deadlock (40P01), or SQLite's busy or locked database. The
// workflow answers such a race on a user's request as a conflict (409).
func IsContention(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "40001" || pgErr.Code == "40P01"
	}
	return errors.Is(err, ErrBusy) || err != nil && (strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "database table is locked") ||
		strings.Contains(err.Error(), "SQLITE_BUSY"))
}
