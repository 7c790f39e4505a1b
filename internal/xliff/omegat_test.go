package xliff_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// TestOmegaTSegment checks the segment form against what OmegaT 3.6 made
// of the same units (console-createpseudotranslatetmx on a 1.2 file with
// these codes, recorded here).
func TestOmegaTSegment(t *testing.T) {
	for _, tc := range []struct {
		source, target string
		wantSrc        string
		wantTgt        string
		ok             bool
	}{
		{"<3/>Lead then <1>mid</1> end.", "<3/>Primero <1>medio</1> fin.", "Lead then <g0>mid</g0> end.", "Primero <g0>medio</g0> fin.", true},
		{"<1>Whole sentence</1>", "<1>Frase entera</1>", "Whole sentence", "Frase entera", true},
		{"<1>Start</1> of sentence.", "<1>Inicio</1> de frase.", "<g0>Start</g0> of sentence.", "<g0>Inicio</g0> de frase.", true},
		{"Mid <2>one</2> and <4/> two <1>three</1>.", "Medio <1>tres</1> y <4/> dos <2>uno</2>.", "Mid <g0>one</g0> and <x1/> two <g2>three</g2>.",
			"Medio <g2>tres</g2> y <x1/> dos <g0>uno</g0>.", true},
		{"Run <5>make", "Ejecute <5>make", "Run <b0/>make", "Ejecute <b0/>make", true},
		{"End <1>here</1>", "Fin <1>aquí</1>", "End <g0>here</g0>", "Fin <g0>aquí</g0>", true},
		{"Close </2>it <1>now</1>.", "Cierre </2>lo <1>ya</1>.", "Close <e0/>it <g1>now</g1>.", "Cierre <e0/>lo <g1>ya</g1>.", true},
		{"<1><2>Double</2></1> wrap.", "<1><2>Doble</2></1> envoltura.", "<g0><g1>Double</g1></g0> wrap.", "<g0><g1>Doble</g1></g0> envoltura.", true},
		{"Tab\tand  two spaces.", "Tab y  dos.", "Tab and two spaces.", "Tab y dos.", true},
		{"Read <1>the report</1> now.<2/>", "Lee <1>el informe</1> ya.<2/>", "Read <g0>the report</g0> now.", "Lee <g0>el informe</g0> ya.", true},
		{"A &lt;b&gt; &amp; c.", "Una &lt;b&gt; &amp; c.", "A <b> & c.", "Una <b> & c.", true},
		{"See <1>this</1>.", "Vea <2/>.", "", "", false},
		{"See <1>this</1>.", "Vea <1/>.", "", "", false},
	} {
		src, tgt, ok := xliff.OmegaTSegment(tc.source, tc.target)
		if diff := cmp.Diff([]any{tc.wantSrc, tc.wantTgt, tc.ok}, []any{src, tgt, ok}); diff != "" && (ok || tc.ok) {
			t.Errorf("OmegaTSegment(%q, %q) (-want +got):\n%s", tc.source, tc.target, diff)
		}
	}
}
