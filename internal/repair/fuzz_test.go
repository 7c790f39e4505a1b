package repair_test

import (
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/repair"
)

// FuzzDraft: a repair never panics, never breaks well-formed tags, and
// returns the draft unchanged when it makes no note.
func FuzzDraft(f *testing.F) {
	for _, s := range [][2]string{
		{"What made it so easy?", "Qué hecho lo tan fácil?"},
		{"23 US soldiers.", "23 soldados de EE.UU.."},
		{"a non-Western league", "una liganoOccidental"},
		{"a “total and complete” blockade", "un “bloqueo total y” completo"},
		{"over 3,000 dead and 4.5 months", "encima 3,000 muerto y 4.5 meses"},
		{"Read <1>“the report”</1> now?", "Lea <1>“el informe”</1> ahora?"},
		{"Luis, are you coming?", "Luis, vienes?"},
	} {
		f.Add("es", s[0], s[1])
		f.Add("pt-BR", s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, to, src, tgt string) {
		out, notes := repair.Draft("en", to, src, tgt)
		if len(notes) == 0 && out != tgt {
			t.Fatalf("changed %q to %q without a note", tgt, out)
		}
		if inline.Check(src, tgt) == nil {
			if err := inline.Check(src, out); err != nil {
				t.Fatalf("repair broke the tags: %q → %q: %v", tgt, out, err)
			}
		}
	})
}
