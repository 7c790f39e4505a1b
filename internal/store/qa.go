package store

import (
	"context"
	"time"
)

// QAOverride is an editor's decision to publish an edition whose segments
// still carry quality-check errors, with the reason given.
type QAOverride struct {
	ID        string    `json:"id"`
	EditionID string    `json:"edition_id"`
	Revision  int       `json:"revision"`
	Errors    int       `json:"errors"`
	Reason    string    `json:"reason"`
	ByID      string    `json:"by_id"`
	ByName    string    `json:"by_name,omitempty"` // filled by LatestQAOverrides
	CreatedAt time.Time `json:"created_at"`
}

// AddQAOverride records an override; call it in the transaction that
// schedules the publication.
func (q *Queries) AddQAOverride(ctx context.Context, o *QAOverride) error {
	if o.ID == "" {
		o.ID = NewID("qao")
	}
	o.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO qa_overrides (id, edition_id, revision, errors, reason, by_id, created_at) VALUES (?,?,?,?,?,?,?)`,
		o.ID, o.EditionID, o.Revision, o.Errors, o.Reason, o.ByID, o.CreatedAt)
	return err
}

// LatestQAOverrides returns each edition's latest override, by edition id,
// with the name of whoever made it.
func (q *Queries) LatestQAOverrides(ctx context.Context, editionIDs []string) (map[string]QAOverride, error) {
	out := map[string]QAOverride{}
	if len(editionIDs) == 0 {
		return out, nil
	}
	list, args := in(editionIDs)
	rows, err := q.query(ctx, `SELECT o.id, o.edition_id, o.revision, o.errors, o.reason, o.by_id,
		COALESCE(NULLIF(u.name, ''), u.username, NULLIF(t.name, ''), o.by_id), o.created_at
		FROM qa_overrides o
		LEFT JOIN users u ON u.id = o.by_id
		LEFT JOIN tokens t ON t.id = o.by_id
		WHERE o.edition_id IN `+list+` ORDER BY o.created_at, o.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o QAOverride
		if err := rows.Scan(&o.ID, &o.EditionID, &o.Revision, &o.Errors, &o.Reason, &o.ByID, &o.ByName, &o.CreatedAt); err != nil {
			return nil, err
		}
		o.CreatedAt = o.CreatedAt.UTC()
		out[o.EditionID] = o // later rows replace earlier ones
	}
	return out, rows.Err()
}
