package glossary

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// eachStore runs fn on a fresh SQLite and a fresh PostgreSQL database.
func eachStore(t *testing.T, fn func(t *testing.T, s *Service)) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			url := ""
			if db == "postgres" {
				url = testenv.PostgresURL(t)
			}
			st, err := store.Open(context.Background(), url, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if err := st.Migrate(context.Background(), quiet); err != nil {
				t.Fatal(err)
			}
			fn(t, NewService(st, quiet))
		})
	}
}

func code(err error) string {
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

// view is what tests compare of a term.
type view struct {
	From, To, Source, Target, Kind string
	CS                             bool
	Note                           string
}

func views(ts []Term) []view {
	out := []view{}
	for _, t := range ts {
		out = append(out, view{t.SourceLang, t.TargetLang, t.Source, t.Target, t.Kind, t.CaseSensitive, t.Note})
	}
	slices.SortFunc(out, func(a, b view) int { return strings.Compare(a.Source+a.Kind+a.Target, b.Source+b.Kind+b.Target) })
	return out
}

func TestServiceTerms(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		union, err := s.Create(ctx, "ed", "en", "es", Input{Source: " union ", Target: "sindicato", Kind: Preferred, Note: "not «unión»"})
		if err != nil {
			t.Fatal(err)
		}
		if union.Source != "union" || union.ID == "" {
			t.Errorf("created %+v", union)
		}
		for _, tc := range []struct {
			name       string
			from, to   string
			in         Input
			wantCode   string
			wantStored bool
		}{
			{"same term, other case", "en", "es", Input{Source: "Union", Kind: DoNotTranslate}, "term_exists", false},
			{"forbidden beside preferred", "en", "es", Input{Source: "union", Target: "unión", Kind: Forbidden}, "", true},
			{"same term, other pair", "en", "pt-br", Input{Source: "union", Target: "sindicato", Kind: Preferred}, "", true},
			{"unknown kind", "en", "es", Input{Source: "strike", Target: "huelga", Kind: "favourite"}, "unknown_kind", false},
			{"no kind", "en", "es", Input{Source: "strike", Target: "huelga"}, "missing_field", false},
			{"preferred without target", "en", "es", Input{Source: "strike", Kind: Preferred}, "missing_field", false},
			{"do-not-translate with a translation", "en", "es", Input{Source: "Jess Spear", Target: "Jess Lanza", Kind: DoNotTranslate}, "unexpected_target", false},
			{"bad language", "en", "klingon!", Input{Source: "strike", Target: "huelga", Kind: Preferred}, "invalid_language", false},
			{"same language", "en", "en-GB", Input{Source: "strike", Target: "strike", Kind: Preferred}, "same_language", false},
			{"no letters", "en", "es", Input{Source: "!!!", Kind: DoNotTranslate}, "invalid_term", false},
			{"too long", "en", "es", Input{Source: strings.Repeat("a", 201), Kind: DoNotTranslate}, "too_long", false},
			{"control character", "en", "es", Input{Source: "a\x00b", Kind: DoNotTranslate}, "control_character", false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.Create(ctx, "ed", tc.from, tc.to, tc.in)
				if got := code(err); got != tc.wantCode {
					t.Errorf("code %q, want %q (%v)", got, tc.wantCode, err)
				}
			})
		}
		all, err := s.List(ctx, "en", "es")
		if err != nil {
			t.Fatal(err)
		}
		want := []view{{"en", "es", "union", "unión", Forbidden, false, ""}, {"en", "es", "union", "sindicato", Preferred, false, "not «unión»"}}
		if d := cmp.Diff(want, views(all)); d != "" {
			t.Errorf("en→es terms (-want +got):\n%s", d)
		}
		up, err := s.Update(ctx, union.ID, Input{Source: "trade union", Target: "sindicato", Kind: Preferred})
		if err != nil || up.ID != union.ID || up.Source != "trade union" || !up.UpdatedAt.After(union.UpdatedAt) && up.UpdatedAt != union.UpdatedAt {
			t.Errorf("update: %+v %v", up, err)
		}
		if _, err := s.Update(ctx, "gls_nope", Input{Source: "x", Kind: DoNotTranslate}); code(err) != "term_not_found" {
			t.Errorf("update missing: %v", err)
		}
		if err := s.Delete(ctx, union.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, union.ID); code(err) != "term_not_found" {
			t.Errorf("second delete: %v", err)
		}
	})
}

func TestPairTermsRegional(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		for _, c := range []struct {
			to string
			in Input
		}{
			{"pt", Input{Source: "union", Target: "sindicato", Kind: Preferred}},
			{"pt", Input{Source: "bus", Target: "autocarro", Kind: Preferred}},
			{"pt-BR", Input{Source: "bus", Target: "ônibus", Kind: Preferred}},
			{"es", Input{Source: "bus", Target: "autobús", Kind: Preferred}},
		} {
			if _, err := s.Create(ctx, "ed", "en", c.to, c.in); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.PairTerms(ctx, "en", "pt-BR")
		if err != nil {
			t.Fatal(err)
		}
		want := []view{{"en", "pt-BR", "bus", "ônibus", Preferred, false, ""}, {"en", "pt", "union", "sindicato", Preferred, false, ""}}
		if d := cmp.Diff(want, views(got)); d != "" {
			t.Errorf("en→pt-BR (-want +got):\n%s", d)
		}
	})
}

