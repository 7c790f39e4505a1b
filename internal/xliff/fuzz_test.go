package xliff_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// FuzzParse feeds arbitrary bytes to the reader: it must never panic, and
// it either returns a file or an *xliff.Error (never a bare error), and a
// file it accepts has units with ids. Seeds: both exports of the sample and
// the attacks TestReadRefuses uses (testdata/fuzz/FuzzParse keeps inputs
// that found bugs).
func FuzzParse(f *testing.F) {
	var b21, b12 bytes.Buffer
	_ = xliff.Write(&b21, sample(), xliff.V21)
	_ = xliff.Write(&b12, sample(), xliff.V12)
	f.Add(b21.Bytes())
	f.Add(b12.Bytes())
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaa">]><xliff/>`))
	f.Add([]byte(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="pressroom?edition=e&amp;revision=1" source-language="en" datatype="x"><body><trans-unit id="a"><source>x<g id="1">y</g></source><target><g id="01">z</g></target></trans-unit></body></file></xliff>`))
	f.Add([]byte(`<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f" original="pressroom?edition=e&amp;revision=1"><unit id="u"><segment><source><cp hex="D800"/></source></segment></unit></file></xliff>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file, err := xliff.Parse(raw)
		if err != nil {
			var xe *xliff.Error
			if !errors.As(err, &xe) || xe.Code == "" || xe.Message == "" {
				t.Fatalf("Parse error %T %v is not an *xliff.Error with a code", err, err)
			}
			return
		}
		for _, u := range file.Units {
			if u.ID == "" {
				t.Fatalf("a unit without an id: %+v", u)
			}
			if u.Err == nil {
				if _, err := inline.Parse(u.Target); err != nil {
					t.Fatalf("unit %s: target %q is not tagged text: %v", u.ID, u.Target, err)
				}
			}
		}
	})
}

// FuzzRoundTrip writes arbitrary tagged text as source and target in both
// versions and reads it back: what comes back is the text (in canonical
// escapes), with 1.2 replacing only characters XML cannot carry.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"Plain.", "Read <1>the <2>full</2> report</1>.", "See<3/> &amp; &lt;b&gt;", "Run <5>make", "close </4> first",
		"<1><2></1></2>", "tab\tcr\rnl\n", "bell\x07", "\ufffe", "<1/><1/>"} {
		f.Add(s, "Lee <1>esto</1>.")
	}
	f.Fuzz(func(t *testing.T, src, tgt string) {
		if !utf8.ValidString(src) || !utf8.ValidString(tgt) {
			return
		}
		st, err1 := inline.Parse(src)
		tt, err2 := inline.Parse(tgt)
		if err1 != nil || err2 != nil {
			return
		}
		d := xliff.Doc{EditionID: "e", ArticleID: "a", Revision: 1, SourceLang: "en", TargetLang: "es",
			Units: []xliff.Unit{{ID: "u1", Version: 1, Status: xliff.Edited, Source: src, Target: tgt,
				Tags: []inline.Tag{{ID: 1, Name: "a", Attrs: map[string]string{"href": src}, Paired: true}, {ID: 3, Name: "br"}}}}}
		for _, v := range []xliff.Version{xliff.V21, xliff.V12} {
			var buf bytes.Buffer
			if err := xliff.Write(&buf, d, v); err != nil {
				t.Fatal(err)
			}
			file, err := xliff.Parse(buf.Bytes())
			if err != nil {
				t.Fatalf("%s: reading our own export: %v\n%s", v, err, buf.Bytes())
			}
			u := file.Units[0]
			wantSrc, wantTgt := inline.Format(st), inline.Format(tt)
			if v == xliff.V12 {
				wantSrc, wantTgt = replaceNonXML(wantSrc), replaceNonXML(wantTgt)
			}
			if u.Err != nil || u.Source != wantSrc || u.Target != wantTgt {
				t.Fatalf("%s: round trip\n got %q / %q (err %v)\nwant %q / %q\n%s", v, u.Source, u.Target, u.Err, wantSrc, wantTgt, buf.Bytes())
			}
			if u.Checksum != xliff.Checksum(u.Target) {
				t.Fatalf("%s: checksum %s does not match the target read back", v, u.Checksum)
			}
		}
	})
}

func replaceNonXML(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			return r
		}
		return utf8.RuneError
	}, s)
}
