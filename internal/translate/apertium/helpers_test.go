package apertium

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// newBackend returns a backend over the installed Apertium, skipping the
// test when it is missing — except in CI, where a skipped integration test
// is a failure.
func newBackend(tb testing.TB, opts Options) *Backend {
	tb.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if chain, why := translate.DefaultChain(context.Background(), translate.ListApertiumModes); chain[0] != "apertium" {
		testenv.Require(tb, "Apertium", why)
	}
	b, err := New(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { b.Close() })
	return b
}

// articles returns the seed articles' text when /work/shared/seeds exists,
// and always the fixtures under testdata/translate.
func articles(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	var files []string
	seeds, _ := filepath.Glob("/work/shared/seeds/*.txt")
	files = append(files, seeds...)
	own, _ := filepath.Glob("../../../testdata/translate/*.txt")
	if len(own) == 0 {
		tb.Fatal("no fixtures under testdata/translate")
	}
	files = append(files, own...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

var sentenceEnd = regexp.MustCompile(`([.!?…][”"’']?)\s+`)

// sentences splits an article into sentences: paragraphs at blank lines,
// sentences at end punctuation. Crude, but it only feeds tests.
func sentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.Join(strings.Fields(para), " ")
		if para == "" {
			continue
		}
		para = sentenceEnd.ReplaceAllString(para, "$1\n")
		for _, s := range strings.Split(para, "\n") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// tagged turns a plain sentence into tagged text with inline codes the way
// articles have them: a link around words 2–3, emphasis on the word before
// last, and a line break code where the sentence has a colon or semicolon.
func tagged(id string, plain string) translate.Segment {
	words := strings.Fields(plain)
	seg := translate.Segment{ID: id}
	if len(words) < 6 {
		seg.Text = inline.Escape(plain)
		return seg
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch i {
		case 1:
			b.WriteString("<1>")
		case len(words) - 2:
			b.WriteString("<2>")
		}
		b.WriteString(inline.Escape(w))
		switch i {
		case 2:
			b.WriteString("</1>")
		case len(words) - 2:
			b.WriteString("</2>")
		}
	}
	seg.Text = b.String()
	seg.Tags = []inline.Tag{
		{ID: 1, Name: "a", Attrs: map[string]string{"href": "https://example.org/" + id}, Paired: true},
		{ID: 2, Name: "em", Paired: true},
	}
	return seg
}

func segmentsOf(text string) []translate.Segment {
	var segs []translate.Segment
	for i, s := range sentences(text) {
		segs = append(segs, tagged(fmt.Sprint(i), s))
	}
	return segs
}
