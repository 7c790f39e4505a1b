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
			if len(doc.Blocks) != 1 {
				t.Fatalf("got %d blocks, want 1", len(doc.Blocks))
			}
			text := doc.Blocks[0].Text
			pieces := segment.Split("en", text)
			if segment.Join(pieces) != text {
				t.Fatal("segments do not join back to the block")
			}
			for _, p := range pieces {
				if len(p.Text) > 8192 && strings.ContainsAny(p.Text, " ") {
					t.Fatalf("a %d-byte segment with spaces: want bounded segments", len(p.Text))
				}
			}
		})
	}
}
