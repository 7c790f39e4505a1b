package web

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/i18n"
)

func TestQueryWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,; ", nil},
		{"Economy weather ECONOMY", []string{"economy", "weather"}},
		{"state-of-the-art don't 2026", []string{"state-of-the-art", "don't", "2026"}},
		{"a b c d e f g h i j", nil},
		{"aa bb cc dd ee ff gg hh ii jj", []string{"aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"}},
		{"t_o", nil},
		{"%_ economía", []string{"economía"}},
	} {
		if d := cmp.Diff(tc.want, queryWords(tc.in)); d != "" {
			t.Errorf("queryWords(%q) (-want +got):\n%s", tc.in, d)
		}
	}
}

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		text  string
		words []string
		want  string
		found []bool
	}{
		{"The economy grew", []string{"economy"}, "The [economy] grew", []bool{true}},
		{"ECONOMY and Economy", []string{"economy"}, "[ECONOMY] and [Economy]", []bool{true}},
		{"weather and economy", []string{"economy", "weather", "rain"}, "[weather] and [economy]", []bool{true, true, false}},
		{"aaa", []string{"aa"}, "[aa]a", []bool{true}},
		{"economía", []string{"mía"}, "econo[mía]", []bool{true}},
		{"İstanbul economy", []string{"economy"}, "İstanbul [economy]", []bool{true}}, // lower-casing changes lengths: exact match
		{"", []string{"x"}, "", []bool{false}},
	} {
		runs, found := highlight(tc.text, tc.words)
		var b strings.Builder
		for _, r := range runs {
			if r.Hit {
				b.WriteString("[" + r.Text + "]")
			} else {
				b.WriteString(r.Text)
			}
		}
		if b.String() != tc.want || !cmp.Equal(found, tc.found) {
			t.Errorf("highlight(%q, %q) = %q %v, want %q %v", tc.text, tc.words, b.String(), found, tc.want, tc.found)
		}
	}
}

// TestPiecesHTML: the Go rendering of pieces is byte for byte what the
// template it replaced produced, hostile text included.
func TestPiecesHTML(t *testing.T) {
	old := template.Must(template.New("p").Parse(`{{range .}}{{if .Ph}}<span class="tag tag-{{.Kind}}" contenteditable="false" draggable="true" data-ph="{{.Ph}}"{{if .Title}} title="{{.Title}}"{{end}}>{{.Label}}</span>{{else if .Term}}<mark class="term" title="{{.Title}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}`))
	for _, ps := range [][]piece{
		nil,
		{{Kind: "text", Text: `a <b> & "c" 'd'`}},
		{{Kind: "open", Ph: "<1>", Label: "a", Title: `href="x" onclick='y'`}, {Kind: "text", Text: "link"}, {Kind: "close", Ph: "</1>", Label: "/a"}},
		{{Kind: "self", Ph: "<2/>", Label: "br"}},
		{{Kind: "term", Term: true, Text: "Fed <x>", Title: `→ "Reserva"`}},
	} {
		var want bytes.Buffer
		if err := old.Execute(&want, ps); err != nil {
			t.Fatal(err)
		}
		if got := string(piecesHTML(ps)); got != want.String() {
			t.Errorf("piecesHTML(%+v)\n got %s\nwant %s", ps, got, want.String())
		}
	}
}

func TestRowAttrs(t *testing.T) {
	es := &editorSeg{ID: "seg_1", Version: 3, Status: "draft", Tags: `{"<1>":{"label":"a"}}`, Comments: 2,
		Grid: gridFields{Kind: "memory", Errors: 1, Changed: true, Exact: true, Unknown: `["x\"y"]`}}
	want := `id="seg-seg_1" data-id="seg_1" data-version="3" data-status="draft" data-tags="{&#34;&lt;1&gt;&#34;:{&#34;label&#34;:&#34;a&#34;}}" ` +
		`data-kind="memory" data-errors="1" data-warnings="0" data-comments="2" data-changed="1" data-exact="1" data-unknown="[&#34;x\&#34;y&#34;]"`
	if got := string(rowAttrs(es)); got != want {
		t.Errorf("rowAttrs\n got %s\nwant %s", got, want)
	}
}

func TestLocalNote(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, note, want string
		words            []string
	}{
		{"es", "Apertium does not know “zxqvb”, “Fed”; left as in the source", "Apertium no conoce “zxqvb”, “Fed”; se dejó como en el original", []string{"zxqvb", "Fed"}},
		{"pt", "the engine added a b tag the source does not have; removed it", "o motor acrescentou uma etiqueta b que o original não tem; foi removida", nil},
		{"en", "the engine split the a tag into 2 parts; rejoined it — check what it covers", "the engine split the a tag into 2 parts; rejoined it — check what it covers", nil},
		{"es", "some other note", "some other note", nil},
	} {
		c := &reqCtx{loc: b.Localizer(tc.lang)}
		got, words := localNote(c, tc.note)
		if got != tc.want || !cmp.Equal(words, tc.words) {
			t.Errorf("%s %q: %q %q, want %q %q", tc.lang, tc.note, got, words, tc.want, tc.words)
		}
	}
}
