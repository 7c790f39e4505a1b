package store

import (
	"context"
	"time"
)

// Comment is a note a person left on a segment.
type Comment struct {
	ID        string    `json:"id"`
	SegmentID string    `json:"segment_id"`
	EditionID string    `json:"edition_id"`
	UserID    string    `json:"user_id"`
	UserName  string    `json:"user_name"` // filled by SegmentComments
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// AddComment stores a comment.
func (q *Queries) AddComment(ctx context.Context, c *Comment) error {
	if c.ID == "" {
		c.ID = NewID("cmt")
	}
	c.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO segment_comments (id, segment_id, edition_id, user_id, body, created_at) VALUES (?,?,?,?,?,?)`,
		c.ID, c.SegmentID, c.EditionID, c.UserID, c.Body, c.CreatedAt)
	return err
}

// SegmentComments returns a segment's comments, oldest first.
func (q *Queries) SegmentComments(ctx context.Context, editionID, segmentID string) ([]Comment, error) {
	rows, err := q.query(ctx, `SELECT c.id, c.segment_id, c.edition_id, c.user_id, COALESCE(NULLIF(u.name, ''), u.username, c.user_id), c.body, c.created_at
		FROM segment_comments c LEFT JOIN users u ON u.id = c.user_id
		WHERE c.segment_id = ? AND c.edition_id = ? ORDER BY c.created_at, c.id`, segmentID, editionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.ID, &c.SegmentID, &c.EditionID, &c.UserID, &c.UserName, &c.Body, &c.CreatedAt); err != nil {
			return nil, err
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// CommentCounts returns how many comments each segment of an edition has.
func (q *Queries) CommentCounts(ctx context.Context, editionID string) (map[string]int, error) {
	rows, err := q.query(ctx, `SELECT segment_id, COUNT(*) FROM segment_comments WHERE edition_id = ? GROUP BY segment_id`, editionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// CountComments counts a segment's comments.
func (q *Queries) CountComments(ctx context.Context, editionID, segmentID string) (int, error) {
	var n int
	err := q.queryRow(ctx, `SELECT COUNT(*) FROM segment_comments WHERE edition_id = ? AND segment_id = ?`, editionID, segmentID).Scan(&n)
	return n, err
}
