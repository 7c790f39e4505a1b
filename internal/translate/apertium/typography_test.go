package apertium

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// These tests need no Apertium: the engine output is what Apertium 3.8.3
// (Debian's eng-spa) printed for the inputs, captured from a live run.

func TestEncodeClosingQuoteIsAtom(t *testing.T) {
	tests := []struct{ src, want string }{
		{"the ‘Donroe Doctrine’ — Trump’s plan", `the ‘Donroe Doctrine[<a0>] — Trump’s plan[]`},
		{"the United States’ case", `the United States’ case[]`},
		{"‘Trump’s war’, he said", `‘Trump’s war[<a0>], he said[]`},
		{"a <1>‘word’</1>.", `a [<a0>][[t:1]]‘word[[/]][<a1>].[]`},
	}
	for _, tt := range tests {
		enc, err := encode(translate.Segment{Text: tt.src}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tt.want, enc.stream); d != "" {
			t.Errorf("encode(%q) (-want +got):\n%s", tt.src, d)
		}
	}
}

// TestDecodeStandIns: a stand-in never reaches the draft or the unknown
// words, whatever Apertium glues to it or however it cases it.
func TestDecodeStandIns(t *testing.T) {
	// Stand-ins are numbered by occurrence: zxqva is the first protected
	// term in the segment, zxqvb the second.
	terms := []term{{"Doctrine", "Doctrine"}, {"Trump", "Trump"}}
	tests := []struct {
		name, src, out, want string
		unknown              []string
	}{
		{name: "closing quote and possessive",
			src:  "Under the ‘Donroe Doctrine’ — Trump’s grotesque renovation.",
			out:  "Bajo el ‘*Donroe *zxqva[<a0>] — *zxqvb' *grotesque renovación.[]",
			want: "Bajo el ‘Donroe Doctrine’ — Trump’ grotesque renovación.", unknown: []string{"Donroe", "grotesque"}},
		{name: "apostrophe glued", src: "Trump’ and Doctrine’s men.",
			out: "*zxqva' y *zxqvb' hombres.[]", want: "Trump’ y Doctrine’ hombres."},
		{name: "hyphen glued", src: "Trump-style politics.",
			out: "*zxqva-Política de moda.[]", want: "Trump-Política de moda."},
		{name: "capitalised", src: "the Trump plan.",
			out: "El plan *Zxqva.[]", want: "El plan Trump."},
		{name: "upper case", src: "the Trump plan.",
			out: "El plan *ZXQVA.[]", want: "El plan Trump."},
		{name: "quotes and brackets", src: "(Trump) “Trump” «Doctrine».",
			out: "(*zxqva) “*zxqvb” «*zxqvc».[]", want: "(Trump) “Trump” «Doctrine»."},
		{name: "possessive unknown", src: "Maduro’s lawyers.",
			out: "*Maduro' abogados.[]", want: "Maduro’ abogados.", unknown: []string{"Maduro"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg := translate.Segment{Text: tt.src}
			enc, err := encode(seg, terms)
			if err != nil {
				t.Fatal(err)
			}
			d, err := decode(seg, tt.out, enc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, d.text); diff != "" {
				t.Errorf("draft (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.unknown, d.unknown); diff != "" {
				t.Errorf("unknown words (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeMangledStandIn: a stand-in that cannot be mapped back fails the
// segment (the router then falls back) rather than reach a draft.
func TestDecodeMangledStandIn(t *testing.T) {
	seg := translate.Segment{Text: "Trump spoke."}
	enc, err := encode(seg, []term{{"Trump", "Trump"}})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := decode(seg, "*zxqva Habló, zxqv.[]", enc); err == nil {
		t.Errorf("decode accepted a mangled stand-in: %q", d.text)
	}
}

func TestRestoreTypography(t *testing.T) {
	tests := []struct{ text, source, want string }{
		{"Estados Unidos' Departamento", "the United States’ Department", "Estados Unidos’ Departamento"},
		{"Trump' plan", "Trump's plan", "Trump' plan"}, // the source writes straight ones
		{"l'eau", "Trump’s and O'Brien", "l'eau"},      // mixed: left alone
		{"d'água", "no apostrophe at all", "d'água"},   // Apertium's own
		{"“ahora”", "“now”", "“ahora”"},                // untouched
	}
	for _, tt := range tests {
		if got := restoreTypography(tt.text, tt.source); got != tt.want {
			t.Errorf("restoreTypography(%q, %q) = %q, want %q", tt.text, tt.source, got, tt.want)
		}
	}
}

func TestTidySpacing(t *testing.T) {
	tests := []struct{ draft, source, want string }{
		{"empezarían “ ahora” lanzando", "would “start now” launching", "empezarían “ahora” lanzando"},
		{"empezarían “ <1>ahora</1>”", "would “start <1>now</1>”", "empezarían “<1>ahora</1>”"},
		{"es “NUESTRO hemisferio .”", "is “OUR hemisphere.”", "es “NUESTRO hemisferio.”"},
		{"Pero  tendría", "But it should", "Pero tendría"},
		{"una « cita »", "a « quote »", "una « cita »"}, // the source spaces its guillemets
		{"a ‘ b ’", "a ‘b’", "a ‘b ’"},                  // ’ is also an apostrophe ("’90s"): left
		{"Bajo el ‘ Donroe", "Under the ‘Donroe", "Bajo el ‘Donroe"},
		{`" Pedimos 20% y cogía 12.5%. Aquello es un inicio, no una victoria," dicho Joan`,
			`"We asked for 20% and got 12.5%. That is a start, not a victory," said Joan`,
			`"Pedimos 20% y cogía 12.5%. Aquello es un inicio, no una victoria," dicho Joan`},
		{`dijo: " <1>votaremos</1> no!" y "ya ".`, `said: "<1>We will</1> vote no!" and "now".`, `dijo: "<1>votaremos</1> no!" y "ya".`},
		{`dijo " hola "`, `said " hello "`, `dijo " hola "`}, // the source spaces its quotes
		{`un " b`, `a "b" c`, `un " b`}, // a quote lost: no telling which is which
	}
	for _, tt := range tests {
		if got := tidySpacing(tt.draft, tt.source); got != tt.want {
			t.Errorf("tidySpacing(%q, %q) = %q, want %q", tt.draft, tt.source, got, tt.want)
		}
	}
}

func TestPunctuationNote(t *testing.T) {
	tests := []struct {
		source, draft string
		note          bool
	}{
		{"the ‘Donroe Doctrine’ — Trump’s plan", "el ‘Donroe Doctrine’ — plan de Trump", false},
		{"the ‘Donroe Doctrine’ — plan", "el ‘Donroe Doctrine' — plan", true},
		{"a “b” – c… d\u00a0e", "a “b” – c… d\u00a0e", false},
		{"a “b” – c… d\u00a0e", "a “b” - c... d e", true},
	}
	for _, tt := range tests {
		if got := punctuationDiff(tt.source, tt.draft); (got != "") != tt.note {
			t.Errorf("punctuationDiff(%q, %q) = %q, want a note: %v", tt.source, tt.draft, got, tt.note)
		}
	}
}

func TestFindNamesLeavesQuotesOut(t *testing.T) {
	segs := []translate.Segment{{Text: "Under the ‘Donroe Doctrine’ — Monroe Doctrine’s heirs, Trump’s men."}}
	for _, n := range findNames(segs) {
		if strings.ContainsAny(n, "‘’'") {
			t.Errorf("name %q holds a quote or apostrophe", n)
		}
	}
}

// TestArticlesTypography translates every sentence of the seed articles
// (when ../shared/seeds exists) and of the fixtures in testdata/translate —
// which reproduce the seeds' shapes: ‘quoted names’, possessives, “quotes”,
// «guillemets», dashes, an ellipsis, non-breaking spaces — plain and with
// inline codes, into Spanish and Brazilian Portuguese, and checks what a
// translator would otherwise have to repair by hand:
//   - no stand-in of a protected term in any draft or note;
//   - every quote, dash, ellipsis and non-breaking space of the source is in
//     the draft as many times, unless a note says the punctuation changed;
//   - apostrophes stay curly when the source's are; the draft has at least
//     one ’ per ‘ of the source (the closing quotes) and no more than the
//     source (possessives may be translated away: "Washington’s sights" →
//     "las vistas de Washington");
//   - no blank inside quotes or before closing punctuation that the source
//     does not have.
func TestArticlesTypography(t *testing.T) {
	b := newBackend(t, Options{})
	for name, text := range articles(t) {
		tagged := segmentsOf(text)
		var plain []translate.Segment
		for i, s := range sentences(text) {
			plain = append(plain, translate.Segment{ID: fmt.Sprint(i), Text: inline.Escape(s)})
		}
		for _, to := range []string{"es", "pt-BR"} {
			for kind, segs := range map[string][]translate.Segment{"plain": plain, "tagged": tagged} {
				t.Run(name+"/"+to+"/"+kind, func(t *testing.T) {
					got, err := b.Translate(context.Background(), translate.Request{From: "en", To: to, Segments: segs})
					if err != nil {
						t.Fatal(err)
					}
					for i, d := range got {
						if d.Err != nil {
							t.Errorf("segment %d %q: %v", i, segs[i].Text, d.Err)
							continue
						}
						for _, p := range typographyProblems(inline.Plain(segs[i].Text), d) {
							t.Errorf("segment %d: %s\n  source %q\n  draft  %q\n  notes  %q", i, p, segs[i].Text, d.Text, d.Notes)
						}
					}
				})
			}
		}
	}
}

// typographyProblems lists what is wrong with draft d of source (plain
// text). It counts independently of the backend's own code.
func typographyProblems(source string, d translate.Draft) []string {
	var out []string
	draft := inline.Plain(d.Text)
	if strings.Contains(strings.ToLower(d.Text), nameTokenPrefix) {
		out = append(out, "a stand-in leaked into the draft")
	}
	flagged := false
	for _, nt := range d.Notes {
		n := nt.English()
		if strings.Contains(strings.ToLower(n), nameTokenPrefix) {
			out = append(out, fmt.Sprintf("a stand-in leaked into note %q", n))
		}
		flagged = flagged || nt.Code == note.Punctuation
	}
	if !flagged {
		for _, r := range "‘“”«»—–…\u00a0" {
			if s, g := strings.Count(source, string(r)), strings.Count(draft, string(r)); s != g {
				out = append(out, fmt.Sprintf("%q: %d in the source, %d in the draft", r, s, g))
			}
		}
		s, g := strings.Count(source, "’"), strings.Count(draft, "’")
		if open := strings.Count(source, "‘"); g < open || g > s {
			out = append(out, fmt.Sprintf("’: %d in the source (%d closing a ‘), %d in the draft", s, open, g))
		}
	}
	if strings.Contains(source, "’") && !strings.Contains(source, "'") && strings.Contains(draft, "'") {
		out = append(out, "a curly apostrophe came back straight")
	}
	for _, art := range []string{"“ ", "‘ ", "« ", " ”", " »", " .", " ,", "  "} {
		if strings.Contains(draft, art) && !strings.Contains(source, art) {
			out = append(out, fmt.Sprintf("spacing %q that the source does not have", art))
		}
	}
	return out
}
