package importer

import "testing"

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"prose", "The workers called a general strike on Saturday.", "text"},
		{"prose with punctuation", "Prices rose 5% (a record) - said the minister; 2*3 is six.", "text"},
		{"snake_case words", "Set max_size and min_size in the file.", "text"},
		{"link", "The workers called a [general strike](https://example.org/strike).", "markdown"},
		{"image", "![a dock](dock.png)", "markdown"},
		{"reference link", "See [the vote][1].\n\n[1]: https://example.org/vote", "markdown"},
		{"emphasis", "They stopped on *Saturday*.", "markdown"},
		{"underscore emphasis", "They stopped on _Saturday_.", "markdown"},
		{"strong", "It was **final**.", "markdown"},
		{"code", "Run `pressroom serve` first.", "markdown"},
		{"heading", "# Port strike\n\nDock workers voted.", "markdown"},
		{"fence", "```\ncode\n```", "markdown"},
		{"hash not heading", "#hashtag of the day", "text"},
		{"html paragraph", "<p>Ships <em>wait</em>.</p>", "html"},
		{"html document", "<!DOCTYPE html>\n<html><body><h1>Harbour</h1></body></html>", "html"},
		{"html after comment", "<!-- from the CMS -->\n<h2>Harbour</h2>", "html"},
		{"angle bracket prose", "<3 from the docks", "text"},
		{"empty", "", "text"},
	} {
		if got := Detect([]byte(tc.body)); got != tc.want {
			t.Errorf("%s: Detect(%q) = %q, want %q", tc.name, tc.body, got, tc.want)
		}
	}
}

func TestFormatOfName(t *testing.T) {
	for name, want := range map[string]string{
		"a.md": "markdown", "b.MARKDOWN": "markdown", "c.html": "html", "d.htm": "html",
		"e.txt": "text", "f.text": "text", "g": "", "h.rst": "", "-": "",
	} {
		if got := FormatOfName(name); got != want {
			t.Errorf("FormatOfName(%q) = %q, want %q", name, got, want)
		}
	}
}
