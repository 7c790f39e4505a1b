package store

import (
	"context"
	"strings"
)

// ConcordanceTM returns up to limit memory units of a language pair whose
// source or target contains any of words (case-insensitively, as
// substrings), newest first. It is the editor's concordance search until the
// tm package offers a better one; ranking and highlighting are the caller's.
func (q *Queries) ConcordanceTM(ctx context.Context, sourceLang, targetLang string, words []string, limit int) ([]TMUnit, error) {
	if len(words) == 0 || limit <= 0 {
		return nil, nil
	}
	args := []any{sourceLang, targetLang}
	var conds []string
	for _, w := range words {
		pat := "%" + likeEscaper.Replace(strings.ToLower(w)) + "%"
		conds = append(conds, `LOWER(source) LIKE ? ESCAPE '\' OR LOWER(target) LIKE ? ESCAPE '\'`)
		args = append(args, pat, pat)
	}
	args = append(args, limit)
	rows, err := q.query(ctx, `SELECT id, source_hash, source, target, origin, created_by FROM tm_units
		WHERE source_lang = ? AND target_lang = ? AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY updated_at DESC, id LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TMUnit
	for rows.Next() {
		u := TMUnit{SourceLang: sourceLang, TargetLang: targetLang}
		if err := rows.Scan(&u.ID, &u.SourceHash, &u.Source, &u.Target, &u.Origin, &u.CreatedBy); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// likeEscaper escapes LIKE's wildcards (with '\' as the ESCAPE character).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
