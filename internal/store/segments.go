package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/note"
)

const segmentCols = `id, edition_id, revision, idx, block, source, lead, trail, target, status, origin, engine, notes, qa, matches, version, updated_by, updated_at`

func scanSegment(row interface{ Scan(...any) error }) (Segment, error) {
	var s Segment
	var notes, qa, matches string
	err := row.Scan(&s.ID, &s.EditionID, &s.Revision, &s.Index, &s.Block, &s.Source, &s.Lead, &s.Trail, &s.Target,
		&s.Status, &s.Origin, &s.Engine, &notes, &qa, &matches, &s.Version, &s.UpdatedBy, &s.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, err
	}
	s.UpdatedAt = s.UpdatedAt.UTC()
	s.Notes, s.QA, s.Matches = []note.Note{}, []QAIssue{}, []Match{}
	if err := fromJSON(notes, &s.Notes); err != nil {
		return s, err
	}
	if err := fromJSON(qa, &s.QA); err != nil {
		return s, err
	}
	return s, fromJSON(matches, &s.Matches)
}

// InsertSegments stores new segments, many rows per statement: an article
// has hundreds, and one round trip each is most of the cost on PostgreSQL.
func (q *Queries) InsertSegments(ctx context.Context, segs []Segment) error {
	const perStatement = 100
	t := now()
	for start := 0; start < len(segs); start += perStatement {
		chunk := segs[start:min(start+perStatement, len(segs))]
		var args []any
		for i := range chunk {
			s := &chunk[i]
			s.UpdatedAt = t
			if s.Version == 0 {
				s.Version = 1
			}
			qe, qw := qaCounts(s.QA)
			args = append(args, s.ID, s.EditionID, s.Revision, s.Index, s.Block, s.Source, s.Lead, s.Trail, s.Target, s.Status, s.Origin, s.Engine,
				mustJSON(nonNil(s.Notes)), mustJSON(nonNil(s.QA)), mustJSON(nonNil(s.Matches)), s.Version, s.UpdatedBy, t, qe, qw)
		}
		if _, err := q.exec(ctx, `INSERT INTO segments (`+segmentCols+`, qa_errors, qa_warnings) VALUES `+valueRows(len(chunk), 20), args...); err != nil {
			return fmt.Errorf("insert segments %d–%d: %w", chunk[0].Index, chunk[len(chunk)-1].Index, err)
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// EditionSegments returns the segments of an edition's revision in order.
func (q *Queries) EditionSegments(ctx context.Context, editionID string, revision int) ([]Segment, error) {
	return q.segments(ctx, `WHERE edition_id = ? AND revision = ? ORDER BY idx`, editionID, revision)
}

// PendingSegments returns up to limit segments of a revision still without a
// draft, in order.
func (q *Queries) PendingSegments(ctx context.Context, editionID string, revision, limit int) ([]Segment, error) {
	return q.segments(ctx, `WHERE edition_id = ? AND revision = ? AND status = ? ORDER BY idx LIMIT ?`,
		editionID, revision, SegmentPending, limit)
}

func (q *Queries) segments(ctx context.Context, where string, args ...any) ([]Segment, error) {
	rows, err := q.query(ctx, `SELECT `+segmentCols+` FROM segments `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Segment
	for rows.Next() {
		s, err := scanSegment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// GetSegment returns a segment of an edition.
func (q *Queries) GetSegment(ctx context.Context, editionID, id string) (Segment, error) {
	return scanSegment(q.queryRow(ctx, `SELECT `+segmentCols+` FROM segments WHERE id = ? AND edition_id = ?`, id, editionID))
}

// SetDraft stores a machine draft for a segment that is still pending; a
// segment that already has one is left alone (ErrConflict), which makes
// re-running a translation harmless.
func (q *Queries) SetDraft(ctx context.Context, s Segment) error {
	qe, qw := qaCounts(s.QA)
	return q.execOne(ctx, `UPDATE segments SET target = ?, status = ?, origin = ?, engine = ?, notes = ?, qa = ?, qa_errors = ?, qa_warnings = ?,
		matches = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND status = ?`,
		s.Target, SegmentDraft, s.Origin, s.Engine, mustJSON(nonNil(s.Notes)), mustJSON(nonNil(s.QA)), qe, qw, mustJSON(nonNil(s.Matches)),
		s.UpdatedBy, now(), s.ID, SegmentPending)
}

// qaCounts counts the errors and warnings among findings.
func qaCounts(qa []QAIssue) (errors, warnings int) {
	for _, f := range qa {
		switch f.Severity {
		case "error":
			errors++
		case "warning":
			warnings++
		}
	}
	return errors, warnings
}

// SetQA replaces a segment's findings without changing its version: the
// checks re-ran on the same text (at approval, or after a change of
// configuration).
func (q *Queries) SetQA(ctx context.Context, editionID, id string, qa []QAIssue) error {
	qe, qw := qaCounts(qa)
	return q.execOne(ctx, `UPDATE segments SET qa = ?, qa_errors = ?, qa_warnings = ? WHERE id = ? AND edition_id = ?`,
		mustJSON(nonNil(qa)), qe, qw, id, editionID)
}

// UpdateTarget stores a translator's edit if the segment is still at the
// version the translator saw; otherwise ErrConflict.
func (q *Queries) UpdateTarget(ctx context.Context, editionID, id, target string, qa []QAIssue, version int, by string) error {
	qe, qw := qaCounts(qa)
	return q.execOne(ctx, `UPDATE segments SET target = ?, status = ?, origin = CASE WHEN target = ? THEN origin ELSE 'human' END,
		qa = ?, qa_errors = ?, qa_warnings = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND edition_id = ? AND version = ?`,
		target, SegmentEdited, target, mustJSON(nonNil(qa)), qe, qw, by, now(), id, editionID, version)
}

// ApproveSegment approves a segment at the version the reviewer saw.
func (q *Queries) ApproveSegment(ctx context.Context, editionID, id string, version int, by string) error {
	return q.execOne(ctx, `UPDATE segments SET status = ?, version = version + 1, updated_by = ?, updated_at = ?
		WHERE id = ? AND edition_id = ? AND version = ? AND status <> ?`,
		SegmentApproved, by, now(), id, editionID, version, SegmentPending)
}

// CountSegments counts an edition revision's segments not in any of the
// given statuses.
func (q *Queries) CountSegmentsNotIn(ctx context.Context, editionID string, revision int, statuses ...string) (int, error) {
	args := []any{editionID, revision}
	for _, s := range statuses {
		args = append(args, s)
	}
	var n int
	err := q.queryRow(ctx, `SELECT COUNT(*) FROM segments WHERE edition_id = ? AND revision = ? AND status NOT IN `+inList(len(statuses)),
		args...).Scan(&n)
	return n, err
}

// SegmentNeighbours returns the sources of the segments before and after
// position idx of an edition's revision ("" at either end): the context a
// translation-memory entry records.
func (q *Queries) SegmentNeighbours(ctx context.Context, editionID string, revision, idx int) (prev, next string, err error) {
	rows, err := q.query(ctx, `SELECT idx, source FROM segments WHERE edition_id = ? AND revision = ? AND idx IN (?, ?)`,
		editionID, revision, idx-1, idx+1)
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var src string
		if err := rows.Scan(&i, &src); err != nil {
			return "", "", err
		}
		if i < idx {
			prev = src
		} else {
			next = src
		}
	}
	return prev, next, rows.Err()
}
