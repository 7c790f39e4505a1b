package offline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/offline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/schematest"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

const article = "Dockworkers in [Santos](https://example.com/santos?a=1&b=2) voted to *end* the strike. Ships wait offshore.\n\n" +
	"Talks resume on Monday. Nobody knows why. The port is closed.\n"

// codes writes inline codes the way each version carries them.
func codes(v xliff.Version, text string) string {
	if v == xliff.V12 {
		return strings.NewReplacer("<p1>", `<g id="1">`, "<p2>", `<g id="2">`, "</p>", "</g>").Replace(text)
	}
	return strings.NewReplacer("<p1>", `<pc id="1">`, "<p2>", `<pc id="2">`, "</p>", "</pc>").Replace(text)
}

func final(v xliff.Version) string {
	if v == xliff.V12 {
		return "signed-off"
	}
	return "final"
}

func (e *env) importFile(who auth.Principal, editionID, doc string) (offline.Summary, error) {
	return e.svc.Import(context.Background(), who, editionID, strings.NewReader(doc))
}

// TestRoundTrip exports an edition in both versions, edits the file as a
// translator's tool would (new texts, a code moved, states raised) while a
// colleague edits two segments in pressroom, and imports it: the changed
// targets land with their tags, approvals are made, the segment changed on
// both sides is a conflict with both texts and keeps pressroom's text, the
// one changed only in pressroom keeps pressroom's. Importing again changes
// nothing.
func TestRoundTrip(t *testing.T) {
	stores(t, func(t *testing.T, e *env) {
		for _, v := range []xliff.Version{xliff.V21, xliff.V12} {
			t.Run(string(v), func(t *testing.T) { roundTrip(t, e, v) })
		}
	})
}

