package store

import (
	"context"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestMemoryCarriedOver migrates a database that has translations in the
// first memory table (tm_units, migration 00001) to 00010: they become
// entries waiting to be indexed, nothing is lost.
func TestMemoryCarriedOver(t *testing.T) {
	for name, url := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return "" },
		"postgres": func(t *testing.T) string { return testenv.PostgresURL(t) },
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, url(t), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			fsys, err := migrations(s.dialect)
			if err != nil {
				t.Fatal(err)
			}
			dialect := goose.DialectSQLite3
			if s.dialect == Postgres {
				dialect = goose.DialectPostgres
			}
			p, err := goose.NewProvider(dialect, s.db, fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 2); err != nil {
				t.Fatal(err)
			}
			at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
			for i, src := range []string{"The port is closed.", "Ships wait offshore."} {
				if _, err := s.exec(ctx, `INSERT INTO tm_units (id, source_lang, target_lang, source_hash, source, target, origin, created_by, created_at, updated_at)
					VALUES (?, 'en', 'es', ?, ?, ?, 'human', 'usr_ana', ?, ?)`, NewID("tmu"), src, src, "ES "+src, at, at.Add(time.Duration(i)*time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := p.Up(ctx); err != nil {
				t.Fatal(err)
			}
			es, err := s.UnindexedTMEntries(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			bySource := map[string]TMEntry{}
			for _, e := range es {
				bySource[e.Source] = e
			}
			port, ships := bySource["The port is closed."], bySource["Ships wait offshore."]
			if len(es) != 2 || port.Target != "ES The port is closed." || port.CreatedBy != "usr_ana" || port.Origin != "human" ||
				!port.CreatedAt.Equal(at) || !ships.UpdatedAt.Equal(at.Add(time.Hour)) || ships.Target != "ES Ships wait offshore." {
				t.Errorf("carried-over entries: %+v", es)
			}
		})
	}
}
