package web_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

// editorBenchSegments is the article size the editor must open quickly.
const editorBenchSegments = 1000

// BenchmarkEditorPage1000 measures opening the editor of a 1,000-segment
// edition server side (session, queries, claim, filter fields, rendering),
// with a QA finding, a note and a memory match on some segments so every
// part of a row is drawn. Besides wall-clock percentiles it reports the
// process CPU time per page, which a busy shared machine does not inflate:
//
//	go test -run '^$' -bench BenchmarkEditorPage1000 -benchtime 50x ./internal/web/
func BenchmarkEditorPage1000(b *testing.B) {
	// The speller flags every pseudo-translated word (a dozen warnings a
	// segment, which no real draft has): off, so the page is a realistic one.
	conf := filepath.Join(b.TempDir(), "pressroom.toml")
	if err := os.WriteFile(conf, []byte("[qa.severity]\nspelling = \"off\"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	e := newEnvWith(b, app.Config{DataDir: b.TempDir(), ConfigFile: conf})
	var sb strings.Builder
	for i := range editorBenchSegments {
		switch {
		case i > 0 && i%5 == 0:
			sb.WriteString("\n\n")
		case i > 0:
			sb.WriteString(" ")
		}
		if i%7 == 0 {
			fmt.Fprintf(&sb, "Sentence %d links to [the report](https://example.com/r/%d) on page %d.", i+1, i, i)
		} else {
			fmt.Fprintf(&sb, "Sentence %d says something about the economy and the weather in town.", i+1)
		}
	}
	_, eds := e.ingest("Thousand", "markdown", sb.String())
	e.addUser("ana", auth.Translator, "es")
	ana := e.login("ana")
	segs := e.segments(eds["es"].ID)
	if len(segs) < editorBenchSegments {
		b.Fatalf("%d segments, want %d", len(segs), editorBenchSegments)
	}
	for i, s := range segs {
		if i%10 != 0 {
			continue
		}
		if _, err := e.app.Store.DB().Exec(`UPDATE segments SET qa = ?, notes = ?, matches = ? WHERE id = ?`,
			`[{"code":"number_missing","severity":"error","args":{"number":"7"}}]`,
			`[{"code":"unknown_word","args":{"word":"zxqvb"}}]`,
			`[{"source":"Sentence says something.","target":"Frase dice algo.","score":87,"origin":"tm"}]`, s.ID); err != nil {
			b.Fatal(err)
		}
	}
	path := "/editions/" + eds["es"].ID
	var d []time.Duration
	var size, findings int
	cpu0 := processCPU()
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		resp, body := ana.get(path, nil)
		d = append(d, time.Since(t0))
		if resp.StatusCode != http.StatusOK || strings.Count(body, `<article class="seg`) != len(segs) {
			b.Fatalf("editor: %s, %d rows", resp.Status, strings.Count(body, `<article class="seg`))
		}
		size = len(body)
		findings = strings.Count(body, `<li class="qa-`)
	}
	cpu := processCPU() - cpu0
	slices.Sort(d)
	// CPU per page (server and client share the process; the client only
	// reads the body): what the page costs whatever else the machine runs.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(d)), "cpu-ms/page")
	b.ReportMetric(float64(pct(d, .5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pct(d, .95).Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(size)/1024, "page-KiB")
	b.ReportMetric(float64(findings), "qa-findings")
}
