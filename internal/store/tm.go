package store

import (
	"context"
	"strings"
)

// PutTMUnit adds an approved translation to the memory, replacing an earlier
// translation of the same source text.
func (q *Queries) PutTMUnit(ctx context.Context, u TMUnit) error {
	if u.ID == "" {
		u.ID = NewID("tmu")
	}
	t := now()
	_, err := q.exec(ctx, `INSERT INTO tm_units (id, source_lang, target_lang, source_hash, source, target, origin, created_by, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (source_lang, target_lang, source_hash) DO UPDATE SET target = excluded.target, origin = excluded.origin,
		created_by = excluded.created_by, updated_at = excluded.updated_at`,
		u.ID, u.SourceLang, u.TargetLang, u.SourceHash, u.Source, u.Target, u.Origin, u.CreatedBy, t, t)
	return err
}

// LookupTM returns the memory's translations of the given source hashes for
// a language pair, keyed by hash.
func (q *Queries) LookupTM(ctx context.Context, sourceLang, targetLang string, hashes []string) (map[string]TMUnit, error) {
	out := map[string]TMUnit{}
	for start := 0; start < len(hashes); start += 200 {
		chunk := hashes[start:min(start+200, len(hashes))]
		args := []any{sourceLang, targetLang}
		for _, h := range chunk {
			args = append(args, h)
		}
		rows, err := q.query(ctx, `SELECT id, source_hash, source, target, origin FROM tm_units
			WHERE source_lang = ? AND target_lang = ? AND source_hash IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			u := TMUnit{SourceLang: sourceLang, TargetLang: targetLang}
			if err := rows.Scan(&u.ID, &u.SourceHash, &u.Source, &u.Target, &u.Origin); err != nil {
				rows.Close()
				return nil, err
			}
			out[u.SourceHash] = u
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
