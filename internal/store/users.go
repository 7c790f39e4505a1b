package store

import (
	"context"
	"errors"
)

// UpdateUser stores an admin's changes to a user: name, role, languages, UI
// language and whether the account is active.
func (q *Queries) UpdateUser(ctx context.Context, u User) error {
	err := q.execOne(ctx, `UPDATE users SET name = ?, role = ?, langs = ?, ui_lang = ?, active = ? WHERE id = ?`,
		u.Name, u.Role, mustJSON(nonNil(u.Langs)), u.UILang, u.Active, u.ID)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

// SetUserPassword replaces a user's password hash.
func (q *Queries) SetUserPassword(ctx context.Context, id, hash string) error {
	err := q.execOne(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

// SetUserUILang stores the language a user wants the UI in ("" follows the
// browser).
func (q *Queries) SetUserUILang(ctx context.Context, id, lang string) error {
	err := q.execOne(ctx, `UPDATE users SET ui_lang = ? WHERE id = ?`, lang, id)
	if errors.Is(err, ErrConflict) {
		return ErrNotFound
	}
	return err
}

// CountActiveAdmins counts active admins, so the last one cannot be demoted
// or deactivated.
func (q *Queries) CountActiveAdmins(ctx context.Context) (int, error) {
	var n int
	err := q.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = ? AND active = ?`, "admin", true).Scan(&n)
	return n, err
}

// UserNames maps user ids to display names (name, else username).
func (q *Queries) UserNames(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.query(ctx, `SELECT id, COALESCE(NULLIF(name, ''), username) FROM users WHERE id IN `+inList(len(ids)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
