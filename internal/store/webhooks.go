package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const deliveryCols = `d.id, d.webhook_id, d.event_id, e.type, d.status, d.attempts, d.last_code, d.last_error, d.created_at, d.updated_at`

// CreateWebhook stores a subscription.
func (q *Queries) CreateWebhook(ctx context.Context, h *Webhook) error {
	h.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO webhooks (id, url, events, secret, active, created_by, created_at) VALUES (?,?,?,?,?,?,?)`,
		h.ID, h.URL, mustJSON(h.Events), h.Secret, h.Active, h.CreatedBy, h.CreatedAt)
	return err
}

func scanWebhook(row interface{ Scan(...any) error }) (Webhook, error) {
	var h Webhook
	var events string
	err := row.Scan(&h.ID, &h.URL, &events, &h.Secret, &h.Active, &h.CreatedBy, &h.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return h, ErrNotFound
	}
	if err != nil {
		return h, err
	}
	h.CreatedAt = h.CreatedAt.UTC()
	return h, fromJSON(events, &h.Events)
}

// GetWebhook returns a webhook.
func (q *Queries) GetWebhook(ctx context.Context, id string) (Webhook, error) {
	return scanWebhook(q.queryRow(ctx, `SELECT id, url, events, secret, active, created_by, created_at FROM webhooks WHERE id = ?`, id))
}

// ListWebhooks returns every webhook, oldest first.
func (q *Queries) ListWebhooks(ctx context.Context) ([]Webhook, error) {
	rows, err := q.query(ctx, `SELECT id, url, events, secret, active, created_by, created_at FROM webhooks ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Webhook
	for rows.Next() {
		h, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// DeleteWebhook deactivates a webhook; its delivery log stays.
func (q *Queries) DeleteWebhook(ctx context.Context, id string) error {
	err := q.execOne(ctx, `UPDATE webhooks SET active = ? WHERE id = ? AND active = ?`, false, id, true)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

func scanDelivery(row interface{ Scan(...any) error }) (Delivery, error) {
	var d Delivery
	err := row.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.EventType, &d.Status, &d.Attempts, &d.LastCode, &d.LastError, &d.CreatedAt, &d.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return d, err
}

// GetDelivery returns a delivery.
func (q *Queries) GetDelivery(ctx context.Context, id string) (Delivery, error) {
	return scanDelivery(q.queryRow(ctx, `SELECT `+deliveryCols+` FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ?`, id))
}

func (q *Queries) deliveries(ctx context.Context, where string, args ...any) ([]Delivery, error) {
	rows, err := q.query(ctx, `SELECT `+deliveryCols+` FROM deliveries d JOIN events e ON e.id = d.event_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// WebhookDeliveries returns a webhook's deliveries, newest first.
func (q *Queries) WebhookDeliveries(ctx context.Context, webhookID string, limit int) ([]Delivery, error) {
	return q.deliveries(ctx, `WHERE d.webhook_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?`, webhookID, limit)
}

// PendingDeliveries returns deliveries not yet delivered or given up on.
func (q *Queries) PendingDeliveries(ctx context.Context, limit int) ([]Delivery, error) {
	return q.deliveries(ctx, `WHERE d.status = ? ORDER BY d.created_at LIMIT ?`, DeliveryPending, limit)
}

// RecordAttempt logs one HTTP call for a delivery and sets its new status.
func (q *Queries) RecordAttempt(ctx context.Context, deliveryID string, a Attempt, status string) error {
	t := now()
	a.At = t
	var n int
	if err := q.queryRow(ctx, `SELECT attempts FROM deliveries WHERE id = ?`, deliveryID).Scan(&n); err != nil {
		return fmt.Errorf("delivery %s: %w", deliveryID, err)
	}
	a.Attempt = n + 1
	if _, err := q.exec(ctx, `INSERT INTO delivery_attempts (delivery_id, attempt, code, error, duration_ms, at) VALUES (?,?,?,?,?,?)`,
		deliveryID, a.Attempt, a.Code, a.Error, a.DurationMS, a.At); err != nil {
		return fmt.Errorf("insert attempt: %w", err)
	}
	return q.execOne(ctx, `UPDATE deliveries SET attempts = ?, last_code = ?, last_error = ?, status = ?, updated_at = ? WHERE id = ?`,
		a.Attempt, a.Code, a.Error, status, t, deliveryID)
}

// SetDeliveryStatus changes a delivery's status (e.g. back to pending for a
// redelivery).
func (q *Queries) SetDeliveryStatus(ctx context.Context, id, status string) error {
	return q.execOne(ctx, `UPDATE deliveries SET status = ?, updated_at = ? WHERE id = ?`, status, now(), id)
}

// DeliveryAttempts returns the attempts of a delivery in order.
func (q *Queries) DeliveryAttempts(ctx context.Context, deliveryID string) ([]Attempt, error) {
	rows, err := q.query(ctx, `SELECT attempt, code, error, duration_ms, at FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt`, deliveryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Attempt{}
	for rows.Next() {
		var a Attempt
		if err := rows.Scan(&a.Attempt, &a.Code, &a.Error, &a.DurationMS, &a.At); err != nil {
			return nil, err
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
