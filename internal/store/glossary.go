package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// GlossaryTerm is one entry of a language pair's glossary. Package glossary
// validates entries and computes EntryKey; the store only keeps them.
type GlossaryTerm struct {
	ID            string    `json:"id"`
	SourceLang    string    `json:"source_lang"`
	TargetLang    string    `json:"target_lang"`
	Source        string    `json:"source"`
	Target        string    `json:"target"`
	Kind          string    `json:"kind"`
	CaseSensitive bool      `json:"case_sensitive"`
	Note          string    `json:"note"`
	EntryKey      string    `json:"-"`
	CreatedBy     string    `json:"created_by,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Candidate statuses.
const (
	CandidateProposed = "proposed"
	CandidateAccepted = "accepted"
	CandidateRejected = "rejected"
)

// GlossaryCandidate is a name found in an article and proposed as a
// do-not-translate term.
type GlossaryCandidate struct {
	ID          string     `json:"id"`
	ArticleID   string     `json:"article_id"`
	SourceLang  string     `json:"source_lang"`
	Term        string     `json:"term"`
	TermKey     string     `json:"-"`
	Kind        string     `json:"kind"` // name, slogan
	Context     string     `json:"context"`
	Occurrences int        `json:"occurrences"`
	Status      string     `json:"status"`
	DecidedBy   string     `json:"decided_by,omitempty"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

const glossaryCols = `id, source_lang, target_lang, source, target, kind, case_sensitive, note, entry_key, created_by, created_at, updated_at`

func scanGlossaryTerm(row interface{ Scan(...any) error }) (GlossaryTerm, error) {
	var t GlossaryTerm
	err := row.Scan(&t.ID, &t.SourceLang, &t.TargetLang, &t.Source, &t.Target, &t.Kind, &t.CaseSensitive, &t.Note,
		&t.EntryKey, &t.CreatedBy, &t.CreatedAt, &t.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return t, err
}

// InsertGlossaryTerm stores a new term; a term with the same entry key in
// the pair is ErrConflict.
func (q *Queries) InsertGlossaryTerm(ctx context.Context, t *GlossaryTerm) error {
	if t.ID == "" {
		t.ID = NewID("gls")
	}
	ts := now()
	t.CreatedAt, t.UpdatedAt = ts, ts
	_, err := q.exec(ctx, `INSERT INTO glossary_terms (`+glossaryCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		t.ID, t.SourceLang, t.TargetLang, t.Source, t.Target, t.Kind, t.CaseSensitive, t.Note, key(t.EntryKey), t.CreatedBy, ts, ts)
	if isUnique(err) {
		return fmt.Errorf("glossary term %q: %w", t.Source, ErrConflict)
	}
	return err
}

// UpdateGlossaryTerm replaces a term's fields (not its id or creator).
// ErrNotFound if it does not exist, ErrConflict if the change collides
// with another term of the pair.
func (q *Queries) UpdateGlossaryTerm(ctx context.Context, t *GlossaryTerm) error {
	t.UpdatedAt = now()
	res, err := q.exec(ctx, `UPDATE glossary_terms SET source_lang = ?, target_lang = ?, source = ?, target = ?, kind = ?,
		case_sensitive = ?, note = ?, entry_key = ?, updated_at = ? WHERE id = ?`,
		t.SourceLang, t.TargetLang, t.Source, t.Target, t.Kind, t.CaseSensitive, t.Note, key(t.EntryKey), t.UpdatedAt, t.ID)
	if isUnique(err) {
		return fmt.Errorf("glossary term %q: %w", t.Source, ErrConflict)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteGlossaryTerm removes a term; ErrNotFound if there is none.
func (q *Queries) DeleteGlossaryTerm(ctx context.Context, id string) error {
	res, err := q.exec(ctx, `DELETE FROM glossary_terms WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// GetGlossaryTerm returns a term by id.
func (q *Queries) GetGlossaryTerm(ctx context.Context, id string) (GlossaryTerm, error) {
	return scanGlossaryTerm(q.queryRow(ctx, `SELECT `+glossaryCols+` FROM glossary_terms WHERE id = ?`, id))
}

// GlossaryTermByKey returns the term of a pair with an entry key.
func (q *Queries) GlossaryTermByKey(ctx context.Context, sourceLang, targetLang, entryKey string) (GlossaryTerm, error) {
	return scanGlossaryTerm(q.queryRow(ctx, `SELECT `+glossaryCols+` FROM glossary_terms
		WHERE source_lang = ? AND target_lang = ? AND entry_key = ?`, sourceLang, targetLang, key(entryKey)))
}

// GlossaryTerms returns the terms whose source language is one of sources
// and target language one of targets, ordered by entry key then target
// language (so a caller can let a regional entry override a general one
// deterministically).
func (q *Queries) GlossaryTerms(ctx context.Context, sources, targets []string) ([]GlossaryTerm, error) {
	var out []GlossaryTerm
	err := q.EachGlossaryTerm(ctx, sources, targets, func(t GlossaryTerm) error {
		out = append(out, t)
		return nil
	})
	return out, err
}

// EachGlossaryTerm calls fn for every term GlossaryTerms would return,
// reading them one at a time (exports stream through it).
func (q *Queries) EachGlossaryTerm(ctx context.Context, sources, targets []string, fn func(GlossaryTerm) error) error {
	if len(sources) == 0 || len(targets) == 0 {
		return nil
	}
	args := make([]any, 0, len(sources)+len(targets))
	for _, s := range sources {
		args = append(args, s)
	}
	for _, t := range targets {
		args = append(args, t)
	}
	rows, err := q.query(ctx, `SELECT `+glossaryCols+` FROM glossary_terms
		WHERE source_lang IN `+inList(len(sources))+` AND target_lang IN `+inList(len(targets))+`
		ORDER BY entry_key, target_lang, id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanGlossaryTerm(rows)
		if err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return rows.Err()
}

// GlossarySourceKeys returns which of keys are the entry keys of a term
// from sourceLang into any language (used to skip names that are already
// in a glossary).
func (q *Queries) GlossarySourceKeys(ctx context.Context, sourceLang string, keys []string) (map[string]bool, error) {
	return q.keySet(ctx, `SELECT entry_key FROM glossary_terms WHERE source_lang = ? AND entry_key IN `, sourceLang, keys)
}

// RejectedCandidateKeys returns which of keys were rejected as candidates
// of sourceLang before.
func (q *Queries) RejectedCandidateKeys(ctx context.Context, sourceLang string, keys []string) (map[string]bool, error) {
	return q.keySet(ctx, `SELECT term_key FROM glossary_candidates WHERE status = '`+CandidateRejected+`' AND source_lang = ? AND term_key IN `, sourceLang, keys)
}

func (q *Queries) keySet(ctx context.Context, prefix, lang string, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(keys); start += 200 {
		chunk := keys[start:min(start+200, len(keys))]
		args := []any{lang}
		for _, k := range chunk {
			args = append(args, key(k))
		}
		rows, err := q.query(ctx, prefix+inList(len(chunk)), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const candidateCols = `id, article_id, source_lang, term, term_key, kind, context, occurrences, status, decided_by, decided_at, created_at`

func scanCandidate(row interface{ Scan(...any) error }) (GlossaryCandidate, error) {
	var c GlossaryCandidate
	var decided sql.NullTime
	err := row.Scan(&c.ID, &c.ArticleID, &c.SourceLang, &c.Term, &c.TermKey, &c.Kind, &c.Context, &c.Occurrences,
		&c.Status, &c.DecidedBy, &decided, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if decided.Valid {
		t := decided.Time.UTC()
		c.DecidedAt = &t
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return c, err
}

// InsertCandidates stores proposed names; a name already recorded for the
// article (in any status) is left as it is, so proposing twice is harmless.
func (q *Queries) InsertCandidates(ctx context.Context, cs []GlossaryCandidate) error {
	t := now()
	// One multi-row INSERT per rowsPerInsert names, not a round trip each;
	// DO NOTHING also skips a name repeated within one statement.
	for start := 0; start < len(cs); start += rowsPerInsert {
		chunk := cs[start:min(start+rowsPerInsert, len(cs))]
		args := make([]any, 0, 12*len(chunk))
		for i := range chunk {
			c := &chunk[i]
			if c.ID == "" {
				c.ID = NewID("gcd")
			}
			if c.Status == "" {
				c.Status = CandidateProposed
			}
			c.CreatedAt = t
			args = append(args, c.ID, c.ArticleID, c.SourceLang, c.Term, c.TermKey, c.Kind, c.Context, c.Occurrences, c.Status, "", nil, t)
		}
		if _, err := q.exec(ctx, `INSERT INTO glossary_candidates (`+candidateCols+`) VALUES `+valueRows(len(chunk), 12)+`
			ON CONFLICT (article_id, term_key) DO NOTHING`, args...); err != nil {
			return fmt.Errorf("insert %d candidates: %w", len(chunk), err)
		}
	}
	return nil
}

// CandidateFilter selects candidates for ListCandidates.
type CandidateFilter struct {
	Status    string // empty: any
	ArticleID string // empty: any
	Limit     int
}

// ListCandidates returns candidates, newest article first, then in the
// order they were found.
func (q *Queries) ListCandidates(ctx context.Context, f CandidateFilter) ([]GlossaryCandidate, error) {
	query := `SELECT ` + candidateCols + ` FROM glossary_candidates WHERE 1=1`
	var args []any
	if f.Status != "" {
		query += ` AND status = ?`
		args = append(args, f.Status)
	}
	if f.ArticleID != "" {
		query += ` AND article_id = ?`
		args = append(args, f.ArticleID)
	}
	if f.Limit <= 0 {
		f.Limit = 500
	}
	query += ` ORDER BY article_id DESC, id LIMIT ?`
	args = append(args, f.Limit)
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GlossaryCandidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// GetCandidate returns a candidate by id.
func (q *Queries) GetCandidate(ctx context.Context, id string) (GlossaryCandidate, error) {
	return scanCandidate(q.queryRow(ctx, `SELECT `+candidateCols+` FROM glossary_candidates WHERE id = ?`, id))
}

// DecideCandidate records an editor's decision on a candidate that is still
// proposed; ErrConflict if it was decided already.
func (q *Queries) DecideCandidate(ctx context.Context, id, status, by string) error {
	return q.execOne(ctx, `UPDATE glossary_candidates SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = ?`,
		status, by, now(), id, CandidateProposed)
}

// ResetMachineDraft sends a segment that is still an untouched machine draft
// back to pending, so that it is translated again; ErrConflict if it has
// changed since it was read (version) or is no longer a draft.
func (q *Queries) ResetMachineDraft(ctx context.Context, editionID, id string, version int) error {
	return q.execOne(ctx, `UPDATE segments SET status = ?, target = '', origin = '', engine = '', notes = '[]', qa = '[]',
		version = version + 1, updated_at = ? WHERE id = ? AND edition_id = ? AND version = ? AND status = ?`,
		SegmentPending, now(), id, editionID, version, SegmentDraft)
}
