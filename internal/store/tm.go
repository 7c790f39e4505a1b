package store

import "context"

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
