package importer_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/importer"
)

// BenchmarkParse measures import throughput per format on the fixture
// articles repeated to about 1 MB. Reproduce with:
//
//	go test -run '^$' -bench Parse -benchtime 3s -cpu 1 ./internal/importer/
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct{ name, file, format, sep string }{
		{"text", "article.txt", "text", "\n\n"},
		{"markdown", "commonmark.md", "markdown", "\n\n"},
		{"html", "article.html", "html", ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			one, err := os.ReadFile("../../testdata/importer/" + c.file)
			if err != nil {
				b.Fatal(err)
			}
			var body []byte
			for len(body) < 1<<20 {
				body = append(body, one...)
				body = append(body, c.sep...)
			}
			if c.format == "html" {
				body = append([]byte("<body>"), bytes.ReplaceAll(body, []byte("<html>"), nil)...)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := importer.Parse(c.format, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
