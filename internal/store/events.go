package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// AddEvent writes an event to the outbox and one pending delivery for every
// enabled webhook subscribed to its type (and its edition's language), and
// returns the new deliveries' ids.
// Call it in the transaction that makes the change the event reports.
func (q *Queries) AddEvent(ctx context.Context, e *Event) ([]string, error) {
	e.CreatedAt = now()
	if e.ID == "" {
		e.ID = NewID("msg")
	}
	if e.Lang == "" && e.EditionID != "" {
		if err := q.queryRow(ctx, `SELECT lang FROM editions WHERE id = ?`, e.EditionID).Scan(&e.Lang); err != nil {
			return nil, fmt.Errorf("event's edition %s: %w", e.EditionID, err)
		}
	}
	if _, err := q.exec(ctx, `INSERT INTO events (id, type, article_id, edition_id, lang, data, created_at) VALUES (?,?,?,?,?,?,?)`,
		e.ID, e.Type, e.ArticleID, e.EditionID, e.Lang, string(e.Data), e.CreatedAt); err != nil {
		return nil, fmt.Errorf("insert event: %w", err)
	}
	hooks, err := q.ListWebhooks(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, h := range hooks {
		if !h.Wants(e.Type, e.Lang) {
			continue
		}
		id := NewID("dlv")
		if _, err := q.exec(ctx, `INSERT INTO deliveries (id, webhook_id, event_id, status, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
			id, h.ID, e.ID, DeliveryPending, e.CreatedAt, e.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert delivery: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// GetEvent returns an event.
func (q *Queries) GetEvent(ctx context.Context, id string) (Event, error) {
	e := Event{ID: id}
	var data string
	err := q.queryRow(ctx, `SELECT type, article_id, edition_id, lang, data, created_at FROM events WHERE id = ?`, id).
		Scan(&e.Type, &e.ArticleID, &e.EditionID, &e.Lang, &data, &e.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	e.Data = []byte(data)
	e.CreatedAt = e.CreatedAt.UTC()
	return e, err
}

// ListEvents returns events, newest first.
func (q *Queries) ListEvents(ctx context.Context, limit int) ([]Event, error) {
	rows, err := q.query(ctx, `SELECT id, type, article_id, edition_id, data, created_at FROM events ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var data string
		if err := rows.Scan(&e.ID, &e.Type, &e.ArticleID, &e.EditionID, &data, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.Data = []byte(data)
		out = append(out, e)
	}
	return out, rows.Err()
}
