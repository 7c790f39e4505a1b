package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CreateToken stores a token by the hash of its secret.
func (q *Queries) CreateToken(ctx context.Context, t *Token, hash string) error {
	t.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO tokens (id, hash, name, role, langs, user_id, revoked, created_at) VALUES (?,?,?,?,?,?,?,?)`,
		t.ID, hash, t.Name, t.Role, mustJSON(nonNil(t.Langs)), t.UserID, false, t.CreatedAt)
	return err
}

// TokenByHash returns the live token whose secret hashes to hash.
func (q *Queries) TokenByHash(ctx context.Context, hash string) (Token, error) {
	var t Token
	var langs string
	err := q.queryRow(ctx, `SELECT id, name, role, langs, user_id, revoked, created_at FROM tokens WHERE hash = ?`, hash).
		Scan(&t.ID, &t.Name, &t.Role, &langs, &t.UserID, &t.Revoked, &t.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && t.Revoked) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, err
	}
	return t, fromJSON(langs, &t.Langs)
}

// RevokeToken revokes a token by id.
func (q *Queries) RevokeToken(ctx context.Context, id string) error {
	err := q.execOne(ctx, `UPDATE tokens SET revoked = ? WHERE id = ?`, true, id)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

const userCols = `id, username, name, password_hash, role, langs, ui_lang, active, created_at`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var langs string
	err := row.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &u.Role, &langs, &u.UILang, &u.Active, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, err
	}
	return u, fromJSON(langs, &u.Langs)
}

// CreateUser stores a user; a taken username is ErrConflict.
func (q *Queries) CreateUser(ctx context.Context, u *User) error {
	u.CreatedAt = now()
	_, err := q.exec(ctx, `INSERT INTO users (`+userCols+`) VALUES (?,?,?,?,?,?,?,?,?)`,
		u.ID, u.Username, u.Name, u.PasswordHash, u.Role, mustJSON(nonNil(u.Langs)), u.UILang, u.Active, u.CreatedAt)
	if isUnique(err) {
		return fmt.Errorf("username %q: %w", u.Username, ErrConflict)
	}
	return err
}

// GetUser returns a user by id.
func (q *Queries) GetUser(ctx context.Context, id string) (User, error) {
	return scanUser(q.queryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
}

// UserByName returns a user by username.
func (q *Queries) UserByName(ctx context.Context, username string) (User, error) {
	return scanUser(q.queryRow(ctx, `SELECT `+userCols+` FROM users WHERE username = ?`, username))
}

// ListUsers returns every user by username.
func (q *Queries) ListUsers(ctx context.Context) ([]User, error) {
	rows, err := q.query(ctx, `SELECT `+userCols+` FROM users ORDER BY username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
