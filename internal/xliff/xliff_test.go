package xliff_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/schematest"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// sample is an edition with every kind of unit an export meets: each
// status, links with URLs, emphasis, a line break, an image, a code left
// open by the segmenter, markup-like text, a control character, notes, QA
// findings, memory matches and glossary terms.
func sample() xliff.Doc {
	link := inline.Tag{ID: 1, Name: "a", Attrs: map[string]string{"href": "https://example.com/a?b=1&c=2", "title": `say "hi"`}, Paired: true}
	em := inline.Tag{ID: 2, Name: "em", Paired: true}
	br := inline.Tag{ID: 3, Name: "br"}
	img := inline.Tag{ID: 4, Name: "img", Attrs: map[string]string{"src": "/i.png", "alt": "A map"}}
	code := inline.Tag{ID: 5, Name: "code", Paired: true}
	return xliff.Doc{
		EditionID: "edn_01ABC", ArticleID: "art_01XYZ", Revision: 2, SourceLang: "en", TargetLang: "es",
		Title: `Port strike & "talks"`, ExportedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		Units: []xliff.Unit{
			{ID: "seg_1", Block: 0, Version: 2, Status: xliff.Draft, Origin: "apertium", Source: "The port is closed.", Target: "El puerto está cerrado.",
				Notes: []string{"apertium: unknown word \"closed\""},
				QA:    []xliff.QAIssue{{Check: "numbers", Severity: "error", Message: "a number is missing"}, {Severity: "warning", Message: "long"}},
				Matches: []xliff.Match{{Source: "The port was closed.", Target: "El puerto fue cerrado.", Score: 87, Origin: "tm"},
					{Source: "Read <1>this</1>.", Target: "Lee <1>esto</1>.", Score: 70, Origin: "tm"}},
				Terms: []xliff.Term{{Source: "port", Target: "puerto", Note: "not \"porto\""}, {Source: "strike", Target: "huelga"}}},
			{ID: "seg_2", Block: 1, Version: 3, Status: xliff.Edited, Origin: "human", Tags: []inline.Tag{link, em, br, img},
				Source: "Read <1>the <2>full</2> report</1> &amp; see<3/> the map <4/> &lt;now&gt;.",
				Target: "Lea <1>el informe <2>completo</2></1> &amp; vea<3/> el mapa <4/> &lt;ya&gt;."},
			{ID: "seg_3", Block: 1, Version: 1, Status: xliff.Pending, Source: "Nobody knows \u00a0why\ttabs and \"quotes\" 'apostrophes' 🚢."},
			{ID: "seg_4", Block: 2, Version: 5, Status: xliff.Approved, Origin: "tm", Source: "Run <5>make", Target: "Ejecute <5>make", Tags: []inline.Tag{code}},
			{ID: "seg_5", Block: 2, Version: 4, Status: xliff.Draft, Origin: "tm", Source: "A bell\x07 rang.", Target: "Sonó\r\nuna campana."},
		},
	}
}

