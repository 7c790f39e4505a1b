package store

import (
	"context"
	"database/sql"
	"errors"
)

// ListTokens returns every API token, oldest first; revoked ones only when
// withRevoked is set. Secrets are not stored, so none is returned.
func (q *Queries) ListTokens(ctx context.Context, withRevoked bool) ([]Token, error) {
	query := `SELECT id, name, role, langs, user_id, revoked, created_at FROM tokens`
	var args []any
	if !withRevoked {
		query += ` WHERE revoked = ?`
		args = append(args, false)
	}
	rows, err := q.query(ctx, query+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var langs string
		if err := rows.Scan(&t.ID, &t.Name, &t.Role, &langs, &t.UserID, &t.Revoked, &t.CreatedAt); err != nil {
			return nil, err
		}
		if err := fromJSON(langs, &t.Langs); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TokenIDByHash returns the id of the token whose secret hashes to hash,
// revoked or not, so a leaked secret can be revoked without knowing its id.
func (q *Queries) TokenIDByHash(ctx context.Context, hash string) (string, error) {
	var id string
	err := q.queryRow(ctx, `SELECT id FROM tokens WHERE hash = ?`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return id, err
}
