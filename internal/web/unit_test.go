package web

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

func TestWordDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want []diffOp
	}{
		{"", "", nil},
		{"same text", "same text", []diffOp{{"eq", "same text"}}},
		{"the red car", "the blue car", []diffOp{{"eq", "the "}, {"del", "red"}, {"ins", "blue"}, {"eq", " car"}}},
		{"a b", "a b c", []diffOp{{"eq", "a b"}, {"ins", " c"}}},
		{"Olá, mundo!", "Olá mundo!", []diffOp{{"eq", "Olá"}, {"del", ","}, {"eq", " mundo!"}}},
		{"", "new", []diffOp{{"ins", "new"}}},
	} {
		if d := cmp.Diff(tc.want, wordDiff(tc.a, tc.b)); d != "" {
			t.Errorf("wordDiff(%q, %q) (-want +got):\n%s", tc.a, tc.b, d)
		}
	}
}

func TestPieces(t *testing.T) {
	tags := map[int]inline.Tag{1: {ID: 1, Name: "a", Attrs: map[string]string{"href": "https://example.com"}, Paired: true}, 2: {ID: 2, Name: "br"}}
	for _, tc := range []struct {
		name, in string
		terms    []Term
		want     []piece
	}{
		{"text", "a &lt;b&gt; &amp; c", nil, []piece{{Kind: "text", Text: "a <b> & c"}}},
		{"tags", "see <1>this</1><2/>", nil, []piece{
			{Kind: "text", Text: "see "},
			{Kind: "open", Ph: "<1>", Label: "a", Title: "https://example.com"},
			{Kind: "text", Text: "this"},
			{Kind: "close", Ph: "</1>", Label: "/a", Title: "https://example.com"},
			{Kind: "self", Ph: "<2/>", Label: "br/"},
		}},
		{"unknown tag", "<7/>", nil, []piece{{Kind: "self", Ph: "<7/>", Label: "7/"}}},
		{"malformed shows as text", "a <b> c", nil, []piece{{Kind: "text", Text: "a <b> c"}}},
		{"terms, case-insensitive, longest first", "The Central Bank and the bank", []Term{{Source: "bank", Target: "banco"}, {Source: "central bank", Target: "banco central"}},
			[]piece{{Kind: "text", Text: "The "}, {Kind: "term", Term: true, Text: "Central Bank", Title: "banco central"}, {Kind: "text", Text: " and the "},
				{Kind: "term", Term: true, Text: "bank", Title: "banco"}}},
	} {
		if d := cmp.Diff(tc.want, pieces(tc.in, tags, tc.terms)); d != "" {
			t.Errorf("%s: pieces(%q) (-want +got):\n%s", tc.name, tc.in, d)
		}
	}
}

func TestLocalRedirect(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "/",
		"/editions/x?y=1#seg-2": "/editions/x?y=1#seg-2",
		"//evil.example":        "/",
		"/\\evil.example":       "/",
		"https://evil.example/": "/",
		"javascript:alert(1)":   "/",
		"editions":              "/",
	} {
		if got := localRedirect(in, "/"); got != want {
			t.Errorf("localRedirect(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatter(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 5, 14, 7, 0, 0, time.UTC)
	var got []string
	for _, lang := range []string{"en", "es", "pt"} {
		f := newFormatter(b.Localizer(lang))
		got = append(got, f.Date(at), f.Num(12345), f.Percent(9, 20), f.Duration(3*time.Hour))
	}
	want := []string{
		"Mar 5, 2026, 14:07 UTC", "12,345", "45%", "3 h",
		"5 mar 2026, 14:07 UTC", "12.345", "45\u00a0%", "3 h",
		"5 de mar de 2026, 14:07 UTC", "12.345", "45%", "3 h",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("formats (-want +got):\n%s", d)
	}
}

// TestCompareSentences: a changed sentence is paired with its new wording;
// a sentence dropped next to an unrelated one added (a correction that
// removes one fact and adds another) is a removal and an addition, not a
// change.
func TestCompareSentences(t *testing.T) {
	kinds := func(rows []compareRow) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.Kind)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		a, b []string
		want []string
	}{
		{"one word changed",
			[]string{"El consejo votó 23 a 4 el martes.", "Las obras empiezan en diciembre."},
			[]string{"El consejo votó 22 a 5 el martes.", "Las obras empiezan en diciembre."},
			[]string{"changed", "same"}},
		{"one removed where another was added",
			[]string{"La reunión será el 19 de enero.", "Los vecinos pueden escribir a obras@example.org.", "Otra votación llegará en primavera."},
			[]string{"La reunión será el 19 de enero.", "Se prevé una audiencia pública el 8 de diciembre.", "Otra votación llegará en primavera."},
			[]string{"same", "removed", "added", "same"}},
		{"added at the end", []string{"Uno."}, []string{"Uno.", "Dos."}, []string{"same", "added"}},
	} {
		if d := cmp.Diff(tc.want, kinds(compareSentences(tc.a, tc.b))); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
}

// TestDisabledReason: the reasons pressroom writes when it disables a
// webhook are shown in the reader's language (they were English on every
// screen); another text is shown as stored.
func TestDisabledReason(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	since := time.Date(2026, 3, 5, 14, 7, 0, 0, time.UTC)
	var got []string
	for _, lang := range []string{"en", "es", "pt"} {
		l := b.Localizer(lang)
		for _, reason := range []string{pipeline.DisabledGone, pipeline.DisabledFailing(since), store.DisabledDeleted, "turned off by Ana"} {
			got = append(got, disabledReason(l, reason))
		}
	}
	want := []string{
		"the receiver answered 410 Gone (it no longer wants these calls)", "every call failed since Mar 5, 2026, 14:07 UTC", "deleted", "turned off by Ana",
		"el receptor respondió 410 Gone (ya no quiere estas llamadas)", "todas las llamadas fallaron desde 5 mar 2026, 14:07 UTC", "eliminado", "turned off by Ana",
		"o receptor respondeu 410 Gone (não quer mais estas chamadas)", "todas as chamadas falharam desde 5 de mar de 2026, 14:07 UTC", "excluído", "turned off by Ana",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("reasons (-want +got):\n%s", d)
	}
}
