package qa_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/qa/hunspell"
	"github.com/pressroom-dev/pressroom/internal/repair"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/apertium"
)

// benchSegments is how many segments one pass checks.
const benchSegments = 10_000

// benchCorpus returns 10,000 segments to check: the seed articles (and
// testdata/repair) drafted by Apertium into Spanish and Brazilian
// Portuguese and repaired, as the pipeline stores them, repeated in order
// until there are 10,000.
func benchCorpus(b *testing.B) []qa.Segment {
	b.Helper()
	if _, err := os.Stat(translate.ApertiumModesDir); err != nil {
		b.Skip("Apertium is not installed: the benchmark checks real drafts")
	}
	be, err := apertium.New(context.Background(), apertium.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Skip(err)
	}
	defer be.Close()
	arts := testenv.Seeds(b)
	own, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", "repair", "drafts_en.txt"))
	if err != nil {
		b.Fatal(err)
	}
	arts = append(arts, testenv.Article{Name: "drafts_en.txt", Format: "text", Body: own})
	var distinct []qa.Segment
	for _, a := range arts {
		doc, err := importer.Parse(a.Format, a.Body)
		if err != nil {
			b.Fatal(err)
		}
		req := translate.Request{From: "en"}
		for i, s := range segment.SplitDocument("en", doc) {
			req.Segments = append(req.Segments, translate.Segment{ID: fmt.Sprint(i), Text: s.Tagged, Tags: s.Tags})
		}
		for _, to := range []string{"es", "pt-BR"} {
			req.To = to
			drafts, err := be.Translate(context.Background(), req)
			if err != nil {
				b.Fatal(err)
			}
			for i, d := range drafts {
				if d.Err == nil {
					text, _ := repair.Draft("en", to, req.Segments[i].Text, d.Text)
					distinct = append(distinct, qa.Segment{From: "en", To: to, Source: req.Segments[i].Text, Target: text, Tags: req.Segments[i].Tags})
				}
			}
		}
	}
	out := make([]qa.Segment, 0, benchSegments)
	for len(out) < benchSegments {
		out = append(out, distinct[len(out)%len(distinct)])
	}
	b.Logf("%d segments (%d distinct drafts, es and pt-BR)", len(out), len(distinct))
	return out
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCheck measures the checks per segment on 10,000 segments:
// without a speller, with hunspell (its answers cached per dictionary, as
// in the service), and with hunspell and no cache (every word asked).
// Reproduce with:
//
//	go test -run '^$' -bench Check -benchtime 3x ./internal/qa/
func BenchmarkCheck(b *testing.B) {
	segs := benchCorpus(b)
	run := func(b *testing.B, c *qa.Checker) {
		ctx := context.Background()
		c.Check(ctx, segs[0]) // start the spellers outside the timing
		findings := 0
		cpu0 := cpuTime()
		b.ResetTimer()
		for b.Loop() {
			findings = 0
			for _, s := range segs {
				findings += len(c.Check(ctx, s))
			}
		}
		n := float64(b.N * len(segs))
		b.ReportMetric(float64(b.Elapsed().Microseconds())/n, "µs/segment")
		// The machine is shared: CPU time says what the checks cost,
		// wall time what a caller waits (hunspell's own CPU is not in it).
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/n, "cpu-µs/segment")
		b.ReportMetric(float64(findings)/float64(len(segs)), "findings/segment")
	}
	b.Run("no-speller", func(b *testing.B) { run(b, qa.New(qa.Config{})) })
	for _, v := range []struct {
		name  string
		cache int
	}{{"hunspell", 0}, {"hunspell-nocache", 1}} {
		b.Run(v.name, func(b *testing.B) {
			sp, err := hunspell.New(hunspell.Options{CacheSize: v.cache})
			if err != nil || !sp.Has("es") || !sp.Has("pt-BR") {
				b.Skip("hunspell with es and pt_BR dictionaries is not installed")
			}
			defer sp.Close()
			run(b, qa.New(qa.Config{}, qa.WithSpeller(sp)))
		})
	}
}
