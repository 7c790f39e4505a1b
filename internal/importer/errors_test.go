package importer_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

func TestParseRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, format string
		body         []byte
		wantMsg      string
	}{
		{"empty", "text", nil, "no text"},
		{"white space only", "markdown", []byte(" \n\t\n"), "no text"},
		{"markup only", "html", []byte("<p> </p><script>x()</script>"), "no text"},
		{"invalid UTF-8", "text", []byte("Caf\xe9 au lait."), "not valid UTF-8 (first bad byte at offset 3)"},
		{"binary with NUL", "text", []byte("PK\x03\x04\x00\x00rest"), "binary file (NUL byte at offset 4)"},
		{"binary control characters", "text", bytes.Repeat([]byte{0x01, 0x02, 'a'}, 100), "binary file"},
		{"unknown format", "pdf", []byte("Hello."), `unknown format "pdf"`},
		{"too large", "text", bytes.Repeat([]byte("a"), importer.MaxSize+1), "the limit is"},
		{"absurd Markdown nesting", "markdown", []byte(strings.Repeat("> ", 40) + "deep"), "nests quotes or lists 40 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importer.Parse(tt.format, tt.body)
			if !errors.Is(err, importer.ErrInput) {
				t.Fatalf("err = %v, want ErrInput", err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %q, want it to mention %q", err, tt.wantMsg)
			}
		})
	}
}

// TestTenMegabyteParagraph: a 10 MB paragraph with no line break imports
// in linear time in every format, and segments into bounded pieces that
// join back to it.
func TestTenMegabyteParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	const size = 10 << 20
	for _, c := range []struct{ name, format, unit string }{
		{"text words", "text", "word "},
		{"markdown sentences", "markdown", "A *short* sentence. "},
		{"html no spaces", "html", "x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Repeat(c.unit, size/len(c.unit))
			if c.format == "html" {
				body = "<p>" + body + "</p>"
			}
			doc, err := importer.Parse(c.format, []byte(body))
			if err != nil {
				t.Fatal(err)
			}
			// Markdown cuts an oversized paragraph into 8 KB paragraphs
			// (see guardMarkdown); text and HTML keep one block.
			if c.format != "markdown" && len(doc.Blocks) != 1 {
				t.Fatalf("got %d blocks, want 1", len(doc.Blocks))
			}
			for _, b := range doc.Blocks {
				pieces := segment.Split("en", b.Text)
				if segment.Join(pieces) != b.Text {
					t.Fatal("segments do not join back to the block")
				}
				for _, p := range pieces {
					if len(p.Text) > 8192 && strings.ContainsAny(p.Text, " ") {
						t.Fatalf("a %d-byte segment with spaces: want bounded segments", len(p.Text))
					}
				}
			}
		})
	}
}

// TestMarkdownAdversarialDelimiters: delimiter runs that make a Markdown
// parser quadratic ("**a_…", "[a](…") still import, as literal text where the
// markup is broken, because oversized paragraphs are cut before parsing.
func TestMarkdownAdversarialDelimiters(t *testing.T) {
	for _, unit := range []string{"**a_", "[a](", "![", "`a", "*a"} {
		body := strings.Repeat(unit, (128<<10)/len(unit))
		doc, err := importer.Parse("markdown", []byte(body))
		if err != nil {
			t.Fatalf("%q: %v", unit, err)
		}
		if len(doc.Blocks) < 16 {
			t.Errorf("%q: got %d blocks, want the 128 KB paragraph cut into ≤8 KB pieces", unit, len(doc.Blocks))
		}
	}
}
