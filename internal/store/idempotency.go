package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// IdempotencyTTL is how long an Idempotency-Key's answer is kept.
const IdempotencyTTL = 24 * time.Hour

// IdempotentResponse is the stored answer to the first request made with an
// Idempotency-Key. Status 0 means that request is still running.
type IdempotentResponse struct {
	RequestHash string
	Status      int
	Location    string
	Body        string
}

// ClaimIdempotencyKey records that principal's request with key (and the
// hash of its method, path and body) is starting. It returns claimed=true
// when this is the first request with the key; otherwise the stored
// response of the earlier one (Status 0 while it runs). Keys older than
// IdempotencyTTL are forgotten first.
func (q *Queries) ClaimIdempotencyKey(ctx context.Context, principal, key, hash string) (IdempotentResponse, bool, error) {
	t := now()
	if _, err := q.exec(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, t.Add(-IdempotencyTTL)); err != nil {
		return IdempotentResponse{}, false, fmt.Errorf("expire idempotency keys: %w", err)
	}
	_, err := q.exec(ctx, `INSERT INTO idempotency_keys (principal, idem_key, request_hash, status, created_at) VALUES (?,?,?,0,?)`,
		principal, key, hash, t)
	if err == nil {
		return IdempotentResponse{RequestHash: hash}, true, nil
	}
	if !isUnique(err) {
		return IdempotentResponse{}, false, fmt.Errorf("claim idempotency key: %w", err)
	}
	var r IdempotentResponse
	err = q.queryRow(ctx, `SELECT request_hash, status, location, body FROM idempotency_keys WHERE principal = ? AND idem_key = ?`,
		principal, key).Scan(&r.RequestHash, &r.Status, &r.Location, &r.Body)
	if errors.Is(err, sql.ErrNoRows) { // released in between: the caller may retry
		return r, false, ErrConflict
	}
	return r, false, err
}

// CompleteIdempotencyKey stores the answer to a claimed key's request.
func (q *Queries) CompleteIdempotencyKey(ctx context.Context, principal, key string, status int, location, body string) error {
	_, err := q.exec(ctx, `UPDATE idempotency_keys SET status = ?, location = ?, body = ? WHERE principal = ? AND idem_key = ?`,
		status, location, body, principal, key)
	return err
}

// ReleaseIdempotencyKey forgets a claimed key whose request failed on our
// side, so that a retry runs again.
func (q *Queries) ReleaseIdempotencyKey(ctx context.Context, principal, key string) error {
	_, err := q.exec(ctx, `DELETE FROM idempotency_keys WHERE principal = ? AND idem_key = ?`, principal, key)
	return err
}
