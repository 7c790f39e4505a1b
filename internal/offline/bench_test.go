package offline_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// benchEnv is an edition of 1,000 segments (200 paragraphs of five
// sentences, one with a link), drafted, on SQLite.
func benchEnv(b *testing.B) (*env, string) {
	b.Helper()
	e := newEnv(b, "")
	var body strings.Builder
	for p := range 200 {
		fmt.Fprintf(&body, "Paragraph %d opens here. Ships [wait](https://example.com/%d) offshore. The port is closed today. Talks resume on Monday. Nobody knows why %d.\n\n", p, p, p)
	}
	_, eds := e.ingest(body.String(), "es")
	es := eds["es"]
	if n := len(e.segments(es.ID)); n < 1000 {
		b.Fatalf("%d segments", n)
	}
	return e, es.ID
}

// BenchmarkOffline measures exports and an import of a 1,000-segment
// edition (see docs/benchmarks.md for figures and the command).
func BenchmarkOffline(b *testing.B) {
	e, id := benchEnv(b)
	ctx := context.Background()
	for _, v := range []xliff.Version{xliff.V21, xliff.V12} {
		b.Run("export-"+string(v), func(b *testing.B) {
			for b.Loop() {
				if _, err := e.svc.Export(ctx, ana, id, v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("omegat", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.svc.OmegaT(ctx, ana, id); err != nil {
				b.Fatal(err)
			}
		}
	})
	// An import of an unchanged file reads and compares every unit; an
	// import that changes every target saves 1,000 segments, each through
	// the review operation's own transaction.
	b.Run("import-unchanged", func(b *testing.B) {
		d, err := e.svc.Export(ctx, ana, id, xliff.V21)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := e.svc.Import(ctx, ana, id, bytes.NewReader(d.Body)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("import-all-changed", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			d, err := e.svc.Export(ctx, ana, id, xliff.V21)
			if err != nil {
				b.Fatal(err)
			}
			changed := strings.ReplaceAll(string(d.Body), "</target>", " ✓</target>")
			b.StartTimer()
			sum, err := e.svc.Import(ctx, ana, id, strings.NewReader(changed))
			if err != nil || sum.Counts.Updated < 1000 {
				b.Fatalf("%+v %v", sum.Counts, err)
			}
		}
	})
}
