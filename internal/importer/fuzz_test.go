package importer_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/importer"
)

// fuzzImporter feeds arbitrary bodies to one importer: it must either fail
// with ErrInput or return a document whose every block is well-formed tagged
// text, numbered from 1, that round-trips through the segmenter.
func fuzzImporter(f *testing.F, format string, seeds ...string) {
	fixtures, _ := filepath.Glob("../../testdata/importer/*")
	for _, p := range fixtures {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := importer.Parse(format, body)
		if err != nil {
			if !errors.Is(err, importer.ErrInput) {
				t.Fatalf("error not wrapping ErrInput: %v", err)
			}
			return
		}
		checkDocument(t, doc)
	})
}

func FuzzParseText(f *testing.F) {
	fuzzImporter(f, "text",
		" date 2026-01-29 Hello.\n\nHeading\n\nBody <b> & text.",
		"line one\nline two,\ncontinued.\n\n* * *\n",
		"\uFEFFa\r\nb\rc\x0c",
		"date 2026-01-29 A headline.\nBody.",
		"Harbour reopens\n\nby \n\nBody.\n\nMore.")
}

func FuzzParseMarkdown(f *testing.F) {
	fuzzImporter(f, "markdown",
		"# T\n\nA [link](http://x \"t\") and *em* **st** `c` ![alt](i.png).\n> q\n- a\n  - b\n",
		"Unclosed [bracket and *star\nNext line [x](y)\n",
		"<div>raw <b>html</b></div>\n\ntext<br>more  \nhard",
		"```\ncode\n```\n\n    indented\n\n***\n\n<!-- c -->",
		"[a]: /url\n\n[a] and [b][a] and <http://auto.link> <me@x.y>")
}

func FuzzParseHTML(f *testing.F) {
	fuzzImporter(f, "html",
		"<p>A <a href=x>l</a> <em>e</em><br><img alt=a src=b></p><h3>H</h3>",
		"<ul><li>a<ol><li>b</ol></ul><blockquote>q</blockquote><figure><figcaption>c</figcaption></figure>",
		"<b><i>soup</b></i><p>x<table><tr><td>cell<script>bad()</script>",
		"<pre>  keep\n  this </pre><a name=n></a><em></em>")
}
