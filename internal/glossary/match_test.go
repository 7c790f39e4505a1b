package glossary

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func term(id, kind, source, target string, cs bool) Term {
	return Term{ID: id, SourceLang: "en", TargetLang: "es", Kind: kind, Source: source, Target: target, CaseSensitive: cs}
}

// hitView is what a test compares of a Hit.
type hitView struct {
	ID, Text, Suffix string
	Plural           bool
}

func hits(m *Matcher, text string) []hitView {
	var out []hitView
	for _, h := range m.Hits(text) {
		if text[h.Start:h.End] != h.Text {
			panic("offsets do not match text")
		}
		out = append(out, hitView{h.Term.ID, h.Text, h.Suffix, h.Plural})
	}
	return out
}

func TestHitsEnglishSource(t *testing.T) {
	m := NewMatcher("en", "es", []Term{
		term("union", Preferred, "union", "sindicato", false),
		term("strike", Preferred, "strike", "huelga", false),
		term("general-strike", Preferred, "general strike", "huelga general", false),
		term("spear", DoNotTranslate, "Jess Spear", "", true),
		term("dock", Preferred, "dock worker", "estibador", false),
		term("party", Preferred, "party", "partido", false),
		term("us", DoNotTranslate, "U.S.", "", true),
	})
	for _, tc := range []struct {
		text string
		want []hitView
	}{
		{"The union voted.", []hitView{{"union", "union", "", false}}},
		{"Unions voted.", []hitView{{"union", "Unions", "", true}}},
		{"The union's leaders and the unions' members.", []hitView{{"union", "union", "'s", false}, {"union", "unions", "", true}}},
		{"The union’s leaders.", []hitView{{"union", "union", "’s", false}}},
		{"Strikes and a strike.", []hitView{{"strike", "Strikes", "", true}, {"strike", "strike", "", false}}},
		// The longest term wins where two start at the same word.
		{"A general strike began.", []hitView{{"general-strike", "general strike", "", false}}},
		{"Two general strikes began.", []hitView{{"general-strike", "general strikes", "", true}}},
		{"Dock workers voted.", []hitView{{"dock", "Dock workers", "", true}}},
		{"Jess Spear spoke; Jess Spear's campaign grew.", []hitView{{"spear", "Jess Spear", "", false}, {"spear", "Jess Spear", "'s", false}}},
		{"The parties met.", []hitView{{"party", "parties", "", true}}},
		{"The U.S. Navy.", []hitView{{"us", "U.S", "", false}}},
		// Near misses that must not match.
		{"The unionist and the reunion.", nil},
		{"Jess Spears and jess spear and a spear.", nil}, // names take no plural; case-sensitive
		{"The strike-breakers.", []hitView{{"strike", "strike", "", false}}},
		{"The general, strike!", []hitView{{"strike", "strike", "", false}}}, // a comma breaks "general strike"
		{"Dockworkers.", nil},
		{"", nil},
	} {
		if d := cmp.Diff(tc.want, hits(m, tc.text)); d != "" {
			t.Errorf("Hits(%q) (-want +got):\n%s", tc.text, d)
		}
	}
}

func TestHitsSameSpanAllKinds(t *testing.T) {
	m := NewMatcher("en", "es", []Term{
		term("bad", Forbidden, "union", "unión", false),
		term("good", Preferred, "union", "sindicato", false),
	})
	got := hits(m, "The union.")
	want := []hitView{{"good", "union", "", false}, {"bad", "union", "", false}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestHitsSpanishSource(t *testing.T) {
	m := NewMatcher("es", "pt-BR", []Term{
		{ID: "t", SourceLang: "es", TargetLang: "pt-BR", Kind: Preferred, Source: "trabajador", Target: "trabalhador"},
	})
	got := hits(m, "Las trabajadoras y los trabajadores.")
	want := []hitView{{"t", "trabajadoras", "", true}, {"t", "trabajadores", "", true}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestFindTarget(t *testing.T) {
	for _, tc := range []struct {
		lang, target, text string
		want               string
	}{
		{"es", "apisonadora", "Las apisonadoras del imperio.", "apisonadoras"},
		{"es", "trabajador", "La trabajadora habló.", "trabajadora"},
		{"es", "trabajador", "Los Trabajadores votaron.", "Trabajadores"},
		{"es", "huelga general", "Dos huelgas generales.", "huelgas generales"},
		{"es", "unión", "La Union Europea.", "Union"}, // accents do not matter
		{"pt-BR", "sindicalização", "As sindicalizações cresceram.", "sindicalizações"},
		{"pt-BR", "jornal", "Os jornais.", "jornais"},
		{"pt-BR", "trabalhador", "As trabalhadoras.", "trabalhadoras"},
		{"es", "sindicato", "El sindicalismo.", ""},
		{"es", "huelga general", "La huelga fue general.", ""},
	} {
		p := compile(tc.lang, tc.target, false, false)
		got, _ := find(p, tc.text)
		if got != tc.want {
			t.Errorf("find %s %q in %q = %q, want %q", tc.lang, tc.target, tc.text, got, tc.want)
		}
	}
}
