package omegat_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/omegat"
	"github.com/pressroom-dev/pressroom/internal/omegat/omegattest"
	"github.com/pressroom-dev/pressroom/internal/schematest"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

var created = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// edition has units the memory covers (plain, with a link and a trailing
// line break, wrapped whole in emphasis, with a leading image), one done
// by a person, and ones nothing covers.
func edition() xliff.Doc {
	link := inline.Tag{ID: 1, Name: "a", Attrs: map[string]string{"href": "https://example.com/r"}, Paired: true}
	br := inline.Tag{ID: 2, Name: "br"}
	em := inline.Tag{ID: 3, Name: "em", Paired: true}
	img := inline.Tag{ID: 4, Name: "img", Attrs: map[string]string{"src": "/m.png"}}
	return xliff.Doc{EditionID: "edn_1", ArticleID: "art_1", Revision: 1, SourceLang: "en", TargetLang: "es", OmegaT: true, ExportedAt: created,
		Units: []xliff.Unit{
			{ID: "seg_plain", Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "The port is closed.", Target: "El puerto es cerrado."},
			{ID: "seg_link", Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "Read <1>the report</1> now.<2/>", Target: "Leer <1>el informe</1> ahora.<2/>", Tags: []inline.Tag{link, br}},
			{ID: "seg_whole", Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "<3>Breaking news</3>", Target: "<3>Noticias rompiendo</3>", Tags: []inline.Tag{em}},
			{ID: "seg_img", Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "<4/>The map shows the route.", Target: "<4/>El mapa muestra la ruta.", Tags: []inline.Tag{img}},
			{ID: "seg_done", Version: 4, Status: xliff.Edited, Origin: "human", Source: "Talks resume on Monday.", Target: "Las conversaciones se reanudan el lunes."},
			{ID: "seg_new", Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "Nobody knows why.", Target: "Nadie sabe por qué."},
			{ID: "seg_pending", Version: 1, Status: xliff.Pending, Source: "Ships wait offshore."},
			{ID: "seg_done_again", Version: 3, Status: xliff.Approved, Origin: "human", Source: "Talks resume on Monday.", Target: "El lunes se retoman las conversaciones."},
			{ID: "seg_same_draft", Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "Talks resume on Monday.", Target: "Charlas reanudan en lunes."},
		}}
}

func project(t *testing.T) (omegat.Project, []byte) {
	t.Helper()
	d := edition()
	var x bytes.Buffer
	if err := xliff.Write(&x, d, xliff.V12); err != nil {
		t.Fatal(err)
	}
	p := omegat.Project{Name: "port-strike-es", SourceLang: "en", TargetLang: "es", XLIFFName: "port-strike-es.xlf", XLIFF: x.Bytes(), Created: created,
		Memory: []omegat.Pair{
			{Source: "The port is closed.", Target: "El puerto está cerrado."},
			{Source: "Read <1>the report</1> now.<2/>", Target: "Lea <1>el informe</1> ya.<2/>"},
			{Source: "<3>Breaking news</3>", Target: "<3>Última hora</3>"},
			{Source: "<4/>The map shows the route.", Target: "<4/>El mapa muestra la ruta marítima."},
			{Source: "Unrelated sentence.", Target: "Frase sin relación."},
		},
		Drafts: []omegat.Pair{{Source: "Nobody knows why.", Target: "Nadie sabe por qué.", Origin: "apertium"}},
		Done: []omegat.Pair{
			{Source: "Talks resume on Monday.", Target: "Las conversaciones se reanudan el lunes.",
				Context: &omegat.Context{File: "port-strike-es.xlf", Prev: "<4/>The map shows the route.", Next: "Nobody knows why."}},
			{Source: "Talks resume on Monday.", Target: "El lunes se retoman las conversaciones.",
				Context: &omegat.Context{File: "port-strike-es.xlf", Prev: "Ships wait offshore.", Next: "Talks resume on Monday."}},
		},
		Glossary: []omegat.Term{{Source: "port", Target: "puerto", Note: "not\t\"porto\""}, {Source: "strike", Target: "huelga"}},
	}
	var z bytes.Buffer
	if err := omegat.Write(&z, p); err != nil {
		t.Fatal(err)
	}
	return p, z.Bytes()
}

