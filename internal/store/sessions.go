package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Session is a logged-in browser. Only the hash of its cookie value is
// stored; CSRF is its synchronizer token.
type Session struct {
	IDHash    string
	UserID    string
	CSRF      string
	CreatedAt time.Time
	SeenAt    time.Time
	ExpiresAt time.Time
}

// CreateSession stores a new session.
func (q *Queries) CreateSession(ctx context.Context, s *Session) error {
	t := now()
	s.CreatedAt, s.SeenAt = t, t
	s.ExpiresAt = s.ExpiresAt.UTC()
	_, err := q.exec(ctx, `INSERT INTO sessions (id_hash, user_id, csrf, created_at, seen_at, expires_at) VALUES (?,?,?,?,?,?)`,
		s.IDHash, s.UserID, s.CSRF, s.CreatedAt, s.SeenAt, s.ExpiresAt)
	return err
}

// SessionUser returns a live session and its active user in one query:
// ErrNotFound when the session does not exist, has expired, or its user was
// deactivated.
func (q *Queries) SessionUser(ctx context.Context, idHash string) (Session, User, error) {
	var s Session
	var u User
	var langs string
	err := q.queryRow(ctx, `SELECT s.id_hash, s.user_id, s.csrf, s.created_at, s.seen_at, s.expires_at,
		u.id, u.username, u.name, u.password_hash, u.role, u.langs, u.ui_lang, u.active, u.created_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id_hash = ? AND s.expires_at > ? AND u.active = ?`, idHash, now(), true).
		Scan(&s.IDHash, &s.UserID, &s.CSRF, &s.CreatedAt, &s.SeenAt, &s.ExpiresAt,
			&u.ID, &u.Username, &u.Name, &u.PasswordHash, &u.Role, &langs, &u.UILang, &u.Active, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return s, u, ErrNotFound
	}
	if err != nil {
		return s, u, err
	}
	s.CreatedAt, s.SeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.SeenAt.UTC(), s.ExpiresAt.UTC()
	return s, u, fromJSON(langs, &u.Langs)
}

// TouchSession records that a session was used and pushes its expiry to
// expires (sliding idle timeout). Callers do this rarely (not on every
// request), so reading pages does not turn into database writes.
func (q *Queries) TouchSession(ctx context.Context, idHash string, expires time.Time) error {
	_, err := q.exec(ctx, `UPDATE sessions SET seen_at = ?, expires_at = ? WHERE id_hash = ?`, now(), expires.UTC(), idHash)
	return err
}

// DeleteSession ends a session (logout).
func (q *Queries) DeleteSession(ctx context.Context, idHash string) error {
	_, err := q.exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash)
	return err
}

// DeleteUserSessions ends every session of a user, e.g. when an admin
// deactivates them or changes their password.
func (q *Queries) DeleteUserSessions(ctx context.Context, userID string) error {
	_, err := q.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return err
}

// DeleteExpiredSessions removes sessions past their expiry.
func (q *Queries) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := q.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
