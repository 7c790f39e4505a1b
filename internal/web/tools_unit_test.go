package web

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/note"
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

func TestUnknownWords(t *testing.T) {
	notes := []note.Note{
		note.New(note.UnknownWord, "word", "zxqvb"),
		note.New(note.TagDropped, "tag", "b"),
		note.New(note.PivotLeftover, "word", "ciudad", "source", "city"),
		note.New(note.UnknownWord, "word", "zxqvb"),
		note.New(note.UnknownWord),
	}
	if d := cmp.Diff([]string{"zxqvb", "ciudad"}, unknownWords(notes)); d != "" {
		t.Errorf("unknownWords (-want +got):\n%s", d)
	}
}

// TestToolMessagesTranslated fails when a string the tools' scripts show
// is missing from a locale (the localizer then answers with the id).
func TestToolMessagesTranslated(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "es", "pt"} {
		l := b.Localizer(lang)
		for id, text := range toolMessages(l) {
			if text == "" || text == id {
				t.Errorf("%s: %s is not translated", lang, id)
			}
		}
	}
}
