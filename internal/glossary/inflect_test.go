package glossary

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEnglishPlurals(t *testing.T) {
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"union", []string{"unions"}},
		{"strike", []string{"strikes"}},
		{"party", []string{"parties"}},
		{"day", []string{"days"}},
		{"tax", []string{"taxes"}},
		{"church", []string{"churches"}},
		{"bus", []string{"buses"}},
		{"veto", []string{"vetoes", "vetos"}},
		{"chief", []string{"chiefs", "chieves"}},
		{"wife", []string{"wives"}},
		{"chairman", []string{"chairmen", "chairmans"}},
		{"human", []string{"humans"}},
		{"child", []string{"children"}},
		{"crisis", []string{"crises"}},
		{"worker", []string{"workers"}},
	} {
		if d := cmp.Diff(tc.want, EnglishPlurals(tc.word)); d != "" {
			t.Errorf("EnglishPlurals(%q) (-want +got):\n%s", tc.word, d)
		}
	}
}

func TestSpanishPlural(t *testing.T) {
	for word, want := range map[string]string{
		"sindicato":   "sindicatos",
		"huelga":      "huelgas",
		"apisonadora": "apisonadoras",
		"trabajador":  "trabajadores",
		"ciudad":      "ciudades",
		"unión":       "uniones",
		"canción":     "canciones",
		"alemán":      "alemanes",
		"inglés":      "ingleses",
		"país":        "países",
		"joven":       "jóvenes",
		"examen":      "exámenes",
		"imagen":      "imágenes",
		"tren":        "trenes",
		"luz":         "luces",
		"raíz":        "raíces",
		"crisis":      "crisis",
		"lunes":       "lunes",
		"mes":         "meses",
		"ley":         "leyes",
		"iraní":       "iraníes",
		"sofá":        "sofás",
		"menú":        "menús",
		"papel":       "papeles",
		"club":        "clubs",
		"primer":      "primeros",
		"ONG":         "ONG",
		"Sindicato":   "Sindicatos",
		"Unión":       "Uniones",
	} {
		if got := SpanishPlural(word); got != want {
			t.Errorf("SpanishPlural(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestPortuguesePlural(t *testing.T) {
	for word, want := range map[string]string{
		"sindicato":      "sindicatos",
		"greve":          "greves",
		"trabalhador":    "trabalhadores",
		"ação":           "ações",
		"sindicalização": "sindicalizações",
		"homem":          "homens",
		"jardim":         "jardins",
		"jornal":         "jornais",
		"papel":          "papéis",
		"nível":          "níveis",
		"farol":          "faróis",
		"azul":           "azuis",
		"funil":          "funis",
		"fóssil":         "fósseis",
		"luz":            "luzes",
		"mulher":         "mulheres",
		"mês":            "meses",
		"inglês":         "ingleses",
		"país":           "países",
		"lápis":          "lápis",
		"ônibus":         "ônibus",
		"irmã":           "irmãs",
		"mal":            "males",
		"hífen":          "hífens",
	} {
		if got := PortuguesePlural(word); got != want {
			t.Errorf("PortuguesePlural(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestPluralPhrase(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"es", "huelga general", "huelgas generales"},
		{"es", "sindicato de trabajadores", "sindicatos de trabajadores"},
		{"es", "Partido Comunista", "Partidos Comunistas"},
		{"pt-BR", "rolo compressor", "rolos compressores"},
		{"pt-BR", "central sindical", "centrais sindicais"},
		{"pt", "ação direta", "ações diretas"},
		{"en", "trade union", "trade unions"},
		{"en", "minister of finance", "ministers of finance"},
		{"fr", "syndicat", "syndicat"},
	} {
		if got := Plural(tc.lang, tc.in); got != tc.want {
			t.Errorf("Plural(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

// TestForms: the forms a target match accepts, for real words.
func TestForms(t *testing.T) {
	for _, tc := range []struct {
		lang, word string
		accepts    []string
		rejects    []string
	}{
		{"es", "apisonadora", []string{"apisonadoras", "apisonador", "apisonadores"}, []string{"apisonadorita"}},
		{"es", "trabajador", []string{"trabajadora", "trabajadores", "trabajadoras"}, []string{"trabajo"}},
		{"es", "obrero", []string{"obrera", "obreros", "obreras"}, []string{"obra"}},
		{"es", "campeón", []string{"campeona", "campeones", "campeonas"}, nil},
		{"es", "presidente", []string{"presidenta", "presidentes", "presidentas"}, nil},
		{"pt", "trabalhador", []string{"trabalhadora", "trabalhadores", "trabalhadoras"}, nil},
		{"pt", "patrão", []string{"patroa", "patrões", "patroas"}, nil},
		{"pt", "cidadão", []string{"cidadã", "cidadãos", "cidadãs"}, nil},
		{"pt", "português", []string{"portuguesa", "portugueses", "portuguesas"}, nil},
		{"pt", "jornal", []string{"jornais"}, []string{"jornals"}},
		{"en", "union", []string{"unions"}, []string{"unionist"}},
	} {
		var got []string
		for _, f := range wordForms(tc.lang, tc.word, false) {
			got = append(got, f.text)
		}
		for _, w := range tc.accepts {
			if !slices.Contains(got, w) {
				t.Errorf("forms of %s %q = %q: missing %q", tc.lang, tc.word, got, w)
			}
		}
		for _, w := range tc.rejects {
			if slices.Contains(got, w) {
				t.Errorf("forms of %s %q = %q: should not have %q", tc.lang, tc.word, got, w)
			}
		}
	}
}
