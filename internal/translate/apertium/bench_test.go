package apertium

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// benchText is the longest article available: the first seed when present,
// else the fixture.
func benchText(b *testing.B) (string, []translate.Segment) {
	var best string
	for _, t := range articles(b) {
		if len(t) > len(best) {
			best = t
		}
	}
	var segs []translate.Segment
	for i, s := range sentences(best) {
		segs = append(segs, translate.Segment{ID: string(rune('a' + i%26)), Text: inline.Escape(s)})
	}
	return best, segs
}

func words(segs []translate.Segment) int {
	n := 0
	for _, s := range segs {
		n += len(strings.Fields(inline.Plain(s.Text)))
	}
	return n
}

// BenchmarkBackend translates the article's sentences en→es as one batch
// through the backend (warm pipelines, GOMAXPROCS workers).
func BenchmarkBackend(b *testing.B) {
	for _, to := range []string{"es", "pt-BR"} {
		b.Run(to, func(b *testing.B) {
			be := newBackend(b, Options{})
			_, segs := benchText(b)
			req := translate.Request{From: "en", To: to, Segments: segs}
			if _, err := be.Translate(context.Background(), req); err != nil { // warm up
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				ds, err := be.Translate(context.Background(), req)
				if err != nil {
					b.Fatal(err)
				}
				if ds[0].Err != nil {
					b.Fatal(ds[0].Err)
				}
			}
			b.ReportMetric(float64(words(segs)*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// BenchmarkBareApertium runs one `apertium eng-spa` process (or the pivot
// for pt-BR) over the same sentences, one per line: what a caller gets
// without this package.
func BenchmarkBareApertium(b *testing.B) {
	for _, tc := range []struct{ to, cmd string }{
		{"es", "apertium -u eng-spa"},
		{"pt-BR", "apertium -u eng-spa | apertium -u es-pt_BR"},
	} {
		b.Run(tc.to, func(b *testing.B) {
			newBackend(b, Options{}) // skip when not installed
			_, segs := benchText(b)
			var in strings.Builder
			for _, s := range segs {
				in.WriteString(inline.Plain(s.Text) + "\n")
			}
			b.ResetTimer()
			for b.Loop() {
				cmd := exec.Command("bash", "-c", tc.cmd)
				cmd.Stdin = strings.NewReader(in.String())
				if out, err := cmd.Output(); err != nil || len(out) == 0 {
					b.Fatalf("%s: %v", tc.cmd, err)
				}
			}
			b.ReportMetric(float64(words(segs)*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}
