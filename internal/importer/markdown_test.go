package importer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

func pair(id int, name string, attrs map[string]string) inline.Tag {
	return inline.Tag{ID: id, Name: name, Attrs: attrs, Paired: true}
}

func self(id int, name string, attrs map[string]string) inline.Tag {
	return inline.Tag{ID: id, Name: name, Attrs: attrs}
}

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		want     []document.Block
	}{
		{"CommonMark paragraphs keep soft breaks as spaces",
			"# Title\n\nFirst line\nsame paragraph.\n\nSecond *para* with **strong** and `x < 1`.",
			[]document.Block{
				{Kind: document.Heading, Level: 1, Text: "Title"},
				{Kind: document.Paragraph, Text: "First line same paragraph."},
				{Kind: document.Paragraph, Text: "Second <1>para</1> with <2>strong</2> and <3>x &lt; 1</3>.",
					Tags: []inline.Tag{pair(1, "em", nil), pair(2, "strong", nil), pair(3, "code", nil)}},
			}},
		{"scraped: single newlines separate paragraphs",
			"First paragraph with a [link](https://a.example/x \"T\").\nSecond paragraph.\nThird [unclosed paragraph.",
			[]document.Block{
				{Kind: document.Paragraph, Text: "First paragraph with a <1>link</1>.",
					Tags: []inline.Tag{pair(1, "a", map[string]string{"href": "https://a.example/x", "title": "T"})}},
				{Kind: document.Paragraph, Text: "Second paragraph."},
				{Kind: document.Paragraph, Text: "Third [unclosed paragraph."},
			}},
		{"scraped: a wrapped line still continues",
			"This line goes on\nin lower case.\nNext one.",
			[]document.Block{
				{Kind: document.Paragraph, Text: "This line goes on in lower case."},
				{Kind: document.Paragraph, Text: "Next one."},
			}},
		{"link and image destinations and titles resolve escapes and entities",
			"See [the rates](https://x.example/a\\_b?x=1&amp;y=2 \"T \\\"q\\\" &amp; z\") ![A](p\\_q.jpg 'it\\'s').\n\n[Ref][r].\n\n[r]: https://r.example/a\\*b \"Ref &quot;t&quot;\"\n",
			[]document.Block{
				{Kind: document.Paragraph, Text: "See <1>the rates</1> <2/>.", Tags: []inline.Tag{
					pair(1, "a", map[string]string{"href": "https://x.example/a_b?x=1&y=2", "title": `T "q" & z`}),
					self(2, "img", map[string]string{"src": "p_q.jpg", "alt": "A", "title": "it's"}),
				}},
				{Kind: document.Paragraph, Text: "<1>Ref</1>.", Tags: []inline.Tag{pair(1, "a", map[string]string{"href": "https://r.example/a*b", "title": `Ref "t"`})}},
			}},
		{"setext heading survives the scraped rule",
			"Title\n=====\nBody text.",
			[]document.Block{
				{Kind: document.Heading, Level: 1, Text: "Title"},
				{Kind: document.Paragraph, Text: "Body text."},
			}},
		{"quotes and nested lists",
			"> Quoted *text*.\n> More.\n\n1. One\n2. Two\n   - Sub\n",
			[]document.Block{
				{Kind: document.Quote, Level: 1, Text: "Quoted <1>text</1>. More.", Tags: []inline.Tag{pair(1, "em", nil)}},
				{Kind: document.ListItem, Level: 1, Ordered: true, Text: "One"},
				{Kind: document.ListItem, Level: 1, Ordered: true, Text: "Two"},
				{Kind: document.ListItem, Level: 2, Text: "Sub"},
			}},
		{"images keep alt text as an attribute",
			"See ![a *red* crane](c.jpg \"Crane\") here.\n\n![alone](d.png)",
			[]document.Block{
				{Kind: document.Paragraph, Text: "See <1/> here.",
					Tags: []inline.Tag{self(1, "img", map[string]string{"src": "c.jpg", "alt": "a red crane", "title": "Crane"})}},
				{Kind: document.Paragraph, Text: "<1/>", Tags: []inline.Tag{self(1, "img", map[string]string{"src": "d.png", "alt": "alone"})}},
			}},
		{"autolinks, hard breaks, escapes and entities",
			"Mail <a@b.example> or <https://c.example>.  \nNext \\*not em\\* &amp; &copy;.\n\nEnd.",
			[]document.Block{
				{Kind: document.Paragraph, Text: "Mail <1>a@b.example</1> or <2>https://c.example</2>.<3/>Next *not em* &amp; ©.",
					Tags: []inline.Tag{
						pair(1, "a", map[string]string{"href": "mailto:a@b.example"}),
						pair(2, "a", map[string]string{"href": "https://c.example"}),
						self(3, "br", nil),
					}},
				{Kind: document.Paragraph, Text: "End."},
			}},
		{"nested emphasis inside a link",
			"A [**bold** link](/x) and ***both***.",
			[]document.Block{
				{Kind: document.Paragraph, Text: "A <1><2>bold</2> link</1> and <3><4>both</4></3>.",
					Tags: []inline.Tag{pair(1, "a", map[string]string{"href": "/x"}), pair(2, "strong", nil), pair(3, "em", nil), pair(4, "strong", nil)}},
			}},
		{"code block is one protected block",
			"Text.\n\n```go\nx := 1. Y\n```\n",
			[]document.Block{
				{Kind: document.Paragraph, Text: "Text."},
				{Kind: document.Paragraph, Text: "<1>x := 1. Y</1>", Tags: []inline.Tag{pair(1, "pre", map[string]string{"lang": "go"})}},
			}},
		{"raw HTML block goes through the HTML importer",
			"Intro.\n\n<div><p>From <em>HTML</em>.</p><script>x()</script></div>\n\nOutro.",
			[]document.Block{
				{Kind: document.Paragraph, Text: "Intro."},
				{Kind: document.Paragraph, Text: "From <1>HTML</1>.", Tags: []inline.Tag{pair(1, "em", nil)}},
				{Kind: document.Paragraph, Text: "Outro."},
			}},
		{"empty emphasis and links leave no placeholder",
			"A [](/x) b ** c.",
			[]document.Block{{Kind: document.Paragraph, Text: "A b ** c."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("markdown", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got.Blocks); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
