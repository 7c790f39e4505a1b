package segment_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

// benchBlocks returns the tagged text of the blocks of the fixture article,
// repeated to about 1 MB so that per-call overhead does not dominate.
func benchBlocks(b *testing.B, name, format string) []string {
	b.Helper()
	body, err := os.ReadFile("../../testdata/importer/" + name)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := importer.Parse(format, body)
	if err != nil {
		b.Fatal(err)
	}
	var blocks []string
	size := 0
	for size < 1<<20 {
		for _, blk := range doc.Blocks {
			blocks = append(blocks, blk.Text)
			size += len(blk.Text)
		}
	}
	return blocks
}

// BenchmarkSplit measures segmentation throughput on article text, block by
// block as the pipeline calls it. Reproduce with:
//
//	go test -run '^$' -bench Split -benchtime 3s -cpu 1 ./internal/segment/
func BenchmarkSplit(b *testing.B) {
	for _, c := range []struct{ name, file, format, lang string }{
		{"en-text", "article.txt", "text", "en"},
		{"en-markdown", "scraped.md", "markdown", "en"},
	} {
		b.Run(c.name, func(b *testing.B) {
			blocks := benchBlocks(b, c.file, c.format)
			n := 0
			for _, t := range blocks {
				n += len(t)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range blocks {
					segment.Split(c.lang, t)
				}
			}
		})
	}
}

// BenchmarkSplitLongParagraph measures one 1 MB paragraph of sentences.
func BenchmarkSplitLongParagraph(b *testing.B) {
	text := strings.Repeat("Dr. Marsh said the U.S. Army arrived at 10 a.m. on Jan. 5, and paid $2.5 million. Then it rained! ", 10000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		segment.Split("en", text)
	}
}
