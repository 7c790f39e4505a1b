package translate

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

func TestPseudolocalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello", "Ĥéļļö"},
		{"a <1>link</1> &amp; <2/> x&lt;y", "á <1>ļíñķ</1> &amp; <2/> x&lt;ý"},
		{"&quot;so&quot; &#39;t&#39;", "&quot;šö&quot; &#39;ţ&#39;"},
		{"R&D 100%", "Ŕ&Ď 100%"},
		{"ñ café", "ñ çáfé"},
	}
	for _, tt := range tests {
		got := Pseudolocalize(tt.in)
		if got != tt.want {
			t.Errorf("Pseudolocalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPseudoKeepsTags(t *testing.T) {
	src := "Read <1>the <2>full</2> report</1><3/> &amp; more"
	got, err := NewPseudo().Translate(context.Background(), Request{From: "en", To: "pt-BR", Segments: []Segment{{ID: "1", Text: src}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got[0].Text, "[pt-BR] ") {
		t.Errorf("text %q lacks the [pt-BR] marker", got[0].Text)
	}
	if err := inline.Check(src, got[0].Text); err != nil {
		t.Errorf("tags: %v", err)
	}
	ids, _ := inline.IDs(got[0].Text)
	if d := cmp.Diff([]int{1, 2, 3}, ids); d != "" {
		t.Errorf("placeholder order (-want +got):\n%s", d)
	}
}

func TestCopy(t *testing.T) {
	src := []Segment{{ID: "x", Text: "A <1>b</1> &amp; c"}}
	got, err := NewCopy().Translate(context.Background(), Request{From: "en", To: "es", Segments: src})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != src[0].Text || got[0].ID != "x" || got[0].Backend != "copy" {
		t.Errorf("got %+v", got[0])
	}
}

func TestRepairTags(t *testing.T) {
	tests := []struct {
		name, src, target, want string
		notes                   int
		fails                   bool
	}{
		{name: "ok", src: "a <1>b</1>", target: "<1>B</1> A", want: "<1>B</1> A"},
		{name: "split", src: "<1>big house</1>", target: "<1>casa</1> <1>grande</1>", want: "<1>casa grande</1>", notes: 1},
		{name: "stray", src: "a <1>b</1>", target: "a <1>b</1><7/>", want: "a <1>b</1>", notes: 1},
		{name: "keeps escapes", src: "<1>x</1>", target: "&quot;<1>y</1> &amp; <1>z</1>", want: "&quot;<1>y &amp; z</1>", notes: 1},
		{name: "missing", src: "a <1>b</1>", target: "a b", fails: true},
		{name: "missing standalone", src: "a<2/>b", target: "ab", fails: true},
		{name: "crossed", src: "<1>a</1> <2>b</2>", target: "<1>a <2>b</1></2>", fails: true},
		{name: "malformed", src: "<1>a</1>", target: "<1>a</1> <b>", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes, err := RepairTags(Segment{Text: tt.src}, tt.target)
			if tt.fails {
				if !errors.Is(err, inline.ErrTagMismatch) {
					t.Fatalf("err = %v, want ErrTagMismatch", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || len(notes) != tt.notes {
				t.Errorf("got %q with %d notes %q, want %q with %d", got, len(notes), notes, tt.want, tt.notes)
			}
		})
	}
}

func TestParseChain(t *testing.T) {
	tests := []struct {
		in    string
		want  []string
		fails bool
	}{
		{in: "pseudo", want: []string{"pseudo"}},
		{in: " tm, Apertium ", want: []string{"tm", "apertium"}},
		{in: "tm,,copy", fails: true},
		{in: "", fails: true},
		{in: "copy,copy", fails: true},
	}
	for _, tt := range tests {
		got, err := ParseChain(tt.in)
		if (err != nil) != tt.fails {
			t.Errorf("ParseChain(%q) err = %v, want failure %v", tt.in, err, tt.fails)
			continue
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("ParseChain(%q) (-want +got):\n%s", tt.in, d)
		}
	}
}

func TestDefaultChain(t *testing.T) {
	tests := []struct {
		name    string
		modes   []string
		err     error
		want    []string
		explain string
	}{
		{"installed", []string{"eng-spa", "es-pt", "es-pt_BR", "pt-es"}, nil, []string{"apertium", "copy"}, "local Apertium"},
		{"not installed", nil, errors.New("no apertium"), []string{"copy"}, "apt-get install apertium apertium-eng-spa apertium-es-pt"},
		{"pair data missing", []string{"eng-spa"}, nil, []string{"copy"}, "es-pt, es-pt_BR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := DefaultChain(context.Background(), func(context.Context) ([]string, error) { return tt.modes, tt.err })
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("chain (-want +got):\n%s", d)
			}
			if !strings.Contains(why, tt.explain) {
				t.Errorf("explanation %q lacks %q", why, tt.explain)
			}
		})
	}
}

func TestListApertiumModes(t *testing.T) {
	modes, err := ListApertiumModes(context.Background())
	if err != nil {
		if ciRequiresApertium() {
			t.Fatalf("CI=true but Apertium is not usable: %v", err)
		}
		t.Skipf("apertium not installed: %v", err)
	}
	for _, m := range RequiredApertiumModes {
		found := false
		for _, got := range modes {
			found = found || got == m
		}
		if !found {
			t.Errorf("mode %s not listed in %v", m, modes)
		}
	}
}