func files(t *testing.T, pkg []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// TestPackageLayout checks the folders and files an OmegaT project needs,
// the TMX files against the TMX 1.4 DTD and the glossary's format.
func TestPackageLayout(t *testing.T) {
	_, pkg := project(t)
	got := files(t, pkg)
	for _, name := range []string{"port-strike-es/", "port-strike-es/source/", "port-strike-es/target/", "port-strike-es/tm/auto/",
		"port-strike-es/glossary/", "port-strike-es/omegat/", "port-strike-es/omegat.project", "port-strike-es/source/port-strike-es.xlf",
		"port-strike-es/tm/auto/pressroom-memory.tmx", "port-strike-es/tm/pressroom-suggestions.tmx", "port-strike-es/omegat/project_save.tmx",
		"port-strike-es/glossary/glossary.txt"} {
		if _, ok := got[name]; !ok {
			t.Errorf("the package lacks %s", name)
		}
	}
	proj := got["port-strike-es/omegat.project"]
	for _, want := range []string{"<source_lang>en</source_lang>", "<target_lang>es</target_lang>", "<sentence_seg>false</sentence_seg>"} {
		if !strings.Contains(proj, want) {
			t.Errorf("omegat.project lacks %s:\n%s", want, proj)
		}
	}
	for _, name := range []string{"tm/auto/pressroom-memory.tmx", "tm/pressroom-suggestions.tmx", "omegat/project_save.tmx"} {
		schematest.TMX(t, []byte(got["port-strike-es/"+name]))
	}
	mem := got["port-strike-es/tm/auto/pressroom-memory.tmx"]
	if !strings.Contains(mem, `<seg>Read &lt;g0&gt;the report&lt;/g0&gt; now.</seg></tuv><tuv xml:lang="es"><seg>Lea &lt;g0&gt;el informe&lt;/g0&gt; ya.</seg>`) {
		t.Errorf("the memory does not carry the tagged sentence in OmegaT's form:\n%s", mem)
	}
	if d := cmp.Diff("port\tpuerto\tnot \"porto\"\nstrike\thuelga\n", got["port-strike-es/glossary/glossary.txt"]); d != "" {
		t.Errorf("glossary (-want +got):\n%s", d)
	}
	if g := omegat.GlossaryFile(nil); len(g) != 0 {
		t.Errorf("an empty glossary is %q", g)
	}
	schematest.XLIFF12(t, []byte(got["port-strike-es/source/port-strike-es.xlf"]))
}

// TestOmegaTFillsFromMemory runs OmegaT (Debian's 3.6, headless) over the
// package: the units the memory covers get its translations, tags in
// place; the unit done by a person keeps its translation; the rest stay
// equal to their source; ids, order and states are kept.
func TestOmegaTFillsFromMemory(t *testing.T) {
	_, pkg := project(t)
	out := omegattest.Translate(t, pkg)
	raw, ok := out["port-strike-es.xlf"]
	if !ok {
		t.Fatalf("OmegaT wrote %v, not port-strike-es.xlf", keys(out))
	}
	f, err := xliff.Parse(raw)
	if err != nil {
		t.Fatalf("read OmegaT's file: %v\n%s", err, raw)
	}
	want := map[string]string{
		"seg_plain":   "El puerto está cerrado.",
		"seg_link":    "Lea <1>el informe</1> ya.<2/>",
		"seg_whole":   "<3>Última hora</3>",
		"seg_img":     "<4/>El mapa muestra la ruta marítima.",
		"seg_done":    "Las conversaciones se reanudan el lunes.",
		"seg_new":     "Nobody knows why.",
		"seg_pending": "Ships wait offshore.",
		// The same sentence, translated twice differently and once not:
		// each keeps its own.
		"seg_done_again": "El lunes se retoman las conversaciones.",
		"seg_same_draft": "Talks resume on Monday.",
	}
	var ids []string
	exported := edition()
	for i, u := range f.Units {
		ids = append(ids, u.ID)
		if u.Target != want[u.ID] || u.Err != nil {
			t.Errorf("unit %s: target %q (err %v), want %q", u.ID, u.Target, u.Err, want[u.ID])
		}
		if u.Version != exported.Units[i].Version || u.Exported != exported.Units[i].Status {
			t.Errorf("unit %s: OmegaT lost the export data: %+v", u.ID, u)
		}
	}
	if d := cmp.Diff([]string{"seg_plain", "seg_link", "seg_whole", "seg_img", "seg_done", "seg_new", "seg_pending", "seg_done_again", "seg_same_draft"}, ids); d != "" {
		t.Errorf("unit order (-want +got):\n%s", d)
	}
	if !f.OmegaT || f.EditionID != "edn_1" || f.Revision != 1 {
		t.Errorf("header: %+v", f)
	}
	if !strings.Contains(string(raw), `state="needs-translation"`) {
		t.Errorf("OmegaT changed the states")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
