package glossary

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestCheckEditsEqualsCheckEdit checks that the batch check the pipeline
// uses on machine drafts finds, for every text, what CheckEdit finds.
func TestCheckEditsEqualsCheckEdit(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		for _, in := range []Input{
			{Source: "union", Target: "sindicato", Kind: Preferred},
			{Source: "union", Target: "unión", Kind: Forbidden},
			{Source: "Jess Spear", Kind: DoNotTranslate},
		} {
			if _, err := s.Create(ctx, "ed", "en", "es", in); err != nil {
				t.Fatal(err)
			}
		}
		texts := [][2]string{
			{"The union met.", "El sindicato se reunió."},
			{"The union met.", "La unión se reunió."},
			{"Jess Spear spoke.", "Jess Lanza habló."},
			{"Nothing here.", "Nada aquí."},
			{"The union and Jess Spear.", ""},
		}
		for _, pair := range [][2]string{{"en", "es"}, {"en", "pt-BR"}, {"en", "klingon!"}} {
			got, err := s.CheckEdits(ctx, s.st.Queries, pair[0], pair[1], texts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(texts) {
				t.Fatalf("%v: %d results for %d texts", pair, len(got), len(texts))
			}
			found := 0
			for i, st := range texts {
				want, err := s.CheckEdit(ctx, s.st.Queries, pair[0], pair[1], st[0], st[1])
				if err != nil {
					t.Fatal(err)
				}
				found += len(want)
				if diff := cmp.Diff(want, got[i], cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%v text %d (-CheckEdit +CheckEdits):\n%s", pair, i, diff)
				}
			}
			if pair[1] == "es" && found == 0 {
				t.Errorf("en→es: no findings at all; the test checks nothing")
			}
		}
	})
}
