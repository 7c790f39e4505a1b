package glossary

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// drain reads every entry of a reader, as Import does, and validates it.
func drain(t *testing.T, r entryReader) {
	for i := 0; ; i++ {
		e, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v is not a glossary.Error", err)
			}
			return
		}
		_, _ = e.in.Validate("en", "es")
		if i > 1<<20 {
			t.Fatal("reader does not end")
		}
	}
}

func FuzzTBX(f *testing.F) {
	f.Add(sampleTBX)
	f.Add(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><martif/>`)
	f.Add(`<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>`)
	f.Add(`<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>a</term></termSec></langSec><langSec xml:lang="es"><termSec><term>b</term></termSec></langSec></conceptEntry></body></text></tbx>`)
	f.Fuzz(func(t *testing.T, s string) {
		drain(t, newTBXReader(strings.NewReader(s), "en", "es"))
	})
}

func FuzzCSV(f *testing.F) {
	f.Add(sampleCSV)
	f.Add("source,kind\n\"a\"\"b\",do_not_translate\n")
	f.Add("target,source\n,\n")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := newCSVReader(strings.NewReader(s))
		if err != nil {
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v is not a glossary.Error", err)
			}
			return
		}
		drain(t, r)
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("The unions' leaders met Jess Spear’s team.", "union")
	f.Add("Las apisonadoras", "apisonadora")
	f.Fuzz(func(t *testing.T, text, src string) {
		m := NewMatcher("en", "es", []Term{{ID: "a", Source: src, Target: src, Kind: Preferred}, {ID: "b", Source: src, Kind: DoNotTranslate, CaseSensitive: true}})
		for _, h := range m.Hits(text) {
			if h.Start > h.End || h.End > len(text) || text[h.Start:h.End] != h.Text {
				t.Fatalf("hit %+v out of %q", h, text)
			}
		}
		_ = m.Check(text, text)
	})
}
