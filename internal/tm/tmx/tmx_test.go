package tmx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/tm/tmx"
)

func open(t *testing.T, url, dir string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return s
}

var when = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

// entries are approved work with everything an entry can carry: context,
// inline codes, escapes, provenance.
var entries = []tm.Entry{
	{SourceLang: "en", TargetLang: "es", Source: "Dock workers voted to <1>continue</1> the strike.",
		Target: "Los estibadores votaron a favor de <1>continuar</1> la huelga.", Prev: "The port of Santos was closed on Monday.",
		Next: "The union will meet again on Friday.", ArticleID: "art_01", SegmentID: "seg_01", Origin: "apertium",
		CreatedBy: "usr_ana", UpdatedBy: "usr_eva", CreatedAt: when, UpdatedAt: when.Add(time.Hour)},
	{SourceLang: "en", TargetLang: "es", Source: "Profits &amp; losses: see <2/> and <3>the <4>report</4></3>.",
		Target: "Ganancias &amp; pérdidas: vea <2/> y <3>el <4>informe</4></3>.", CreatedBy: "usr_ana", CreatedAt: when, UpdatedAt: when},
	{SourceLang: "en", TargetLang: "es", Source: "“Nuestra América” is a slogan, not a name.",
		Target: "«Nuestra América» es un lema, no un nombre.", CreatedBy: "usr_ana", CreatedAt: when, UpdatedAt: when},
}

func put(t *testing.T, st *store.Store, es ...tm.Entry) {
	t.Helper()
	m := tm.New(st, tm.Config{})
	if err := st.InTx(context.Background(), func(q *store.Queries) error { return m.Put(context.Background(), q, es) }); err != nil {
		t.Fatal(err)
	}
}

