package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

const deliveryCols = `d.id, d.webhook_id, d.event_id, e.type, d.status, d.attempts, d.last_code, d.last_error, d.next_attempt_at, d.created_at, d.updated_at`

const webhookCols = `id, url, events, languages, payload, description, secret, old_secret, old_secret_until, active, created_by, created_at,
	last_success_at, failing_since, consecutive_failures, disabled_reason, disabled_at`

// CreateWebhook stores a subscription.
func (q *Queries) CreateWebhook(ctx context.Context, h *Webhook) error {
	h.CreatedAt = now()
	if h.Payload == "" {
		h.Payload = PayloadThin
	}
	_, err := q.exec(ctx, `INSERT INTO webhooks (id, url, events, languages, payload, description, secret, active, created_by, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`,
		h.ID, h.URL, mustJSON(h.Events), mustJSON(nonNil(h.Languages)), h.Payload, h.Description, h.Secret, h.Enabled, h.CreatedBy, h.CreatedAt)
	return err
}

func scanWebhook(row interface{ Scan(...any) error }) (Webhook, error) {
	var h Webhook
	var events, langs string
	var oldUntil, lastOK, failing, disabled sql.NullTime
	err := row.Scan(&h.ID, &h.URL, &events, &langs, &h.Payload, &h.Description, &h.Secret, &h.OldSecret, &oldUntil, &h.Enabled,
		&h.CreatedBy, &h.CreatedAt, &lastOK, &failing, &h.ConsecutiveFailures, &h.DisabledReason, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return h, ErrNotFound
	}
	if err != nil {
		return h, err
	}
	h.CreatedAt = h.CreatedAt.UTC()
	h.OldSecretUntil, h.LastSuccessAt, h.FailingSince, h.DisabledAt = timePtr(oldUntil), timePtr(lastOK), timePtr(failing), timePtr(disabled)
	if err := fromJSON(langs, &h.Languages); err != nil {
		return h, err
	}
	return h, fromJSON(events, &h.Events)
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// GetWebhook returns a webhook.
func (q *Queries) GetWebhook(ctx context.Context, id string) (Webhook, error) {
	return scanWebhook(q.queryRow(ctx, `SELECT `+webhookCols+` FROM webhooks WHERE id = ?`, id))
}

// ListWebhooks returns every webhook, oldest first.
func (q *Queries) ListWebhooks(ctx context.Context) ([]Webhook, error) {
	rows, err := q.query(ctx, `SELECT `+webhookCols+` FROM webhooks ORDER BY created_at, id`)
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

// UpdateWebhook changes a subscription's settings in place (URL, events,
// languages, payload style, description, enabled). Enabling a disabled
// webhook clears its failure record, so it starts afresh.
func (q *Queries) UpdateWebhook(ctx context.Context, h Webhook) error {
	err := q.execOne(ctx, `UPDATE webhooks SET url = ?, events = ?, languages = ?, payload = ?, description = ?, active = ? WHERE id = ?`,
		h.URL, mustJSON(h.Events), mustJSON(nonNil(h.Languages)), h.Payload, h.Description, h.Enabled, h.ID)
	if err != nil {
		return err
	}
	if h.Enabled {
		_, err = q.exec(ctx, `UPDATE webhooks SET disabled_reason = '', disabled_at = NULL, failing_since = NULL, consecutive_failures = 0
			WHERE id = ? AND disabled_reason <> ''`, h.ID)
	}
	return err
}

// RotateSecret makes secret the webhook's signing secret; the previous one
// keeps signing (alongside) until until.
func (q *Queries) RotateSecret(ctx context.Context, id, secret string, until time.Time) error {
	return q.execOne(ctx, `UPDATE webhooks SET old_secret = secret, old_secret_until = ?, secret = ? WHERE id = ?`, until, secret, id)
}

// DisableWebhook disables an enabled webhook with a reason. It returns
// ErrConflict if the webhook was not enabled (so the caller writes its
// event once).
func (q *Queries) DisableWebhook(ctx context.Context, id, reason string, at time.Time) error {
	return q.execOne(ctx, `UPDATE webhooks SET active = ?, disabled_reason = ?, disabled_at = ? WHERE id = ? AND active = ?`,
		false, reason, at, id, true)
}

// WebhookSucceeded records a 2xx answer: the webhook is healthy again. A
// healthy webhook's last success is moved at most once a second, so busy
// deliveries to one receiver do not all queue on its row.
func (q *Queries) WebhookSucceeded(ctx context.Context, id string, at time.Time) error {
	_, err := q.exec(ctx, `UPDATE webhooks SET last_success_at = ?, failing_since = NULL, consecutive_failures = 0
		WHERE id = ? AND (consecutive_failures <> 0 OR failing_since IS NOT NULL OR last_success_at IS NULL OR last_success_at < ?)`,
		at, id, at.Add(-time.Second))
	return err
}

// WebhookFailed records a failed call and returns since when the webhook
// has been failing without a success in between.
func (q *Queries) WebhookFailed(ctx context.Context, id string, at time.Time) (time.Time, error) {
	if err := q.execOne(ctx, `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
		failing_since = COALESCE(failing_since, ?) WHERE id = ?`, at, id); err != nil {
		return at, err
	}
	var since sql.NullTime
	if err := q.queryRow(ctx, `SELECT failing_since FROM webhooks WHERE id = ?`, id).Scan(&since); err != nil {
		return at, err
	}
	return since.Time.UTC(), nil
}

// DisabledDeleted is the disabled reason of a deleted webhook.
const DisabledDeleted = "deleted"

// DeleteWebhook disables a webhook; its delivery log stays.
func (q *Queries) DeleteWebhook(ctx context.Context, id string) error {
	err := q.execOne(ctx, `UPDATE webhooks SET active = ?, disabled_reason = ?, disabled_at = ? WHERE id = ? AND active = ?`,
		false, DisabledDeleted, now(), id, true)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

func scanDelivery(row interface{ Scan(...any) error }) (Delivery, error) {
	var d Delivery
	var next sql.NullTime
	err := row.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.EventType, &d.Status, &d.Attempts, &d.LastCode, &d.LastError, &next, &d.CreatedAt, &d.UpdatedAt)
	d.NextAttemptAt = timePtr(next)
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
	return q.deliveriesFrom(ctx, `FROM deliveries d JOIN events e ON e.id = d.event_id `+where, args...)
}

// editionDeliveries selects deliveries of an edition's events: the scan
// starts from the edition's few events (CROSS JOIN fixes the order on
// SQLite), not from a webhook's many pending deliveries.
func (q *Queries) editionDeliveries(ctx context.Context, where string, args ...any) ([]Delivery, error) {
	return q.deliveriesFrom(ctx, `FROM events e CROSS JOIN deliveries d WHERE d.event_id = e.id AND `+where, args...)
}

func (q *Queries) deliveriesFrom(ctx context.Context, from string, args ...any) ([]Delivery, error) {
	rows, err := q.query(ctx, `SELECT `+deliveryCols+` `+from, args...)
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

// PendingDeliveries returns deliveries not yet delivered or given up on,
// in event order.
func (q *Queries) PendingDeliveries(ctx context.Context, limit int) ([]Delivery, error) {
	return q.deliveries(ctx, `WHERE d.status = ? ORDER BY e.created_at, e.id, d.created_at LIMIT ? `, DeliveryPending, limit)
}

// DeliveryAhead returns the delivery that must go before d (of event ev):
// the earliest
// other pending delivery to the same webhook of an event about the same
// edition that happened before d's event (or is the same event, delivered
// again, and was created earlier). ErrNotFound means d may go now. Events
// not about an edition are not ordered.
func (q *Queries) DeliveryAhead(ctx context.Context, d Delivery, ev Event) (Delivery, error) {
	if ev.EditionID == "" {
		return Delivery{}, ErrNotFound
	}
	ds, err := q.editionDeliveries(ctx, `e.edition_id = ? AND d.webhook_id = ? AND d.status = ? AND d.id <> ?
		AND (e.created_at < ? OR (e.created_at = ? AND e.id < ?) OR (e.id = ? AND d.created_at < ?))
		ORDER BY e.created_at, e.id, d.created_at LIMIT 1`,
		ev.EditionID, d.WebhookID, DeliveryPending, d.ID, ev.CreatedAt, ev.CreatedAt, ev.ID, ev.ID, d.CreatedAt)
	if err != nil {
		return Delivery{}, err
	}
	if len(ds) == 0 {
		return Delivery{}, ErrNotFound
	}
	return ds[0], nil
}

// NextDelivery returns the earliest pending delivery to webhookID of an
// event about editionID (ErrNotFound if none): the one to send once the
// delivery before it is settled.
func (q *Queries) NextDelivery(ctx context.Context, webhookID, editionID string) (Delivery, error) {
	ds, err := q.editionDeliveries(ctx, `e.edition_id = ? AND d.webhook_id = ? AND d.status = ? ORDER BY e.created_at, e.id, d.created_at LIMIT 1`,
		editionID, webhookID, DeliveryPending)
	if err != nil {
		return Delivery{}, err
	}
	if len(ds) == 0 {
		return Delivery{}, ErrNotFound
	}
	return ds[0], nil
}

// Replay creates a new pending delivery to h of every event since the given
// time that h subscribes to (types and languages as set now), in event
// order, and returns their ids. Each carries its event's id, so the
// receiver sees the original webhook-id. More than limit events since then
// is refused (replay_too_large): ask for a later time.
func (q *Queries) Replay(ctx context.Context, h Webhook, since time.Time, limit int) ([]string, error) {
	rows, err := q.query(ctx, `SELECT id, type, lang FROM events WHERE created_at >= ? ORDER BY created_at, id LIMIT ?`, since, limit+1)
	if err != nil {
		return nil, err
	}
	type ev struct{ id, typ, lang string }
	var evs []ev
	for rows.Next() {
		var e ev
		if err := rows.Scan(&e.id, &e.typ, &e.lang); err != nil {
			rows.Close()
			return nil, err
		}
		evs = append(evs, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(evs) > limit {
		return nil, derrors.New(derrors.Unprocessable, "replay_too_large", "more than %d events since %s; replay from a later time", limit, since.Format(time.RFC3339))
	}
	var ids []string
	t := now()
	for i, e := range evs {
		if !h.Wants(e.typ, e.lang) {
			continue
		}
		id := NewID("dlv")
		// created_at is spread by a nanosecond each, to keep replays of the
		// same event (DeliveryAhead's tie-break) in order.
		at := t.Add(time.Duration(i))
		if _, err := q.exec(ctx, `INSERT INTO deliveries (id, webhook_id, event_id, status, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
			id, h.ID, e.id, DeliveryPending, at, at); err != nil {
			return nil, fmt.Errorf("insert delivery: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// RecordAttempt logs one HTTP call for a delivery and sets its new status.
func (q *Queries) RecordAttempt(ctx context.Context, deliveryID string, a Attempt, status string) error {
	return q.RecordAttemptNext(ctx, deliveryID, a, status, time.Time{})
}

// RecordAttemptNext is RecordAttempt for a delivery to be tried again at
// next (zero: not again).
func (q *Queries) RecordAttemptNext(ctx context.Context, deliveryID string, a Attempt, status string, next time.Time) error {
	var nextAt any
	if !next.IsZero() {
		nextAt = next
	}
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
	return q.execOne(ctx, `UPDATE deliveries SET attempts = ?, last_code = ?, last_error = ?, status = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
		a.Attempt, a.Code, a.Error, status, nextAt, t, deliveryID)
}

// HoldPendingDelivery locks a delivery that is still pending for the rest of
// the transaction; ErrConflict when it is not pending any more. Two runners
// of one delivery (a task a dead worker left and its copy, say) may both
// reach the receiver; holding the row first means only one records the
// success, the other sees the delivery settled.
func (q *Queries) HoldPendingDelivery(ctx context.Context, id string) error {
	return q.execOne(ctx, `UPDATE deliveries SET updated_at = ? WHERE id = ? AND status = ?`, now(), id, DeliveryPending)
}

// SetDeliveryStatus changes a delivery's status (e.g. back to pending for a
// redelivery, which goes now: its next attempt time is cleared).
func (q *Queries) SetDeliveryStatus(ctx context.Context, id, status string) error {
	return q.execOne(ctx, `UPDATE deliveries SET status = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`, status, now(), id)
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
