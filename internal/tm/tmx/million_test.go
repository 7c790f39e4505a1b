package tmx_test

import (
	"bufio"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/tm/tmsynth"
	"github.com/pressroom-dev/pressroom/internal/tm/tmx"
)

// TestWriteMillionTMX writes the benchmark's TMX file (docs/benchmarks.md):
// PRESSROOM_TMX_BENCH_UNITS units (1 means 1,000,000) of synthetic news to
// the file named by PRESSROOM_TMX_BENCH_FILE, for timing and measuring
// `pressroom tm import` on it.
func TestWriteMillionTMX(t *testing.T) {
	path := os.Getenv("PRESSROOM_TMX_BENCH_FILE")
	n, _ := strconv.Atoi(os.Getenv("PRESSROOM_TMX_BENCH_UNITS"))
	if path == "" || n == 0 {
		t.Skip("set PRESSROOM_TMX_BENCH_FILE and PRESSROOM_TMX_BENCH_UNITS to write the benchmark TMX file")
	}
	if n == 1 {
		n = 1_000_000
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	w, err := tmx.NewWriter(bw, "en", "bench")
	if err != nil {
		t.Fatal(err)
	}
	g := tmsynth.New(1)
	when := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		u := g.Next()
		if err := w.Write(tm.Entry{ID: int64(i + 1), SourceLang: "en", TargetLang: "es", Source: u.Source, Target: u.Target,
			Prev: u.Prev, Next: u.Next, CreatedBy: "usr_bench", CreatedAt: when, UpdatedAt: when}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
}
