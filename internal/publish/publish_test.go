package publish

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

type fakeLoc struct{}

func (fakeLoc) T(id string, kv ...any) string { return id }
func (fakeLoc) LangName(tag string) string    { return "name:" + tag }

func TestHTMLInline(t *testing.T) {
	link := inline.Tag{ID: 1, Name: "a", Paired: true, Attrs: map[string]string{"href": "https://example.org/a?b=1&c=2"}}
	for _, tc := range []struct {
		name, text string
		tags       []inline.Tag
		want       string
	}{
		{"plain", "a &lt;b&gt; &amp; c", nil, "a &lt;b&gt; &amp; c"},
		{"link", "see <1>this</1>.", []inline.Tag{link}, `see <a href="https://example.org/a?b=1&amp;c=2" rel="noopener">this</a>.`},
		{"javascript link dropped", "x <1>y</1>", []inline.Tag{{ID: 1, Name: "a", Paired: true, Attrs: map[string]string{"href": "javascript:alert(1)"}}}, "x <a>y</a>"},
		{"unknown element dropped", "<1>hi</1>", []inline.Tag{{ID: 1, Name: "script", Paired: true}}, "hi"},
		{"undefined placeholder dropped", "<1>hi</1><2/>", nil, "hi"},
		{"break", "a<1/>b", []inline.Tag{{ID: 1, Name: "br"}}, "a<br>b"},
		{"quote in attribute", "<1>x</1>", []inline.Tag{{ID: 1, Name: "a", Paired: true, Attrs: map[string]string{"href": `/p"onmouseover="x`}}}, `<a href="/p%22onmouseover=%22x">x</a>`},
	} {
		got, err := HTML(tc.text, tc.tags)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: HTML = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRender(t *testing.T) {
	link := inline.Tag{ID: 1, Name: "a", Paired: true, Attrs: map[string]string{"href": "https://example.org/"}}
	p := Page{
		Lang: "es", SourceLang: "en", Slug: "war", Title: "La guerra <script>", URL: "http://x/es/war", Version: 2,
		PublishedAt: time.Date(2026, 1, 29, 10, 0, 0, 0, time.UTC),
		Blocks: []Block{
			{Kind: "heading", Level: 1, Text: "La guerra &lt;script&gt;"},
			{Kind: "paragraph", Text: "Ver <1>aquí</1>.", Tags: []inline.Tag{link}},
			{Kind: "list_item", Level: 1, Text: "uno"},
			{Kind: "list_item", Level: 1, Text: "dos"},
			{Kind: "quote", Text: "cita"},
		},
		Alternates: []Alternate{{Lang: "pt-BR", URL: "http://x/pt-BR/war"}},
	}
	out, err := Render(p, fakeLoc{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<html lang="es">`,
		`<title>La guerra &lt;script&gt;</title>`,
		`<link rel="alternate" hreflang="pt-BR" href="http://x/pt-BR/war">`,
		`<h1>La guerra &lt;script&gt;</h1>`,
		`<p>Ver <a href="https://example.org/" rel="noopener">aquí</a>.</p>`,
		`<ul><li>uno</li>`, `<li>dos</li></ul>`,
		`<blockquote>cita</blockquote>`,
	} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, out.HTML)
		}
	}
	wantMD := "---\ntitle: \"La guerra <script>\"\ndate: \"2026-01-29T10:00:00Z\"\nupdated: \"2026-01-29T10:00:00Z\"\nlang: \"es\"\n" +
		"original: \"\"\noriginal_lang: \"en\"\nversion: 2\nurl: \"http://x/es/war\"\n---\n\n" +
		"# La guerra \\<script>\n\nVer [aquí](https://example.org/).\n\n- uno\n- dos\n\n> cita\n"
	if d := cmp.Diff(wantMD, out.Markdown); d != "" {
		t.Errorf("Markdown (-want +got):\n%s", d)
	}
	var doc struct {
		Version int `json:"version"`
		Blocks  []struct{ Kind, Text string }
	}
	if err := json.Unmarshal([]byte(out.JSON), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 2 || len(doc.Blocks) != 5 || doc.Blocks[1].Text != "Ver aquí." {
		t.Errorf("JSON = %s", out.JSON)
	}
}

func TestWithAlternates(t *testing.T) {
	p := Page{Lang: "es", SourceLang: "en", Slug: "s", Title: "t", URL: "http://x/es/s", Version: 1,
		Blocks: []Block{{Kind: "paragraph", Text: "hola"}}}
	out, err := Render(p, fakeLoc{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.HTML, `hreflang="pt-BR"`) {
		t.Fatal("alternate before any was given")
	}
	self := Alternate{Lang: "es", URL: p.URL}
	page := WithAlternates(out.HTML, self, []Alternate{{Lang: "pt-BR", URL: "http://x/pt-BR/s?a=1&b=2"}}, "", fakeLoc{})
	for _, want := range []string{
		`<link rel="alternate" hreflang="pt-BR" href="http://x/pt-BR/s?a=1&amp;b=2">`,
		`PageOtherLanguages: <a href="http://x/pt-BR/s?a=1&amp;b=2" hreflang="pt-BR">name:pt-BR</a>`,
		`<p>hola</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if again := WithAlternates(page, self, nil, "", fakeLoc{}); strings.Contains(again, "pt-BR") {
		t.Error("alternates not removed")
	}
}

// TestWithAlternatesOldXDefault: a page stored when each page named itself
// x-default (after the alternates region) is served with the cluster's one
// x-default only.
func TestWithAlternatesOldXDefault(t *testing.T) {
	p := Page{Lang: "pt-BR", SourceLang: "en", Slug: "s", Title: "t", URL: "http://x/pt-BR/s", Version: 1,
		Blocks: []Block{{Kind: "paragraph", Text: "olá"}}}
	out, err := Render(p, fakeLoc{})
	if err != nil {
		t.Fatal(err)
	}
	old := replaceRegion(out.HTML, headOpen, headClose, headOpen+headClose)
	old = strings.Replace(old, headClose, headClose+"\n"+`<link rel="alternate" hreflang="x-default" href="http://x/pt-BR/s">`, 1)
	page := WithAlternates(old, Alternate{Lang: "pt-BR", URL: p.URL}, []Alternate{{Lang: "es", URL: "http://x/es/s"}}, "", fakeLoc{})
	if got := strings.Count(page, `hreflang="x-default"`); got != 1 || !strings.Contains(page, `<link rel="alternate" hreflang="x-default" href="http://x/es/s">`) {
		t.Errorf("%d x-default links, want one to the es page:\n%s", got, page)
	}
	withOriginal := WithAlternates(out.HTML, Alternate{Lang: "pt-BR", URL: p.URL}, nil, "https://orig.example/s", fakeLoc{})
	if strings.Contains(withOriginal, `hreflang="x-default" href="http://x/`) {
		t.Errorf("x-default names an edition although the original is known:\n%s", withOriginal)
	}
}

func TestBylineAnd(t *testing.T) {
	for _, tc := range []struct{ byline, and, want string }{
		{"Renée Dubois and Tomás Ibáñez", "y", "Renée Dubois y Tomás Ibáñez"},
		{"Renée Dubois and Inés Ibáñez", "y", "Renée Dubois e Inés Ibáñez"},
		{"Ana Ruiz and Hilario Paz", "y", "Ana Ruiz e Hilario Paz"},
		{"Ana Ruiz and Hierro Paz", "y", "Ana Ruiz y Hierro Paz"},
		{"Ana Ruiz, Bea Paz, and Carla Gil", "e", "Ana Ruiz, Bea Paz e Carla Gil"},
		{"Ana Ruiz and Bea Paz", "and", "Ana Ruiz and Bea Paz"},
		{"Alexander Anderson", "y", "Alexander Anderson"},
		{"Jane Doe", "e", "Jane Doe"},
	} {
		if got := bylineAnd(tc.byline, tc.and); got != tc.want {
			t.Errorf("bylineAnd(%q, %q) = %q, want %q", tc.byline, tc.and, got, tc.want)
		}
	}
}