func roundTrip(t *testing.T, e *env, v xliff.Version) {
	_, eds := e.ingest(article, "es")
	es := eds["es"]
	segs := e.segments(es.ID)[1:] // after the title
	if len(segs) != 5 || segs[0].Source != "Dockworkers in <1>Santos</1> voted to <2>end</2> the strike." {
		t.Fatalf("segments: %+v", segs)
	}
	doc := e.export(ana, es.ID, v)
	if v == xliff.V21 {
		schematest.XLIFF2(t, []byte(doc))
	} else {
		schematest.XLIFF12(t, []byte(doc))
	}

	// A colleague works in pressroom meanwhile.
	theirs3 := e.edit(editor, segs[3], "Nadie lo sabe (editado en pressroom).")
	theirs4 := e.edit(editor, segs[4], "El puerto está cerrado.")

	// The translator, offline.
	doc = setTarget(t, doc, segs[0].ID, codes(v, "Los estibadores de <p1>Santos</p> votaron <p2>poner fin</p> a la huelga &amp; más."))
	doc = setTarget(t, doc, segs[1].ID, "Los barcos esperan mar adentro.")
	doc = setState(t, doc, segs[1].ID, final(v))
	doc = setState(t, doc, segs[2].ID, final(v))
	doc = setTarget(t, doc, segs[3].ID, "Nadie sabe por qué.")

	sum, err := e.importFile(ana, es.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	want := offline.Counts{Updated: 3, Approved: 2, Unchanged: 2, Conflicts: 1}
	if d := cmp.Diff(want, sum.Counts); d != "" {
		t.Fatalf("counts (-want +got):\n%s\n%+v", d, sum)
	}
	if len(sum.Conflicts) != 1 || sum.Conflicts[0].ID != segs[3].ID || sum.Conflicts[0].Mine != "Nadie sabe por qué." ||
		sum.Conflicts[0].Theirs.Target != theirs3.Target || sum.Conflicts[0].Theirs.Version != theirs3.Version || sum.Conflicts[0].Number != 5 {
		t.Errorf("conflict: %+v", sum.Conflicts)
	}
	got := e.segments(es.ID)[1:]
	wantSegs := []struct{ target, status string }{
		{"Los estibadores de <1>Santos</1> votaron <2>poner fin</2> a la huelga &amp; más.", store.SegmentEdited},
		{"Los barcos esperan mar adentro.", store.SegmentApproved},
		{segs[2].Target, store.SegmentApproved},
		{theirs3.Target, store.SegmentEdited},
		{theirs4.Target, store.SegmentEdited},
	}
	for i, w := range wantSegs {
		if got[i].Target != w.target || got[i].Status != w.status {
			t.Errorf("segment %d: %q %s, want %q %s", i+1, got[i].Target, got[i].Status, w.target, w.status)
		}
	}
	if got[3].Version != theirs3.Version || got[4].Version != theirs4.Version {
		t.Errorf("the import touched segments it had to leave alone")
	}

	// The same file again: nothing to do but the standing conflict.
	again, err := e.importFile(ana, es.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(offline.Counts{Unchanged: 5, Conflicts: 1}, again.Counts); d != "" {
		t.Errorf("second import (-want +got):\n%s", d)
	}
	if d := cmp.Diff(got, e.segments(es.ID)[1:]); d != "" {
		t.Errorf("the second import changed segments (-before +after):\n%s", d)
	}
}

// TestImportRefusesUnits: a unit whose codes do not match its source, an
// emptied target, a renumbered code and a unit of no segment are refused
// with reasons; the other units of the file still land.
func TestImportRefusesUnits(t *testing.T) {
	stores(t, func(t *testing.T, e *env) {
		_, eds := e.ingest(article, "es")
		es := eds["es"]
		segs := e.segments(es.ID)[1:]
		doc := e.export(ana, es.ID, xliff.V21)
		doc = setTarget(t, doc, segs[0].ID, `Los estibadores de <pc id="1">Santos</pc> votaron poner fin a la huelga.`)
		doc = setTarget(t, doc, segs[1].ID, "")
		doc = setTarget(t, doc, segs[2].ID, `Las <pc id="x1">conversaciones</pc> siguen el lunes.`)
		doc = setTarget(t, doc, segs[3].ID, "Nadie sabe por qué.")
		i, _ := unitSpan(t, doc, segs[4].ID)
		doc = doc[:i] + `<unit id="seg_nope"><segment><source>Extra.</source><target>Extra.</target></segment></unit>` + "\n" + doc[i:]
		sum, err := e.importFile(ana, es.ID, doc)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, r := range sum.Refused {
			codes = append(codes, r.ID+":"+r.Code)
			if r.Message == "" {
				t.Errorf("refusal %s has no message", r.ID)
			}
		}
		want := []string{segs[0].ID + ":tags_mismatch", segs[1].ID + ":empty_target", segs[2].ID + ":" + xliff.CodeInline, "seg_nope:unknown_segment"}
		if d := cmp.Diff(want, codes); d != "" {
			t.Errorf("refused (-want +got):\n%s", d)
		}
		if d := cmp.Diff(offline.Counts{Updated: 1, Unchanged: 2, Refused: 4}, sum.Counts); d != "" {
			t.Errorf("counts (-want +got):\n%s", d)
		}
		got := e.segments(es.ID)[1:]
		for i := range 3 {
			if got[i].Target != segs[i].Target || got[i].Version != segs[i].Version {
				t.Errorf("refused segment %d changed: %q", i+1, got[i].Target)
			}
		}
		if got[3].Target != "Nadie sabe por qué." {
			t.Errorf("the good unit did not land: %q", got[3].Target)
		}
	})
}

// TestImportRefusesFiles: files for another edition, language or revision,
// and files that are not readable XLIFF, are errors with stable codes, and
// nothing is changed.
func TestImportRefusesFiles(t *testing.T) {
	e := newEnv(t, "")
	ctx := context.Background()
	a, eds := e.ingest(article, "es", "pt-BR")
	es, pt := eds["es"], eds["pt-BR"]
	segs := e.segments(es.ID)
	good := setTarget(t, e.export(ana, es.ID, xliff.V21), segs[2].ID, "Los barcos esperan.")
	ptDoc := setTarget(t, e.export(editor, pt.ID, xliff.V12), e.segments(pt.ID)[2].ID, "Os navios esperam.")
	// An old revision: export, then correct the article.
	old := good
	laughs := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` + good[strings.Index(good, "<xliff"):]
	for _, tc := range []struct {
		name string
		who  auth.Principal
		doc  string
		kind error
		code string
	}{
		{"another edition", ana, strings.ReplaceAll(ptDoc, pt.ID, es.ID+"x"), derrors.Unprocessable, "wrong_edition"},
		{"another edition's file", editor, ptDoc, derrors.Unprocessable, "wrong_edition"},
		{"another language", ana, strings.Replace(good, `trgLang="es"`, `trgLang="pt-BR"`, 1), derrors.Unprocessable, "wrong_language"},
		{"another source language", ana, strings.Replace(good, `srcLang="en"`, `srcLang="fr"`, 1), derrors.Unprocessable, "wrong_language"},
		{"malformed", ana, good[:len(good)-40], derrors.Invalid, xliff.CodeMalformed},
		{"entity expansion", ana, laughs, derrors.Invalid, xliff.CodeDoctype},
		{"unknown element", ana, strings.Replace(good, "<segment id=", "<surprise/><segment id=", 1), derrors.Unprocessable, xliff.CodeUnknownElement},
		{"too large", ana, good + "<!--" + strings.Repeat("x", xliff.MaxFileBytes) + "-->", derrors.TooLarge, xliff.CodeTooLarge},
		{"not XLIFF", ana, "Los barcos esperan.", derrors.Invalid, xliff.CodeMalformed},
		{"not for this translator", auth.Principal{ID: "usr_pt", Role: auth.Translator, Langs: []string{"pt"}}, good, derrors.Forbidden, "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.segments(es.ID)
			sum, err := e.importFile(tc.who, es.ID, tc.doc)
			if de := derrors.As(err); de == nil || !errors.Is(err, tc.kind) || de.Code != tc.code {
				t.Fatalf("Import = %+v, %v; want %v %s", sum, err, tc.kind, tc.code)
			}
			if d := cmp.Diff(before, e.segments(es.ID)); d != "" {
				t.Errorf("a refused file changed segments (-before +after):\n%s", d)
			}
		})
	}

	if _, err := e.p.Correct(ctx, "test", a.ID, pipeline.ArticleInput{Format: "markdown", Body: article + "\nA new paragraph.\n"}); err != nil {
		t.Fatal(err)
	}
	if err := e.p.SegmentArticle(ctx, a.ID, a.Revision+1); err != nil {
		t.Fatal(err)
	}
	before := e.segments(es.ID)
	_, err := e.importFile(ana, es.ID, old)
	if de := derrors.As(err); de == nil || !errors.Is(err, derrors.Conflict) || de.Code != "wrong_revision" {
		t.Fatalf("a file of an old revision: %v", err)
	}
	if d := cmp.Diff(before, e.segments(es.ID)); d != "" {
		t.Errorf("a file of an old revision changed segments:\n%s", d)
	}
}

// TestApproveRules: a final state approves only a text the translator
// left as exported or changed from a state that was not final; a text
// changed under an exported final state is saved for approval again.
func TestApproveRules(t *testing.T) {
	e := newEnv(t, "")
	_, eds := e.ingest(article, "es")
	es := eds["es"]
	segs := e.segments(es.ID)[1:]
	approved := e.approve(editor, segs[0])
	doc := e.export(ana, es.ID, xliff.V12)
	doc = setTarget(t, doc, segs[0].ID, codes(xliff.V12, "Otro texto con <p1>Santos</p> y <p2>fin</p>.")) // exported signed-off, changed
	sum, err := e.importFile(ana, es.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	got := e.segments(es.ID)[1]
	if got.Status != store.SegmentEdited || got.Version != approved.Version+1 || sum.Counts.Approved != 0 || sum.Counts.Updated != 1 {
		t.Errorf("a changed approved text: %s v%d, summary %+v", got.Status, got.Version, sum.Counts)
	}
}

// TestExportForbidden: a translator exports only editions in their
// languages; unknown editions and versions are errors.
func TestExportForbidden(t *testing.T) {
	e := newEnv(t, "")
	_, eds := e.ingest(article, "es", "pt-BR")
	ctx := context.Background()
	if _, err := e.svc.Export(ctx, ana, eds["pt-BR"].ID, xliff.V21); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("export of another language: %v", err)
	}
	if _, err := e.svc.OmegaT(ctx, ana, eds["pt-BR"].ID); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("OmegaT package of another language: %v", err)
	}
	if _, err := e.svc.Export(ctx, ana, "edn_nope", xliff.V21); !errors.Is(err, derrors.NotFound) {
		t.Errorf("export of no edition: %v", err)
	}
	if _, err := offline.ParseVersion("3.0"); !errors.Is(err, derrors.Invalid) {
		t.Errorf("version 3.0: %v", err)
	}
	d, err := e.svc.Export(ctx, ana, eds["es"].ID, xliff.V12)
	if err != nil || d.Name != "port-strike-es-1.2.xlf" || !strings.HasPrefix(d.ContentType, "application/xliff+xml") {
		t.Errorf("download: %q %q %v", d.Name, d.ContentType, err)
	}
}

// glossary stands in for the glossary issue's package: a term list looked
// up by substring.
type glossary map[string]xliff.Term

func (g glossary) Terms(_ context.Context, from, to string, sources []string) ([][]xliff.Term, error) {
	out := make([][]xliff.Term, len(sources))
	for i, s := range sources {
		for _, word := range []string{"port", "strike"} {
			if strings.Contains(strings.ToLower(s), word) {
				out[i] = append(out[i], g[word])
			}
		}
	}
	return out, nil
}

// TestExportCarriesEverything: memory matches, QA findings, notes and
// glossary hits of the segments reach both versions and the OmegaT
// package, and the files still validate.
func TestExportCarriesEverything(t *testing.T) {
	e := newEnv(t, "")
	ctx := context.Background()
	_, eds := e.ingest(article, "es")
	es := eds["es"]
	segs := e.segments(es.ID)
	port := segs[len(segs)-1] // "The port is closed."
	if _, err := e.st.DB().Exec(`UPDATE segments SET matches = ?, qa = ?, notes = ? WHERE id = ?`,
		`[{"source":"The port was closed.","target":"El puerto fue cerrado.","score":87,"origin":"tm"}]`,
		`[{"check":"numbers","severity":"error","message":"a number is missing"}]`, `["apertium: unknown word"]`, port.ID); err != nil {
		t.Fatal(err)
	}
	g := glossary{"port": {Source: "port", Target: "puerto", Note: "the harbour"}, "strike": {Source: "strike", Target: "huelga"}}
	svc := offline.New(e.st, e.p, g, quiet)
	d21, err := svc.Export(ctx, ana, es.ID, xliff.V21)
	if err != nil {
		t.Fatal(err)
	}
	schematest.XLIFF2(t, d21.Body)
	d12, err := svc.Export(ctx, ana, es.ID, xliff.V12)
	if err != nil {
		t.Fatal(err)
	}
	schematest.XLIFF12(t, d12.Body)
	for _, want := range []string{`<mtc:match ref="#s1" similarity="87" type="tm" origin="tm"><source>The port was closed.</source><target>El puerto fue cerrado.</target></mtc:match>`,
		`<note category="qa" priority="1">error (numbers): a number is missing</note>`, `<note category="pressroom">apertium: unknown word</note>`,
		`<gls:glossEntry><gls:term source="pressroom">port</gls:term><gls:translation>puerto</gls:translation><gls:definition>the harbour</gls:definition></gls:glossEntry>`,
		`<gls:term source="pressroom">strike</gls:term>`} {
		if !strings.Contains(string(d21.Body), want) {
			t.Errorf("XLIFF 2.1 lacks %s", want)
		}
	}
	for _, want := range []string{`<alt-trans match-quality="87" origin="tm"><source>The port was closed.</source><target>El puerto fue cerrado.</target></alt-trans>`,
		`<note from="qa" priority="1">error (numbers): a number is missing</note>`} {
		if !strings.Contains(string(d12.Body), want) {
			t.Errorf("XLIFF 1.2 lacks %s", want)
		}
	}
	pkg, err := svc.OmegaT(ctx, ana, es.ID)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(pkg.Body), int64(len(pkg.Body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[strings.TrimPrefix(f.Name, "port-strike-es/")] = string(b)
	}
	if d := cmp.Diff("port\tpuerto\tthe harbour\nstrike\thuelga\n", files["glossary/glossary.txt"]); d != "" {
		t.Errorf("OmegaT glossary (-want +got):\n%s", d)
	}
	if !strings.Contains(files["tm/pressroom-suggestions.tmx"], "<seg>The port was closed.</seg>") {
		t.Errorf("the fuzzy match is not among the suggestions:\n%s", files["tm/pressroom-suggestions.tmx"])
	}
	schematest.TMX(t, []byte(files["tm/pressroom-suggestions.tmx"]))
	schematest.XLIFF12(t, []byte(files["source/port-strike-es.xlf"]))
}
