package store

import (
	"context"
	"time"
)

// Segment history actions.
const (
	HistoryEdit    = "edit"
	HistoryApprove = "approve"
)

// SegmentChange is one entry of a segment's history: who changed it, when,
// from what to what.
type SegmentChange struct {
	ID        string `json:"id"`
	SegmentID string `json:"segment_id"`
	EditionID string `json:"edition_id"`
	Action    string `json:"action"`
	Previous  string `json:"previous"`
	Target    string `json:"target"`
	Version   int    `json:"version"` // the segment's version after the change
	// Reason is why an approval overrode the quality checks' errors.
	Reason    string    `json:"reason,omitempty"`
	ByID      string    `json:"by_id"`
	ByName    string    `json:"by_name"` // filled by SegmentHistory
	CreatedAt time.Time `json:"created_at"`
}

// AddSegmentChange records a change; call it in the transaction that made it.
func (q *Queries) AddSegmentChange(ctx context.Context, c *SegmentChange) error {
	if c.ID == "" {
		c.ID = NewID("chg")
	}
	c.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO segment_history (id, segment_id, edition_id, action, previous, target, version, by_id, reason, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, c.ID, c.SegmentID, c.EditionID, c.Action, c.Previous, c.Target, c.Version, c.ByID, c.Reason, c.CreatedAt)
	return err
}

// SegmentHistory returns a segment's changes, newest first, with the name of
// whoever made each: a user's name (or username), else a token's name, else
// the raw id.
func (q *Queries) SegmentHistory(ctx context.Context, editionID, segmentID string, limit int) ([]SegmentChange, error) {
	rows, err := q.query(ctx, `SELECT h.id, h.segment_id, h.edition_id, h.action, h.previous, h.target, h.version, h.by_id, h.reason,
		COALESCE(NULLIF(u.name, ''), u.username, NULLIF(t.name, ''), h.by_id), h.created_at
		FROM segment_history h
		LEFT JOIN users u ON u.id = h.by_id
		LEFT JOIN tokens t ON t.id = h.by_id
		WHERE h.segment_id = ? AND h.edition_id = ?
		ORDER BY h.created_at DESC, h.id DESC LIMIT ?`, segmentID, editionID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SegmentChange
	for rows.Next() {
		var c SegmentChange
		if err := rows.Scan(&c.ID, &c.SegmentID, &c.EditionID, &c.Action, &c.Previous, &c.Target, &c.Version, &c.ByID, &c.Reason,
			&c.ByName, &c.CreatedAt); err != nil {
			return nil, err
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}
