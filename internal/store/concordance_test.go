package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestConcordanceTM: word containment in source or target, any of the
// words, case-insensitive, LIKE's wildcards taken literally, one pair only.
func TestConcordanceTM(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := mk(t)
			ctx := context.Background()
			units := []struct{ from, to, src, tgt string }{
				{"en", "es", "The Economy grew.", "La economía creció."},
				{"en", "es", "Rain in town.", "Lluvia en la ciudad."},
				{"en", "es", "100% sure_thing", "Seguro al 100%."},
				{"en", "es", "Nothing here.", "Nada aquí."},
				{"en", "pt-BR", "The economy grew.", "A economia cresceu."},
				{"en", "es", "A man died in Évora.", "Un hombre murió en ÉVORA, en el Alentejo."},
			}
			for i, u := range units {
				at := time.Now().UTC().Truncate(time.Second)
				if err := s.InsertTMEntries(ctx, []*store.TMEntry{{SourceLang: u.from, TargetLang: u.to, SourceKey: int64(i),
					Source: u.src, Target: u.tgt, CreatedAt: at, UpdatedAt: at}}); err != nil {
					t.Fatal(err)
				}
			}
			for _, tc := range []struct {
				words []string
				want  []string // sources, sorted
			}{
				{[]string{"economy"}, []string{"The Economy grew."}},
				{[]string{"economy", "ciudad"}, []string{"Rain in town.", "The Economy grew."}},
				{[]string{"economía"}, []string{"The Economy grew."}},
				// Accented capitals fold too (SQLite's LOWER and LIKE fold
				// ASCII only).
				{[]string{"évora"}, []string{"A man died in Évora."}},
				{[]string{"ÉVORA"}, []string{"A man died in Évora."}},
				{[]string{"Évora", "absent"}, []string{"A man died in Évora."}},
				{[]string{"%"}, []string{"100% sure_thing"}},
				{[]string{"_"}, []string{"100% sure_thing"}},
				{[]string{"e_o"}, nil},
				{[]string{"absent"}, nil},
				{nil, nil},
			} {
				got, err := s.ConcordanceTM(ctx, "en", "es", tc.words, 10)
				if err != nil {
					t.Fatal(err)
				}
				var srcs []string
				for _, u := range got {
					srcs = append(srcs, u.Source)
				}
				slices.Sort(srcs)
				if d := cmp.Diff(tc.want, srcs); d != "" {
					t.Errorf("%q (-want +got):\n%s", tc.words, d)
				}
			}
			if got, err := s.ConcordanceTM(ctx, "en", "es", []string{"e"}, 2); err != nil || len(got) != 2 {
				t.Errorf("limit 2: %d units, %v", len(got), err)
			}
		})
	}
}