func all(t *testing.T, st *store.Store, from, to string) []tm.Entry {
	t.Helper()
	var out []tm.Entry
	if err := st.EachTMEntry(context.Background(), from, to, func(e store.TMEntry) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func export(t *testing.T, st *store.Store, from, to string) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := tmx.Export(context.Background(), st, &b, from, to, "test"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoundTrip exports a memory and imports the file into an empty one,
// on SQLite and PostgreSQL: the entries are the same.
func TestRoundTrip(t *testing.T) {
	src := open(t, "", t.TempDir())
	put(t, src, entries...)
	file := export(t, src, "en", "es")
	for name, dst := range map[string]func(t *testing.T) *store.Store{
		"sqlite":   func(t *testing.T) *store.Store { return open(t, "", t.TempDir()) },
		"postgres": func(t *testing.T) *store.Store { return open(t, testenv.PostgresURL(t), "") },
	} {
		t.Run(name, func(t *testing.T) {
			st := dst(t)
			stats, err := tmx.Import(context.Background(), st, tm.New(st, tm.Config{}), bytes.NewReader(file), tmx.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if stats != (tmx.Stats{Units: 3, Entries: 3}) {
				t.Errorf("stats %+v", stats)
			}
			ignore := cmpopts.IgnoreFields(store.TMEntry{}, "ID")
			if d := cmp.Diff(all(t, src, "en", "es"), all(t, st, "en", "es"), ignore); d != "" {
				t.Errorf("entries after the round trip (-exported +imported):\n%s", d)
			}
			// And the imported memory answers lookups.
			res, err := tm.New(st, tm.Config{}).Lookup(context.Background(), "en", "es", []tm.Query{{Source: "Dock workers voted to <1>end</1> the strike."}}, 3)
			if err != nil || len(res[0]) != 1 || res[0][0].Kind != tm.KindFuzzy {
				t.Errorf("lookup after import: %+v %v", res, err)
			}
		})
	}
}

// schemas finds ../shared/schemas from the repository root, as CI lays it
// out (or /work/shared).
func schemas(t *testing.T) string {
	for _, dir := range []string{filepath.Join(testenv.RepoRoot(), "..", "shared", "schemas"), "/work/shared/schemas"} {
		if _, err := os.Stat(filepath.Join(dir, "tmx-1.4", "tmx14.dtd")); err == nil {
			return dir
		}
	}
	testenv.Require(t, "the TMX DTD (../shared/schemas/tmx-1.4)", "run from a checkout beside shared/")
	return ""
}

// TestExportValidates checks an export against the TMX 1.4 DTD with
// xmllint, offline.
func TestExportValidates(t *testing.T) {
	dir := filepath.Join(schemas(t), "tmx-1.4")
	if _, err := exec.LookPath("xmllint"); err != nil {
		testenv.Require(t, "xmllint", "apt-get install libxml2-utils")
	}
	st := open(t, "", t.TempDir())
	put(t, st, entries...)
	path := filepath.Join(t.TempDir(), "export.tmx")
	if err := os.WriteFile(path, export(t, st, "en", "es"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--nonet", "--noout", "--path", dir, "--dtdvalid", filepath.Join(dir, "tmx14.dtd"), path).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
	// And a broken file does not pass, so the check can fail.
	bad := bytes.Replace(export(t, st, "en", "es"), []byte("<seg>"), []byte("<seg><b>"), 1)
	bad = bytes.Replace(bad, []byte("</seg>"), []byte("</b></seg>"), 1)
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("xmllint", "--nonet", "--noout", "--path", dir, "--dtdvalid", filepath.Join(dir, "tmx14.dtd"), path).CombinedOutput(); err == nil {
		t.Errorf("xmllint accepted an invalid file:\n%s", out)
	}
}

// TestTranslateToolkitReads has translate-toolkit, as a CAT pipeline uses
// it, read an export: every unit, in order, with its text.
func TestTranslateToolkitReads(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "from translate.storage import tmx").Run(); err != nil {
		testenv.Require(t, "translate-toolkit", "apt-get install translate-toolkit")
	}
	st := open(t, "", t.TempDir())
	put(t, st, entries...)
	path := filepath.Join(t.TempDir(), "export.tmx")
	if err := os.WriteFile(path, export(t, st, "en", "es"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
from translate.storage import tmx
store = tmx.tmxfile.parsefile(sys.argv[1])
print(json.dumps([[u.source, u.target] for u in store.units]))
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("translate-toolkit: %v", err)
	}
	var got [][2]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// translate-toolkit shows inline codes by their content; without them
	// the text is ours.
	strip := func(s string) string {
		for _, c := range []string{"<1>", "</1>", "<2/>", "<3>", "</3>", "<4>", "</4>"} {
			s = strings.ReplaceAll(s, c, "")
		}
		return s
	}
	var want, have [][2]string
	for i, e := range entries {
		want = append(want, [2]string{inline.Plain(e.Source), inline.Plain(e.Target)})
		if i < len(got) {
			have = append(have, [2]string{strip(got[i][0]), strip(got[i][1])})
		}
	}
	if d := cmp.Diff(want, have); d != "" {
		t.Errorf("units as translate-toolkit reads them (-want +got):\n%s", d)
	}
}

// TestInlineCodes reads codes as other tools write them: bpt/ept paired
// by i and linked across languages by x, ph, it and ut standalone, hi
// transparent, sub ignored.
func TestInlineCodes(t *testing.T) {
	file := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT" adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="EN-US"><seg>Read <bpt i="1" x="1">&lt;a href="x"&gt;</bpt>the <hi>full</hi> report<ept i="1">&lt;/a&gt;</ept><ph x="2">&lt;br/&gt;</ph> now.</seg></tuv>
<tuv xml:lang="PT-BR"><seg><ph x="2">&lt;br/&gt;</ph>Leia <bpt i="7" x="1">&lt;a href="x"&gt;<sub>alt</sub></bpt>o relatório completo<ept i="7">&lt;/a&gt;</ept> agora.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg><it pos="begin" x="3">&lt;b&gt;</it>Breaking</seg></tuv><tuv xml:lang="pt-BR"><seg><it pos="begin" x="3">&lt;b&gt;</it>Urgente</seg></tuv></tu>
</body></tmx>`
	rd, err := tmx.NewReader(strings.NewReader(file), tmx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][3]string
	for {
		es, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			got = append(got, [3]string{e.SourceLang + "→" + e.TargetLang, e.Source, e.Target})
		}
	}
	want := [][3]string{
		{"en-US→pt-BR", "Read <1>the full report</1><2/> now.", "<2/>Leia <1>o relatório completo</1> agora."},
		{"en-US→pt-BR", "<3/>Breaking", "<3/>Urgente"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("entries (-want +got):\n%s", d)
	}
}

// TestRegionalVariants: a file in en-US and es-ES (as OmegaT and Trados
// write them) goes into the en→es memory when asked for en and es, and
// keeps its own tags when nothing is asked.
func TestRegionalVariants(t *testing.T) {
	file := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="3.6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="EN-US"><seg>The council approved the budget on Tuesday.</seg></tuv><tuv xml:lang="ES-ES"><seg>El ayuntamiento aprobó el presupuesto el martes.</seg></tuv></tu>
<tu srclang="en-US"><tuv xml:lang="en-US"><seg>Fares fall on Monday.</seg></tuv><tuv xml:lang="es-ES"><seg>Los billetes bajan el lunes.</seg></tuv></tu>
</body></tmx>`
	for _, tc := range []struct {
		name string
		opts tmx.Options
		want []string // pairs of the entries
		err  string
	}{
		{name: "as the file says", want: []string{"en-US→es-ES", "en-US→es-ES"}},
		{name: "into en→es", opts: tmx.Options{From: "en", To: "es"}, want: []string{"en→es", "en→es"}},
		{name: "into en-US→es", opts: tmx.Options{From: "en-US", To: "es"}, want: []string{"en-US→es", "en-US→es"}},
		{name: "another region", opts: tmx.Options{From: "en-GB"}, err: "source language is en-US, not en-GB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := tmx.NewReader(strings.NewReader(file), tc.opts)
			var got []string
			for err == nil {
				var es []tm.Entry
				if es, err = rd.Next(); err == nil {
					for _, e := range es {
						got = append(got, e.SourceLang+"→"+e.TargetLang)
					}
				}
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("pairs (-want +got):\n%s", d)
			}
		})
	}
}

// TestBadFiles: every kind of bad file is refused with a clear error, and
// the memory keeps exactly what it had.
func TestBadFiles(t *testing.T) {
	good := string(export(t, func() *store.Store { s := open(t, "", t.TempDir()); put(t, s, entries...); return s }(), "en", "es"))
	for _, tc := range []struct {
		name, file string
		opts       tmx.Options
		want       string // in the error message
		tooLarge   bool
	}{
		{name: "malformed XML", file: strings.Replace(good, "</seg>", "</sag>", 1), want: "malformed XML"},
		{name: "not XML", file: "hello, world", want: "unexpected text"},
		{name: "billion laughs", file: `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
			`<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&lol2;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>`,
			want: "entity declarations are not allowed"},
		{name: "external entity", file: `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
			`<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>`,
			want: "entity declarations are not allowed"},
		{name: "undeclared entity", file: strings.Replace(good, "Nuestra América", "&nbsp;", 1), want: "malformed XML"},
		{name: "unknown element", file: strings.Replace(good, "<prop ", "<script>x</script><prop ", 1), want: "unexpected <script>"},
		{name: "unknown inline element", file: strings.Replace(good, "<seg>", "<seg><b>", 1), want: "unexpected <b>"},
		{name: "wrong source language", file: good, opts: tmx.Options{From: "fr"}, want: "source language is en, not fr"},
		{name: "wrong target language", file: good, opts: tmx.Options{To: "pt-BR"}, want: "no variant in pt-BR"},
		{name: "not a language tag", file: strings.Replace(good, `xml:lang="es"`, `xml:lang="spanish!"`, 1), want: "not a language tag"},
		{name: "unit without its source", file: strings.Replace(good, `xml:lang="en"`, `xml:lang="fr"`, 1), want: "no variant in the source language en"},
		{name: "codes that do not pair", file: strings.Replace(good, `<ept i="1">&lt;/1&gt;</ept> la huelga`, ` la huelga`, 1), want: "has no <ept>"},
		{name: "codes that differ between languages", file: strings.Replace(good, `<ph x="2">&lt;2/&gt;</ph> y`, ` y`, 1), want: "inline codes do not match"},
		{name: "truncated", file: good[:len(good)/2], want: "truncated"},
		{name: "truncated after body", file: strings.TrimSuffix(strings.TrimSpace(good), "</tmx>"), want: "truncated"},
		{name: "empty", file: "", want: "truncated"},
		{name: "over the size limit", file: good, opts: tmx.Options{MaxBytes: int64(len(good) / 2)}, tooLarge: true},
		{name: "an empty translation", file: strings.Replace(good, "«Nuestra América» es un lema, no un nombre.", " ", 1), want: "needs a source and a target text"},
		{name: "bad date", file: strings.Replace(good, `creationdate="2025`, `creationdate="yesterday`, 1), want: "creationdate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t, "", t.TempDir())
			before := []tm.Entry{{SourceLang: "en", TargetLang: "es", Source: "Dock workers voted to <1>continue</1> the strike.",
				Target: "LO QUE HABÍA <1>antes</1>.", CreatedBy: "usr_old", CreatedAt: when, UpdatedAt: when}}
			put(t, st, before...)
			want := all(t, st, "en", "es")
			_, err := tmx.Import(context.Background(), st, tm.New(st, tm.Config{}), strings.NewReader(tc.file), tmx.ImportOptions{Options: tc.opts})
			switch {
			case tc.tooLarge:
				if !errors.Is(err, tmx.ErrTooLarge) {
					t.Errorf("error %v, want ErrTooLarge", err)
				}
			case !errors.Is(err, tmx.ErrInvalid) || !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %v, want ErrInvalid saying %q", err, tc.want)
			}
			if d := cmp.Diff(want, all(t, st, "en", "es")); d != "" {
				t.Errorf("the memory changed (-before +after):\n%s", d)
			}
		})
	}
}

// TestImportFromStream imports from a reader that cannot seek, as a request
// body is: the file is spooled for its second reading, and a bad one still
// changes nothing.
func TestImportFromStream(t *testing.T) {
	src := open(t, "", t.TempDir())
	put(t, src, entries...)
	file := export(t, src, "en", "es")
	st := open(t, "", t.TempDir())
	m := tm.New(st, tm.Config{})
	var progress []int64
	stats, err := tmx.Import(context.Background(), st, m, struct{ io.Reader }{bytes.NewReader(file)},
		tmx.ImportOptions{Progress: func(n int64, _ int) { progress = append(progress, n) }})
	if err != nil || stats != (tmx.Stats{Units: 3, Entries: 3}) {
		t.Fatalf("import: %+v %v", stats, err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != 2*int64(len(file)) {
		t.Errorf("progress %v, want it to end at twice the file's %d bytes", progress, len(file))
	}
	bad := bytes.Replace(file, []byte("</tmx>"), nil, 1)
	if _, err := tmx.Import(context.Background(), st, m, struct{ io.Reader }{bytes.NewReader(bad)}, tmx.ImportOptions{}); !errors.Is(err, tmx.ErrInvalid) {
		t.Errorf("truncated stream: %v", err)
	}
	if n := len(all(t, st, "en", "es")); n != 3 {
		t.Errorf("%d entries after the refused file, want 3", n)
	}
}