func write(t *testing.T, d xliff.Doc, v xliff.Version) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xliff.Write(&buf, d, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExportsValidate checks both versions (and the OmegaT flavour) against
// the OASIS schemas: XLIFF 2 core with the metadata, matches and glossary
// modules, and XLIFF 1.2 strict.
func TestExportsValidate(t *testing.T) {
	d := sample()
	schematest.XLIFF2(t, write(t, d, xliff.V21))
	schematest.XLIFF12(t, write(t, d, xliff.V12))
	d.OmegaT = true
	schematest.XLIFF12(t, write(t, d, xliff.V12))
}

// TestExportShape checks what a translator's tool sees: codes instead of
// markup, the markup kept aside, states, version data.
func TestExportShape(t *testing.T) {
	d := sample()
	x2 := string(write(t, d, xliff.V21))
	for _, want := range []string{
		`version="2.1"`, `srcLang="en"`, `trgLang="es"`,
		`original="pressroom?article=art_01XYZ&amp;edition=edn_01ABC&amp;revision=2"`,
		`<unit id="seg_2">`,
		`<pc id="1" canCopy="no" canDelete="no" dataRefStart="open1" dataRefEnd="close1" type="link">`,
		`<data id="open1">&lt;a href="https://example.com/a?b=1&amp;amp;c=2" title="say &amp;#34;hi&amp;#34;"&gt;</data>`,
		`<ph id="3" canCopy="no" canDelete="no" dataRef="self3" type="fmt" subType="xlf:lb"/>`,
		`<sc id="5" canCopy="no" canDelete="no" dataRef="open5" isolated="yes" type="fmt"/>`,
		`<segment id="s1" state="initial" subState="pressroom:draft">`,
		`<segment id="s1" state="final" subState="pressroom:approved">`,
		`<mda:meta type="version">3</mda:meta>`,
		`<mtc:match ref="#s1" similarity="87" type="tm" origin="tm"><source>The port was closed.</source><target>El puerto fue cerrado.</target></mtc:match>`,
		`<gls:glossEntry><gls:term source="pressroom">port</gls:term><gls:translation>puerto</gls:translation><gls:definition>not "porto"</gls:definition></gls:glossEntry>`,
		`<note category="qa" priority="1">error (numbers): a number is missing</note>`,
		`A bell<cp hex="0007"/> rang.`,
		`Sonó&#xD;`,
	} {
		if !strings.Contains(x2, want) {
			t.Errorf("XLIFF 2.1 lacks %s", want)
		}
	}
	for _, text := range []string{between(x2, "<source>Read", "</source>"), between(x2, "<target>Lea", "</target>")} {
		if text == "" || strings.Contains(text, "example.com") {
			t.Errorf("the link's URL is in the text a translator edits (or the text is missing): %q", text)
		}
	}
	x12 := string(write(t, d, xliff.V12))
	for _, want := range []string{
		`<trans-unit id="seg_2" resname="block-1" extradata="checksum=`,
		`<target state="translated">Lea <g id="1" ctype="link" clone="no">el informe <g id="2" ctype="italic" clone="no">completo</g></g> &amp; vea<x id="3" ctype="lb" clone="no"/> el mapa <x id="4" ctype="image" clone="no"/> &lt;ya&gt;.</target>`,
		`<context context-type="x-pressroom-code-1">&lt;a href="https://example.com/a?b=1&amp;amp;c=2" title="say &amp;#34;hi&amp;#34;"&gt;&lt;/a&gt;</context>`,
		`<target state="needs-translation" state-qualifier="leveraged-mt">El puerto está cerrado.</target>`,
		`<trans-unit id="seg_4" resname="block-2" extradata="checksum=`, `approved="yes"`, `<target state="signed-off">Ejecute <bx id="5" ctype="x-html-code" clone="no"/>make</target>`,
		`<alt-trans match-quality="87" origin="tm"><source>The port was closed.</source><target>El puerto fue cerrado.</target></alt-trans>`,
		`<note from="qa" priority="5">warning: long</note>`,
		`A bell` + "\ufffd" + ` rang.`,
	} {
		if !strings.Contains(x12, want) {
			t.Errorf("XLIFF 1.2 lacks %s", want)
		}
	}
	if strings.Contains(x12, `<trans-unit id="seg_3" resname="block-1" extradata="checksum=`) && strings.Contains(between(x12, `id="seg_3"`, "</trans-unit>"), "<target") {
		t.Errorf("a pending unit has a target in plain 1.2")
	}
	d.OmegaT = true
	om := string(write(t, d, xliff.V12))
	for _, id := range []string{"seg_1", "seg_2", "seg_3", "seg_4"} {
		u := between(om, `id="`+id+`"`, "</trans-unit>")
		src, tgt := between(u, "<source>", "</source>"), between(u, "<target", "</target>")
		if tgt == "" || !strings.HasSuffix(tgt, ">"+src) {
			t.Errorf("OmegaT unit %s: target %q does not carry the source %q", id, tgt, src)
		}
	}
	if !strings.Contains(om, "for=omegat") {
		t.Errorf("the OmegaT flavour is not marked in original")
	}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

// TestRoundTrip writes and reads both versions: every unit comes back with
// its text, tags, version, status and a checksum matching its target.
func TestRoundTrip(t *testing.T) {
	d := sample()
	for _, v := range []xliff.Version{xliff.V21, xliff.V12} {
		t.Run(string(v), func(t *testing.T) {
			f, err := xliff.Parse(write(t, d, v))
			if err != nil {
				t.Fatal(err)
			}
			hdr := xliff.File{Version: v, EditionID: d.EditionID, ArticleID: d.ArticleID, Revision: d.Revision, SourceLang: "en", TargetLang: "es"}
			got := *f
			got.Units = nil
			if diff := cmp.Diff(hdr, got); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			var want []xliff.FileUnit
			for _, u := range d.Units {
				fu := xliff.FileUnit{ID: u.ID, Version: u.Version, Exported: u.Status, Source: u.Source, Target: u.Target,
					HasTarget: u.Status != xliff.Pending, Status: u.Status}
				if u.Status == xliff.Pending {
					fu.Status = ""
					if v == xliff.V21 {
						fu.Status = xliff.Draft // initial
					}
				}
				if v == xliff.V12 && u.ID == "seg_5" { // 1.2 cannot carry U+0007
					fu.Source = strings.ReplaceAll(fu.Source, "\x07", "\ufffd")
				}
				fu.Checksum = xliff.Checksum(fu.Target)
				want = append(want, fu)
			}
			if diff := cmp.Diff(want, f.Units); diff != "" {
				t.Errorf("units (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadRefuses feeds files an import must refuse as a whole.
func TestReadRefuses(t *testing.T) {
	good := string(write(t, sample(), xliff.V12))
	good2 := string(write(t, sample(), xliff.V21))
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="pressroom?edition=e&amp;revision=1" source-language="en" datatype="x"><body><trans-unit id="a"><source>&lol3;</source></trans-unit></body></file></xliff>`
	external := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en" datatype="x"><body><trans-unit id="a"><source>&xxe;</source></trans-unit></body></file></xliff>`
	for _, tc := range []struct {
		name, doc, code string
	}{
		{"billion laughs", laughs, xliff.CodeDoctype},
		{"external entity", external, xliff.CodeDoctype},
		{"undeclared entity", strings.Replace(good, "The port is closed.", "&lol;", 1), xliff.CodeMalformed},
		{"not well-formed", strings.Replace(good, "</source>", "</sauce>", 1), xliff.CodeMalformed},
		{"truncated", good[:len(good)/2], xliff.CodeMalformed},
		{"empty", "", xliff.CodeMalformed},
		{"latin-1", strings.Replace(good, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), xliff.CodeMalformed},
		{"invalid UTF-8", strings.Replace(good, "está", "est\xe1", 1), xliff.CodeMalformed},
		{"not XLIFF", `<html><body/></html>`, xliff.CodeNotXLIFF},
		{"XLIFF 1.1", strings.Replace(good, "urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1", 1), xliff.CodeVersion},
		{"version 3", strings.Replace(good2, `version="2.1"`, `version="3.0"`, 1), xliff.CodeVersion},
		{"unknown element in a unit", strings.Replace(good, "<source>The port", "<foo/><source>The port", 1), xliff.CodeUnknownElement},
		{"unknown element in 2.x", strings.Replace(good2, `<segment id="s1"`, `<bar/><segment id="s1"`, 1), xliff.CodeUnknownElement},
		{"foreign element in target", strings.Replace(good, "El puerto está", `<b xmlns="http://www.w3.org/1999/xhtml">El</b> puerto está`, 1), xliff.CodeUnknownElement},
		{"unknown inline element", strings.Replace(good2, "El puerto está", "<blink>El</blink> puerto está", 1), xliff.CodeUnknownElement},
		{"not from pressroom", strings.Replace(good, `original="pressroom?`, `original="report.docx?`, 1), xliff.CodeNotOurs},
		{"duplicate unit", strings.Replace(good, `id="seg_2"`, `id="seg_1"`, 1), xliff.CodeDuplicateUnit},
		{"no body", `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="pressroom?edition=e&amp;revision=1" source-language="en" datatype="x"/></xliff>`, xliff.CodeStructure},
		{"too deep", `<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0">` + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + `</xliff>`, xliff.CodeTooDeep},
		{"too large", good + "<!--" + strings.Repeat("x", xliff.MaxFileBytes) + "-->", xliff.CodeTooLarge},
		{"too many elements", strings.Replace(good2, "<segment id=", strings.Repeat("<mda:x/>", 300_000)+"<segment id=", 1), xliff.CodeTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := xliff.Read(strings.NewReader(tc.doc))
			var xe *xliff.Error
			if !errors.As(err, &xe) {
				t.Fatalf("Read = %v, %v; want an *xliff.Error %s", f, err, tc.code)
			}
			if xe.Code != tc.code || xe.Message == "" {
				t.Errorf("code %q (%s), want %q", xe.Code, xe.Message, tc.code)
			}
		})
	}
}

// TestReadUnitErrors: codes a tool renumbered or replaced spoil their unit,
// not the file.
func TestReadUnitErrors(t *testing.T) {
	x12 := string(write(t, sample(), xliff.V12))
	x12 = strings.Replace(x12, `<target state="translated">Lea <g id="1"`, `<target state="translated">Lea <g id="link1"`, 1)
	f, err := xliff.Parse([]byte(x12))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range f.Units {
		if (u.Err != nil) != (u.ID == "seg_2") {
			t.Errorf("unit %s: Err = %v", u.ID, u.Err)
		}
	}
	x2 := strings.Replace(string(write(t, sample(), xliff.V21)), `<target>Lea <pc id="1"`, `<target>Lea <pc id="01"`, 1)
	if f, err = xliff.Parse([]byte(x2)); err != nil {
		t.Fatal(err)
	}
	if f.Units[1].Err == nil || f.Units[1].Err.Code != xliff.CodeInline {
		t.Errorf("a renumbered code in 2.x: %+v", f.Units[1])
	}
}

// TestReadStates maps the states of other tools' files.
func TestReadStates(t *testing.T) {
	for _, tc := range []struct{ state, approved, want string }{
		{"new", "", xliff.Draft}, {"needs-translation", "", xliff.Draft}, {"translated", "", xliff.Edited},
		{"needs-review-translation", "", xliff.Edited}, {"x-custom", "", xliff.Edited}, {"signed-off", "", xliff.Approved},
		{"final", "", xliff.Approved}, {"translated", ` approved="yes"`, xliff.Approved},
	} {
		doc := `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="pressroom?edition=e&amp;revision=1" source-language="en" target-language="es" datatype="x"><body>` +
			`<trans-unit id="a"` + tc.approved + `><source>A</source><target state="` + tc.state + `">B</target></trans-unit></body></file></xliff>`
		f, err := xliff.Parse([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Units[0].Status; got != tc.want {
			t.Errorf("1.2 state %q%s → %q, want %q", tc.state, tc.approved, got, tc.want)
		}
	}
	for _, tc := range []struct{ states, want string }{
		{`state="initial"`, xliff.Draft}, {``, xliff.Draft}, {`state="translated"`, xliff.Edited},
		{`state="reviewed"`, xliff.Edited}, {`state="final"`, xliff.Approved},
	} {
		doc := `<xliff version="2.0" srcLang="en" trgLang="es" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f" original="pressroom?edition=e&amp;revision=1">` +
			`<unit id="a"><segment ` + tc.states + `><source>A</source><target>B</target></segment></unit></file></xliff>`
		f, err := xliff.Parse([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Units[0].Status; got != tc.want {
			t.Errorf("2.x %s → %q, want %q", tc.states, got, tc.want)
		}
	}
	// A unit a tool split into two segments is one translation; it is
	// final only when both are.
	doc := `<xliff version="2.1" srcLang="en" trgLang="es" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f" original="pressroom?edition=e&amp;revision=1">` +
		`<unit id="a"><segment state="final"><source>One.</source><target>Uno.</target></segment><ignorable><source> </source></ignorable>` +
		`<segment state="translated"><source>Two.</source><target>Dos.</target></segment></unit></file></xliff>`
	f, err := xliff.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := xliff.FileUnit{ID: "a", Source: "One. Two.", Target: "Uno. Dos.", HasTarget: true, Status: xliff.Edited}
	if diff := cmp.Diff(want, f.Units[0]); diff != "" {
		t.Errorf("split unit (-want +got):\n%s", diff)
	}
}
