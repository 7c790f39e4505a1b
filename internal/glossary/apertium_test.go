package glossary

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/apertium"
)

// TestGuardApertium runs the installed Apertium (en→es, and en→pt-BR
// through Spanish) with its own name heuristic off, so that what keeps
// "Jess Spear" is the guard: unprotected, Apertium writes "Jess La lanza".
func TestGuardApertium(t *testing.T) {
	if chain, why := translate.DefaultChain(context.Background(), translate.ListApertiumModes); chain[0] != "apertium" {
		testenv.Require(t, "Apertium", why)
	}
	b, err := apertium.New(context.Background(), apertium.Options{KeepNames: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	router := newRouter(t, b)
	src := "Jess Spear said the unions will <1>strike</1> for Nuestra América."
	bare := translateOne(t, router, src)
	if strings.Contains(bare.Text, "Jess Spear") {
		t.Logf("Apertium kept the name by itself this time: %q", bare.Text)
	}
	terms := termList{
		term("spear", DoNotTranslate, "Jess Spear", "", true),
		term("nuestra", DoNotTranslate, "Nuestra América", "", true),
		term("union", Preferred, "union", "sindicato", false),
	}
	for _, to := range []string{"es", "pt-BR"} {
		pt := terms
		if to == "pt-BR" {
			pt = termList{terms[0], terms[1], term("union", Preferred, "union", "sindicato", false)}
		}
		g := NewGuard(router, pt, nil)
		ds, err := g.Translate(context.Background(), translate.Request{From: "en", To: to,
			Segments: []translate.Segment{{ID: "1", Text: src}}})
		if err != nil {
			t.Fatal(err)
		}
		d := ds[0]
		if d.Err != nil {
			t.Fatalf("%s: %v", to, d.Err)
		}
		for _, want := range []string{"Jess Spear", "Nuestra América", "sindicatos"} {
			if !strings.Contains(d.Text, want) {
				t.Errorf("%s draft %q lacks %q", to, d.Text, want)
			}
		}
		t.Logf("%s: %s (unprotected en→es: %s)", to, d.Text, bare.Text)
	}
}
