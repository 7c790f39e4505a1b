package apertium

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// These tests need no Apertium: they feed decode hand-written engine output.

func TestEncode(t *testing.T) {
	seg := translate.Segment{Text: "A <1>red car</1> by Donald Trump &amp; [co] <2/> 5*"}
	enc, err := encode(seg, []term{{"Donald Trump", "Donald Trump"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `A [<a0>][[t:1]]red[[/]] [[t:1]]car[[/]] by zxqva & \[co\] [<a1>] 5[<a2>][]`
	if d := cmp.Diff(want, enc.stream); d != "" {
		t.Errorf("stream (-want +got):\n%s", d)
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, src, out, want string
		notes, unknown       int
		fails                bool
	}{
		{name: "reordered", src: "A <1>red</1> car.", out: "Un [<a0>]coche [[t:1]]rojo[[/]].[]", want: "Un coche <1>rojo</1>."},
		{name: "nested, shared words", src: "The <1>big <2>white</2> house</1>.",
			out: "La [<a0>][[t:1]]casa[[/]] [<a1>][[t:1; t:2]]blanca[[/]] [[t:1]]grande[[/]].[]", want: "La <1>casa <2>blanca</2> grande</1>."},
		{name: "crossed", src: "<1>Old man</1> <2>dog barks</2>.",
			out: "[<a0>][[t:1]]Viejo[[/]] [<a1>][[t:2]]perro[[/]] [[t:1]]hombre[[/]] [[t:2]]ladra[[/]].[]", fails: true},
		{name: "gap word gets a note", src: "<1>one two</1> three.",
			out: "[<a0>][[t:1]]uno[[/]] tres [[t:1]]dos[[/]].[]", want: "<1>uno tres dos</1>.", notes: 1},
		{name: "lost words: tag to next word", src: "However, <1>it would</1> also be wrong.",
			out: "Aun así, [<a0>]también sería un error.[]", want: "Aun así, <1>también</1> sería un error.", notes: 1},
		{name: "marks stripped", src: "The zorblax in the 1980s.",
			out: "El *zorblax en el \\@1980s.[]", want: "El zorblax en el 1980s.", unknown: 2},
		{name: "mark after a number", src: "It was paid $2.4m by 24-year-old André.",
			out: "Estuvo pagado $2.4*m por de24años*André.[]", want: "Estuvo pagado $2.4m por de24añosAndré.", unknown: 2},
		{name: "standalone and escapes", src: "a<1/>b &lt;c&gt;", out: "a[<a0>]b \\<c\\>[]", want: "a<1/>b &lt;c&gt;"},
		{name: "atom lost", src: "a<1/>b", out: "ab[]", fails: true},
		{name: "atom duplicated", src: "a<1/>b", out: "a[<a0>]b[<a0>][]", fails: true},
		{name: "unknown tag", src: "a b", out: "[[t:9]]a[[/]] b", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg := translate.Segment{Text: tt.src}
			enc, err := encode(seg, nil)
			if err != nil {
				t.Fatal(err)
			}
			d, err := decode(seg, tt.out, enc)
			if tt.fails {
				if !errors.Is(err, inline.ErrTagMismatch) {
					t.Fatalf("err = %v, want ErrTagMismatch (got %q)", err, d.text)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.text != tt.want || len(d.notes) != tt.notes || len(d.unknown) != tt.unknown {
				t.Errorf("got %q notes %q unknown %q; want %q with %d notes, %d unknown", d.text, d.notes, d.unknown, tt.want, tt.notes, tt.unknown)
			}
		})
	}
}

func TestDecodeTerms(t *testing.T) {
	seg := translate.Segment{Text: "Trump bombed <1>Donald Trump</1>."}
	enc, err := encode(seg, []term{{"Donald Trump", "Donald Trump"}, {"Trump", "Trump"}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := decode(seg, "*zxqva Bombardeó [<a0>][[t:1]]*zxqvb[[/]].[]", enc)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Trump bombardeó <1>Donald Trump</1>."; d.text != want || len(d.unknown) != 0 {
		t.Errorf("got %q (unknown %q), want %q", d.text, d.unknown, want)
	}
}

func TestFindNames(t *testing.T) {
	segs := []translate.Segment{
		{Text: "The juggernaut of Donald Trump dominated 2025, said Keir Starmer's aide."},
		{Text: "Latin America and the White House; Prime Minister Jones; The War On Venezuela."},
		{Text: "Luiz Inácio Lula da Silva left Cais do Sodré by ferry, as Jones do every day."},
		{Text: "Mayor Patricia O'Connell met the O'Brien family and President Donald Trump in New York."},
	}
	want := []string{"Donald Trump", "Trump", "Keir Starmer", "Starmer", "Luiz Inácio Lula da Silva", "Silva", "Cais do Sodré", "Sodré",
		"Patricia O'Connell", "O'Connell", "O'Brien"}
	if d := cmp.Diff(want, findNames(segs)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestParsePipeline(t *testing.T) {
	got, err := parsePipeline(`lt-proc -z '/a b/x.bin' | apertium-tagger -z -g $2 'p' | lt-proc -z $1 'g.bin'`, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []stage{{"lt-proc", "-z", "/a b/x.bin"}, {"apertium-tagger", "-z", "-g", "p"}, {"lt-proc", "-z", "-g", "g.bin"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if _, err := parsePipeline(`lt-proc 'x`, true); err == nil {
		t.Error("unterminated quote accepted")
	}
}

func TestChunks(t *testing.T) {
	idx := make([]int, 10)
	for i := range idx {
		idx[i] = i
	}
	tests := []struct {
		n, least int
		want     [][]int
	}{
		{2, 4, [][]int{{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}}},
		{4, 8, [][]int{idx}},
		{1, 1, [][]int{idx}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, chunks(idx, tt.n, tt.least)); d != "" {
			t.Errorf("chunks(10, %d, %d) (-want +got):\n%s", tt.n, tt.least, d)
		}
	}
}