const sampleCSV = "\ufeffsource,target,kind,case_sensitive,note\n" +
	"union,sindicato,preferred,false,\"labour sense, not «unión»\"\n" +
	"union,unión,forbidden,false,\n" +
	"Jess Spear,,do_not_translate,true,a name\n" +
	"steamroller,apisonadora,,,\n" +
	",gringo,forbidden,false,never\n" +
	"Nuestra América,,,true,\"a slogan\nin Spanish\"\n"

func TestImportExportRoundTrip(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		st, err := s.Import(ctx, "ed", "en", "es", FormatCSV, strings.NewReader(sampleCSV), 0)
		if err != nil {
			t.Fatal(err)
		}
		if st != (ImportStats{Added: 6}) {
			t.Errorf("stats %+v", st)
		}
		first, _ := s.List(ctx, "en", "es")
		// Importing the same file again changes nothing.
		if st, err := s.Import(ctx, "ed", "en", "es", FormatCSV, strings.NewReader(sampleCSV), 0); err != nil || st != (ImportStats{Unchanged: 6}) {
			t.Errorf("re-import: %+v %v", st, err)
		}
		for _, format := range []string{FormatCSV, FormatTBX} {
			t.Run(format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := s.Export(ctx, "en", "es", format, &buf); err != nil {
					t.Fatal(err)
				}
				// Into another pair (an empty glossary), then compare.
				text := strings.ReplaceAll(buf.String(), `xml:lang="es"`, `xml:lang="es-MX"`)
				st, err := s.Import(ctx, "ed", "en", "es-MX", format, strings.NewReader(text), 0)
				if err != nil {
					t.Fatalf("import the export: %v\n%s", err, buf.String())
				}
				if st.Added != len(first) {
					t.Errorf("stats %+v, want %d added", st, len(first))
				}
				again, _ := s.List(ctx, "en", "es-MX")
				w := views(first)
				for i := range w {
					w[i].To = "es-MX"
				}
				if d := cmp.Diff(w, views(again)); d != "" {
					t.Errorf("round trip (-want +got):\n%s\n%s", d, buf.String())
				}
				for _, g := range again {
					if err := s.Delete(ctx, g.ID); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	})
}

const sampleTBX = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="definition">an organised body of workers</descrip>
      <langSet xml:lang="en"><tig><term>union</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
      <langSet xml:lang="es">
        <tig><term>sindicato</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>gremio</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        <tig><term>unión</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="c2">
      <langSet xml:lang="en"><ntig><termGrp><term>Jess Spear</term></termGrp></ntig></langSet>
      <langSet xml:lang="es"><tig><term>Jess Spear</term></tig></langSet>
    </termEntry>
    <termEntry id="c3">
      <langSet xml:lang="en"><tig><term>lonely</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>`

func TestImportTBX(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		st, err := s.Import(ctx, "ed", "en", "es", FormatTBX, strings.NewReader(sampleTBX), 0)
		if err != nil {
			t.Fatal(err)
		}
		if st != (ImportStats{Added: 3, Skipped: 2}) {
			t.Errorf("stats %+v", st)
		}
		got, _ := s.List(ctx, "en", "es")
		want := []view{
			{"en", "es", "Jess Spear", "", DoNotTranslate, true, ""},
			{"en", "es", "union", "unión", Forbidden, false, "an organised body of workers"},
			{"en", "es", "union", "sindicato", Preferred, false, "an organised body of workers"},
		}
		if d := cmp.Diff(want, views(got)); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
	})
}

// TestImportBadInputChangesNothing: each bad file gets a clear error with a
// stable code, and the glossary is as it was — even when the file's first
// entries were good.
func TestImportBadInputChangesNothing(t *testing.T) {
	lol := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><martif><text><body>&lol2;</body></text></martif>`
	good := `<termEntry id="g"><langSet xml:lang="en"><tig><term>strike</term></tig></langSet><langSet xml:lang="es"><tig><term>huelga</term></tig></langSet></termEntry>`
	tbx := func(body string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><martif type="TBX-Basic"><text><body>` + good + body + `</body></text></martif>`
	}
	for _, tc := range []struct {
		name, format, file string
		max                int64
		code               string
	}{
		{"CSV bare quote", FormatCSV, "source,target\nstrike,huelga\nun\"ion,sindicato\n", 0, "malformed_csv"},
		{"CSV wrong field count", FormatCSV, "source,target\nstrike,huelga\nunion\n", 0, "malformed_csv"},
		{"CSV unknown kind", FormatCSV, "source,target,kind\nstrike,huelga,preferred\nunion,sindicato,favourite\n", 0, "unknown_kind"},
		{"CSV unknown column", FormatCSV, "source,translation\nstrike,huelga\n", 0, "unknown_column"},
		{"CSV no source column", FormatCSV, "target,kind\nhuelga,preferred\n", 0, "missing_column"},
		{"CSV empty", FormatCSV, "", 0, "empty_file"},
		{"CSV bad case_sensitive", FormatCSV, "source,target,case_sensitive\nstrike,huelga,perhaps\n", 0, "invalid_case_sensitive"},
		{"CSV invalid UTF-8", FormatCSV, "source,target\nstrike,huelga\nunion,sindicat\xff\n", 0, "invalid_utf8"},
		{"CSV over the size limit", FormatCSV, "source,target\nstrike,huelga\n" + strings.Repeat("word,palabra\n", 1000), 2000, "file_too_large"},
		{"TBX malformed", FormatTBX, tbx(`<termEntry><langSet xml:lang="en"><tig><term>union</tig></langSet></termEntry>`), 0, "malformed_xml"},
		{"TBX entity expansion", FormatTBX, lol, 0, "entities_not_allowed"},
		{"TBX external entity", FormatTBX, tbx(`<termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry>`), 0, "malformed_xml"},
		{"TBX unknown element", FormatTBX, tbx(`<termEntry><langSet xml:lang="en"><tig><term>union</term><script/></tig></langSet></termEntry>`), 0, "unknown_element"},
		{"TBX wrong language", FormatTBX, tbx(`<termEntry><langSet xml:lang="fr"><tig><term>syndicat</term></tig></langSet></termEntry>`), 0, "wrong_language"},
		{"TBX truncated", FormatTBX, tbx("")[:len(tbx(""))-30], 0, "malformed_xml"},
		{"TBX unknown status", FormatTBX, tbx(`<termEntry><langSet xml:lang="en"><tig><term>union</term></tig></langSet><langSet xml:lang="es"><tig><term>sindicato</term><termNote type="administrativeStatus">bestTerm</termNote></tig></langSet></termEntry>`), 0, "unknown_status"},
		{"TBX not TBX", FormatTBX, `<?xml version="1.0"?><tmx version="1.4"><body/></tmx>`, 0, "unknown_element"},
		{"TBX over the size limit", FormatTBX, tbx(strings.Repeat(good, 100)), 1000, "file_too_large"},
		{"TBX target without source", FormatTBX, tbx(`<termEntry><langSet xml:lang="es"><tig><term>sindicato</term></tig></langSet></termEntry>`), 0, "missing_source"},
		{"TBX bad term", FormatTBX, tbx(`<termEntry><langSet xml:lang="en"><tig><term>???</term></tig></langSet><langSet xml:lang="es"><tig><term>x</term></tig></langSet></termEntry>`), 0, "invalid_term"},
		{"unknown format", "docx", "source\nx\n", 0, "unknown_format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, s *Service) {
				ctx := context.Background()
				if _, err := s.Import(ctx, "ed", "en", "es", FormatCSV, strings.NewReader(sampleCSV), 0); err != nil {
					t.Fatal(err)
				}
				before, _ := s.List(ctx, "en", "es")
				_, err := s.Import(ctx, "ed", "en", "es", tc.format, strings.NewReader(tc.file), tc.max)
				if got := code(err); got != tc.code {
					t.Errorf("code %q, want %q (%v)", got, tc.code, err)
				}
				var ge *Error
				if errors.As(err, &ge) && (ge.Message == "" || ge.Kind == nil) {
					t.Errorf("error without message or kind: %+v", ge)
				}
				after, _ := s.List(ctx, "en", "es")
				if d := cmp.Diff(views(before), views(after)); d != "" {
					t.Errorf("a failed import changed the glossary (-before +after):\n%s", d)
				}
			})
		})
	}
}

// TestImportSpreadsheetSeparators: a CSV file saved by a spreadsheet in a
// Spanish or Portuguese locale separates fields with ";" (and some export
// tabs); it imports as the comma file does (it was refused: unknown column
// "source;target;…").
func TestImportSpreadsheetSeparators(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		if _, err := s.Import(ctx, "ed", "en", "es", FormatCSV, strings.NewReader(sampleCSV), 0); err != nil {
			t.Fatal(err)
		}
		want, _ := s.List(ctx, "en", "es")
		for i, sep := range []string{";", "\t"} {
			to := []string{"es-MX", "es-AR"}[i]
			// The sample with its separators swapped: commas inside quoted
			// fields stay, and a field may hold the new separator quoted.
			text := strings.NewReplacer(",\"labour sense, not «unión»\"", sep+"\"labour sense, not «unión»\"", ",", sep).Replace(sampleCSV)
			st, err := s.Import(ctx, "ed", "en", to, FormatCSV, strings.NewReader(text), 0)
			if err != nil {
				t.Fatalf("separator %q: %v", sep, err)
			}
			if st.Added != len(want) {
				t.Errorf("separator %q: stats %+v, want %d added", sep, st, len(want))
			}
			got, _ := s.List(ctx, "en", to)
			w := views(want)
			for i := range w {
				w[i].To = to
			}
			if d := cmp.Diff(w, views(got)); d != "" {
				t.Errorf("separator %q (-want +got):\n%s", sep, d)
			}
		}
	})
}
