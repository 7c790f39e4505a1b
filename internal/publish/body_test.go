package publish_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/publish"
)

// blocksOf imports a body and turns its blocks into publish blocks, as the
// pipeline does for an edition whose segments all equal their source.
func blocksOf(t *testing.T, format, body string) []publish.Block {
	t.Helper()
	doc, err := importer.Parse(format, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []publish.Block
	for _, b := range doc.Blocks {
		out = append(out, publish.Block{Kind: string(b.Kind), Level: b.Level, Ordered: b.Ordered, Text: b.Text, Tags: b.Tags})
	}
	return out
}

// TestBodyRoundTrip: importing and rendering canonical Markdown or HTML
// gives it back, so markup survives the trip through segments.
func TestBodyRoundTrip(t *testing.T) {
	for _, tc := range []struct{ name, format, in string }{
		{"markdown inline", "markdown", "The workers called a [general strike](https://example.org/strike) on *Saturday*, **all** `day`.\n"},
		{"markdown titles", "markdown", "See [the code](https://example.org/code \"Municipal code\").\n\n![Workers on the bridge](https://img.example.org/sao-joao.jpg \"The bridge, closed since September\")\n"},
		{"markdown blocks", "markdown", "# Port strike\n\n## Why\n\nFirst.\n\n- one\n- two\n\n1. first\n2. second\n\n> A quote.\n"},
		{"markdown code spans are literal", "markdown", "Use `fee_per_teu`, `C:\\temp\\*.txt`, ``a ` b`` and `` `x` ``.\n"},
		{"markdown image title", "markdown", "![Dredger at work](https://img.example.org/dredger.jpg \"The \\\"Hercules\\\" in 2024\")\n"},
		{"markdown code block", "markdown", "Run:\n\n```python\nfor i in range(3):\n    print(i < 2 and `x`)\n```\n\nEnd.\n"},
		{"html pre", "html", "<p>Run:</p>\n<pre><code>for i in x:\n    go(&lt;a&gt;)</code></pre>\n<pre><code class=\"language-go\">x := 1</code></pre>\n"},
		{"html figure", "html", "<p>Fares rise.</p>\n<figure><p><img src=\"https://img.example.org/ferry.jpg\" alt=\"A ferry\"></p>\n<figcaption>A ferry leaves. Photo: Ana Lima.</figcaption></figure>\n<p>More.</p>\n"},
		{"html caption alone", "html", "<ul><li>one</li></ul>\n<figure><figcaption>Photo: Ana Lima.</figcaption></figure>\n"},
		{"markdown paragraphs that open like other blocks", "markdown", "Orwell wrote.\n\n1984\\. That was the year.\n\n2\\) two\n\n\\- dash\n\n\\+ plus\n\n\\# hash\n\n\\> gt\n\nLine\\\n\\=====\n\n\\~~~ tilde\n\n- 1984\\. A year\n"},
		{"html inline quotation", "html", "<p>He said <q>yes</q>, then <q>no</q>.</p>\n"},
		{"html text-level semantics", "html", "<p><del>5</del> <ins>6</ins> people, <abbr title=\"North Atlantic Treaty Organization\">NATO</abbr>, <cite>The Times</cite>, <mark>new</mark>, <small>ad</small>.</p>\n"},
		{"html", "html", "<h2>Harbour</h2>\n<p>Ships <a href=\"https://example.org/\" rel=\"noopener\">wait</a> <em>here</em>.</p>\n<ul><li>one</li>\n<li>two</li></ul>\n"},
	} {
		blocks := blocksOf(t, tc.format, tc.in)
		render := publish.BodyMarkdown
		if tc.format == "html" {
			render = publish.BodyHTML
		}
		got, err := render(blocks)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.in, got); d != "" {
			t.Errorf("%s (-in +out):\n%s", tc.name, d)
		}
	}
}

func TestBodyRefusesMalformedText(t *testing.T) {
	for _, render := range []func([]publish.Block) (string, error){publish.BodyMarkdown, publish.BodyHTML} {
		if _, err := render([]publish.Block{{Kind: "paragraph", Text: "broken <1 tag"}}); err == nil {
			t.Error("malformed tagged text rendered without an error")
		}
	}
}

// TestMarkdownDestinations: an image or link address with parentheses
// reads back as the same address (a ")" ended it early, an unbalanced "("
// left the image or link unparsed).
func TestMarkdownDestinations(t *testing.T) {
	for _, tc := range []struct{ name, in, attr string }{
		{"image with parentheses", `<p><img src="https://img.example.org/bridge_(1).jpg" alt="Bridge"></p>`, "src"},
		{"image with an unbalanced parenthesis", `<p><img src="https://img.example.org/bridge_(1.jpg" alt="Bridge"></p>`, "src"},
		{"link with parentheses", `<p><a href="https://en.example.org/wiki/Port_(harbour)">port</a></p>`, "href"},
	} {
		blocks := blocksOf(t, "html", tc.in)
		want := blocks[0].Tags[0].Attrs[tc.attr]
		md, err := publish.BodyMarkdown(blocks)
		if err != nil {
			t.Fatal(err)
		}
		back := blocksOf(t, "markdown", md)
		if len(back) != 1 || len(back[0].Tags) != 1 {
			t.Fatalf("%s: %q reads back as %+v", tc.name, md, back)
		}
		got := back[0].Tags[0].Attrs[tc.attr]
		if got != want {
			t.Errorf("%s: %q reads back with %s %q, want %q", tc.name, md, tc.attr, got, want)
		}
	}
}

// TestQuotationInMarkdown: an HTML <q> keeps its quotation marks in
// Markdown, which has no element for it.
func TestQuotationInMarkdown(t *testing.T) {
	got, err := publish.BodyMarkdown(blocksOf(t, "html", "<p>He said <q>yes</q>.</p>"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff("He said \"yes\".\n", got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
