package importer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name, in  string
		wantTitle string
		want      []document.Block
	}{
		{"blocks and inline tags",
			`<h2>Sub</h2><p>A <a href="/x" title="T" onclick="evil()">link</a>, <em>em</em>, <strong>s</strong>, <i>i</i>, <b>b</b>, <code>c</code>.</p>`,
			"", // an h2 is a section heading, never the headline
			[]document.Block{
				{Kind: document.Heading, Level: 2, Text: "Sub"},
				{Kind: document.Paragraph, Text: "A <1>link</1>, <2>em</2>, <3>s</3>, <4>i</4>, <5>b</5>, <6>c</6>.", Tags: []inline.Tag{
					pair(1, "a", map[string]string{"href": "/x", "title": "T"}), pair(2, "em", nil), pair(3, "strong", nil),
					pair(4, "i", nil), pair(5, "b", nil), pair(6, "code", nil),
				}},
			}},
		{"white space collapses, br and img are standalone",
			"<p>  One\n   two<br/>three <img src=\"x.png\" alt=\"An X\"> four </p>",
			"",
			[]document.Block{
				{Kind: document.Paragraph, Text: "One two<1/>three <2/> four", Tags: []inline.Tag{
					self(1, "br", nil), self(2, "img", map[string]string{"src": "x.png", "alt": "An X"}),
				}},
			}},
		{"quotes, lists and captions",
			`<blockquote><p>Q1.</p><blockquote>Q2.</blockquote></blockquote><ol><li>One<ul><li>Sub</li></ul></li></ol><figure><img src="a.jpg" alt="A"><figcaption>Cap <em>x</em>.</figcaption></figure>`,
			"",
			[]document.Block{
				{Kind: document.Quote, Level: 1, Text: "Q1."},
				{Kind: document.Quote, Level: 2, Text: "Q2."},
				{Kind: document.ListItem, Level: 1, Ordered: true, Text: "One"},
				{Kind: document.ListItem, Level: 2, Text: "Sub"},
				{Kind: document.Paragraph, Text: "<1/>", Tags: []inline.Tag{self(1, "img", map[string]string{"src": "a.jpg", "alt": "A"})}},
				{Kind: document.Caption, Text: "Cap <1>x</1>.", Tags: []inline.Tag{pair(1, "em", nil)}},
			}},
		{"script, style, forms and navigation are dropped; unknown elements unwrapped",
			`<html><head><title> The  title </title><style>p{}</style></head><body><nav><a href="/">Home</a></nav><aside class="related"><h3>Related</h3><ul><li><a href="/x">Budget hearings begin</a></li></ul></aside><script>document.write("x. Y.")</script><div>Loose <span>text</span> <x-widget>inside</x-widget>.</div><form><input value=v><button>Go</button></form><noscript>No JS.</noscript></body></html>`,
			"The title",
			[]document.Block{{Kind: document.Paragraph, Text: "Loose text inside."}}},
		{"a page with an article drops the site's header and footer, keeps the story's",
			`<body><header><a href="/">The Courier</a></header><main><article><header><h1>Budget passes</h1><p>By Ana</p></header><p>Text.</p><footer>Correction: a date was wrong.</footer></article></main><footer>© 2026 The Courier</footer></body>`,
			"Budget passes",
			[]document.Block{
				{Kind: document.Heading, Level: 1, Text: "Budget passes"}, // "By Ana" is the byline
				{Kind: document.Paragraph, Text: "Text."},
				{Kind: document.Paragraph, Text: "Correction: a date was wrong."},
			}},
		{"a fragment without an article keeps its header and footer",
			`<header><h2>Sub</h2></header><p>Text.</p><footer>Note.</footer>`,
			"",
			[]document.Block{
				{Kind: document.Heading, Level: 2, Text: "Sub"},
				{Kind: document.Paragraph, Text: "Text."},
				{Kind: document.Paragraph, Text: "Note."},
			}},
		{"anchors without href are not tags; empty markup is dropped",
			`<p><a id="top"></a><a name="x">Named</a> <em></em>text <a href="/y"></a>end.</p>`,
			"",
			[]document.Block{{Kind: document.Paragraph, Text: "Named text end."}}},
		{"entities are decoded then re-escaped",
			`<p>x &lt; 5 &amp;&amp; y &gt; 3 &copy;</p>`,
			"",
			[]document.Block{{Kind: document.Paragraph, Text: "x &lt; 5 &amp;&amp; y &gt; 3 ©"}}},
		{"pre keeps its white space",
			"<pre>a  b\n c</pre>",
			"",
			[]document.Block{{Kind: document.Paragraph, Text: "<1>a  b\n c</1>", Tags: []inline.Tag{pair(1, "pre", nil)}}}},
		{"pre with code is one pre, its language kept",
			"<pre><code class=\"language-go x\">a := 1\nb()</code></pre><pre><code class=\"language- \">c</code></pre>",
			"",
			[]document.Block{
				{Kind: document.Paragraph, Text: "<1>a := 1\nb()</1>", Tags: []inline.Tag{pair(1, "pre", map[string]string{"lang": "go"})}},
				{Kind: document.Paragraph, Text: "<1>c</1>", Tags: []inline.Tag{pair(1, "pre", nil)}},
			}},
		{"tag soup",
			`<p>One <b>bold <i>both</b> italic?</i><p>Two`,
			"",
			[]document.Block{
				{Kind: document.Paragraph, Text: "One <1>bold <2>both</2></1><3> italic?</3>", Tags: []inline.Tag{pair(1, "b", nil), pair(2, "i", nil), pair(3, "i", nil)}},
				{Kind: document.Paragraph, Text: "Two"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("html", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", got.Title, tt.wantTitle)
			}
			if d := cmp.Diff(tt.want, got.Blocks); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
