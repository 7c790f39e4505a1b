package store

import (
	"context"
	"fmt"
	"strings"
)

// draftsPerStatement bounds one SetDrafts statement: 11 parameters a row
// stays well under SQLite's and PostgreSQL's limits.
const draftsPerStatement = 250

// SetDrafts stores machine drafts for many segments at once, with the same
// effect as SetDraft on each: only segments still pending change, others
// are left alone. It returns the ids of the segments it changed, so a
// batch run twice changes nothing the second time and says so.
//
// One WITH v AS (VALUES …) UPDATE … FROM v statement per draftsPerStatement segments
// (the same SQL on both databases) replaces a round trip per segment,
// which on PostgreSQL was most of a batch's cost.
func (q *Queries) SetDrafts(ctx context.Context, segs []Segment) ([]string, error) {
	var changed []string
	t := now()
	for start := 0; start < len(segs); start += draftsPerStatement {
		chunk := segs[start:min(start+draftsPerStatement, len(segs))]
		var args []any
		var values strings.Builder
		for i, s := range chunk {
			if i > 0 {
				values.WriteByte(',')
			}
			// The casts type the columns of the VALUES list for PostgreSQL.
			values.WriteString("(?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER), ?, ?)")
			qe, qw := qaCounts(s.QA)
			args = append(args, s.ID, s.Target, s.Origin, s.Engine, mustJSON(nonNil(s.Notes)), mustJSON(nonNil(s.QA)),
				qe, qw, mustJSON(nonNil(s.Matches)), s.UpdatedBy)
		}
		args = append(args, SegmentDraft, t, SegmentPending)
		rows, err := q.query(ctx, `WITH v (id, target, origin, engine, notes, qa, qe, qw, matches, updated_by) AS (VALUES `+values.String()+`)
			UPDATE segments SET target = v.target, status = ?, origin = v.origin, engine = v.engine,
			notes = v.notes, qa = v.qa, qa_errors = v.qe, qa_warnings = v.qw, matches = v.matches,
			version = segments.version + 1, updated_by = v.updated_by, updated_at = ?
			FROM v WHERE segments.id = v.id AND segments.status = ? RETURNING segments.id`, args...)
		if err != nil {
			return changed, fmt.Errorf("set %d drafts: %w", len(chunk), err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return changed, err
			}
			changed = append(changed, id)
		}
		if err := rows.Close(); err != nil {
			return changed, err
		}
		if err := rows.Err(); err != nil {
			return changed, err
		}
	}
	return changed, nil
}
