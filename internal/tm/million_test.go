package tm_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/tm/tmsynth"
)

// TestMillion is the translation memory's scale benchmark (docs/benchmarks.md):
// it builds a memory of PRESSROOM_TM_BENCH entries (1 means 1,000,000) of
// synthetic news for one language pair, then times exact and fuzzy lookups
// of sentences planted as near-duplicates of stored ones, and on PostgreSQL
// runs bare pg_trgm similarity search over the same sources beside it.
// Run one database per process, so that peak memory is its own:
//
//	PRESSROOM_TM_BENCH=1 go test -run 'TestMillion/sqlite' -v -timeout 2h ./internal/tm/
//	PRESSROOM_TM_BENCH=1 PRESSROOM_TEST_DATABASE_URL=postgres://… go test -run 'TestMillion/postgres' -v -timeout 2h ./internal/tm/
func TestMillion(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PRESSROOM_TM_BENCH"))
	if n == 0 {
		t.Skip("set PRESSROOM_TM_BENCH=1 (a million entries) or a number of entries to run the scale benchmark")
	}
	if n == 1 {
		n = 1_000_000
	}
	// To time lookups again on a memory built before, keep it:
	// PRESSROOM_TM_BENCH_KEEP names a directory for SQLite and
	// PRESSROOM_TM_BENCH_PG a PostgreSQL database (created if missing).
	mks := stores()
	if dir := os.Getenv("PRESSROOM_TM_BENCH_KEEP"); dir != "" {
		mks["sqlite"] = func(t *testing.T) *store.Store { return open(t, "", dir) }
	}
	if url := os.Getenv("PRESSROOM_TM_BENCH_PG"); url != "" {
		mks["postgres"] = func(t *testing.T) *store.Store { return open(t, url, "") }
	}
	for name, mk := range mks {
		t.Run(name, func(t *testing.T) { million(t, mk(t), n) })
	}
}

func million(t *testing.T, st *store.Store, n int) {
	ctx := context.Background()
	m := tm.New(st, tm.Config{})
	g := tmsynth.New(1)
	var sample []string // every 997th source, to look up again
	start := time.Now()
	const batch = 5000
	kept, err := m.Pairs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) == 1 && kept[0].Entries == n {
		t.Logf("reusing the memory built before")
		for i := 1; i <= n; i++ {
			if u := g.Next(); i%997 == 0 {
				sample = append(sample, u.Source)
			}
		}
		n = 0
	}
	for done := 0; done < n; done += batch {
		es := make([]tm.Entry, 0, batch)
		for range min(batch, n-done) {
			u := g.Next()
			es = append(es, tm.Entry{SourceLang: "en", TargetLang: "es", Source: u.Source, Target: u.Target, Prev: u.Prev, Next: u.Next,
				CreatedBy: "usr_bench"})
			if (done+len(es))%997 == 0 {
				sample = append(sample, u.Source)
			}
		}
		if err := st.InTx(ctx, func(q *store.Queries) error { return m.Put(ctx, q, es) }); err != nil {
			t.Fatal(err)
		}
		if done%200000 == 0 {
			t.Logf("%d entries, %v", done, time.Since(start).Round(time.Second))
		}
	}
	build := time.Since(start)
	if st.Dialect() == store.Postgres && n > 0 {
		if _, err := st.DB().ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
			t.Fatal(err)
		}
	}
	pairs, err := m.Pairs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("BUILD %s: %d entries added (%v) in %v, %.0f entries/s; peak RSS so far %s", st.Dialect(), n, pairs, build.Round(time.Second),
		float64(n)/build.Seconds(), peakRSS())
	sizes(t, st)

	// Queries: exact repeats of stored sentences, and near-duplicates of
	// them (a word swapped, a number changed, a phrase added).
	qg := tmsynth.New(2)
	exact := sample
	var fuzzy, planted []string
	for _, s := range sample {
		fuzzy = append(fuzzy, qg.Mutate(s))
		planted = append(planted, s)
	}
	for range 2 { // warm the caches once
		for _, s := range exact[:min(50, len(exact))] {
			if _, err := m.Lookup(ctx, "en", "es", []tm.Query{{Source: s}}, 1); err != nil {
				t.Fatal(err)
			}
		}
	}
	var te []time.Duration
	cpu0 := cpuTime()
	for _, s := range exact {
		t0 := time.Now()
		res, err := m.Lookup(ctx, "en", "es", []tm.Query{{Source: s}}, 1)
		te = append(te, time.Since(t0))
		if err != nil {
			t.Fatal(err)
		}
		if len(res[0]) == 0 || res[0][0].Score < 100 {
			t.Errorf("exact lookup of %q: %+v", s, res[0])
		}
	}
	t.Logf("EXACT %s: %d lookups: %s; CPU time of this process per lookup %v", st.Dialect(), len(te), quantiles(te),
		(cpuTime()-cpu0)/time.Duration(len(te)))
	var tf []time.Duration
	eligible, top1, top5 := 0, 0, 0
	var ourBest []int
	cpu0 = cpuTime()
	for i, s := range fuzzy {
		t0 := time.Now()
		res, err := m.Lookup(ctx, "en", "es", []tm.Query{{Source: s}}, 5)
		tf = append(tf, time.Since(t0))
		if err != nil {
			t.Fatal(err)
		}
		if i == trgmQueries {
			t.Logf("FUZZY %s, the first %d queries (those pg_trgm answers): first match as good as the planted near-duplicate %d/%d, "+
				"planted one in the top 5 %d/%d; mean best score %.1f; %s", st.Dialect(), trgmQueries, top1, eligible, top5, eligible,
				mean(ourBest), quantiles(tf[:i]))
		}
		if tm.Score(s, planted[i]) < tm.DefaultThreshold {
			continue // a perfect memory would not offer it either
		}
		eligible++
		best := 0
		if len(res[0]) > 0 {
			best = res[0][0].Score
		}
		if best >= tm.Score(s, planted[i]) {
			top1++ // the planted match or one as good
		}
		for _, r := range res[0] {
			if r.Source == planted[i] {
				top5++
			}
		}
		if os.Getenv("PRESSROOM_TM_BENCH_DEBUG") != "" && (len(res[0]) == 0 || res[0][0].Score < tm.Score(s, planted[i])) {
			t.Logf("MISS %q (planted %q, %d): %d matches", s, planted[i], tm.Score(s, planted[i]), len(res[0]))
			for _, r := range res[0] {
				t.Logf("   %d %q", r.Score, r.Source)
			}
		}
		ourBest = append(ourBest, best)
	}
	t.Logf("FUZZY %s: CPU time of this process per lookup %v (load average %s)", st.Dialect(), (cpuTime()-cpu0)/time.Duration(len(fuzzy)), loadAvg())
	t.Logf("FUZZY %s: %d lookups: %s; first match as good as the planted near-duplicate (score ≥ %d) %d/%d, planted one in the top 5 %d/%d; mean best score %.1f",
		st.Dialect(), len(tf), quantiles(tf), tm.DefaultThreshold, top1, eligible, top5, eligible, mean(ourBest))
	t.Logf("peak RSS %s", peakRSS())
	if st.Dialect() == store.Postgres && os.Getenv("PRESSROOM_TM_BENCH_TRGM") != "0" {
		trigrams(t, st, fuzzy, planted)
	}
}

// trigrams runs what Weblate does — pg_trgm similarity over a GIN trigram
// index, best five — on the same sources and the same fuzzy queries.
func trigrams(t *testing.T, st *store.Store, fuzzy, planted []string) {
	ctx := context.Background()
	db := st.DB()
	for _, q := range []string{`CREATE EXTENSION IF NOT EXISTS pg_trgm`, `DROP TABLE IF EXISTS trgm_sources`,
		`CREATE TABLE trgm_sources AS SELECT id, source FROM tm_entries`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now()
	if _, err := db.ExecContext(ctx, `CREATE INDEX trgm_sources_gin ON trgm_sources USING gin (source gin_trgm_ops)`); err != nil {
		t.Fatal(err)
	}
	build := time.Since(t0)
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE trgm_sources`); err != nil {
		t.Fatal(err)
	}
	var size int64
	if err := db.QueryRowContext(ctx, `SELECT pg_relation_size('trgm_sources_gin')`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	t.Logf("PG_TRGM index built in %v, %s", build.Round(time.Second), mb(size))
	// pg_trgm takes seconds a query on a million sentences: time the first
	// trgmQueries of the same queries.
	fuzzy, planted = fuzzy[:min(trgmQueries, len(fuzzy))], planted[:min(trgmQueries, len(planted))]
	var tf []time.Duration
	eligible, top1, top5 := 0, 0, 0
	var best []int
	for i, s := range fuzzy {
		t0 := time.Now()
		rows, err := db.QueryContext(ctx, `SELECT source FROM trgm_sources WHERE source % $1 ORDER BY similarity(source, $1) DESC LIMIT 5`, s)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var src string
			if err := rows.Scan(&src); err != nil {
				t.Fatal(err)
			}
			got = append(got, src)
		}
		rows.Close()
		tf = append(tf, time.Since(t0))
		if tm.Score(s, planted[i]) < tm.DefaultThreshold {
			continue
		}
		eligible++
		if slices.Contains(got, planted[i]) {
			top5++
		}
		b := 0
		for _, g := range got {
			b = max(b, tm.Score(s, g))
		}
		if b >= tm.Score(s, planted[i]) {
			top1++
		}
		best = append(best, b)
	}
	t.Logf("PG_TRGM: %d lookups: %s; best of its five as good as the planted near-duplicate %d/%d, planted one in the top 5 %d/%d; mean word-level score of its best %.1f",
		len(tf), quantiles(tf), top1, eligible, top5, eligible, mean(best))
}

// trgmQueries is how many of the fuzzy queries pg_trgm answers.
const trgmQueries = 150

func sizes(t *testing.T, st *store.Store) {
	ctx := context.Background()
	var q string
	if st.Dialect() == store.Postgres {
		q = `SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN ('tm_entries', 'tm_grams', 'tm_postings')`
	} else {
		q = `SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'tm_%' OR name LIKE 'sqlite_autoindex_tm_%' GROUP BY name`
	}
	rows, err := st.DB().QueryContext(ctx, q)
	if err != nil {
		t.Logf("sizes: %v", err)
		return
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, name+" "+mb(n))
	}
	slices.Sort(parts)
	t.Logf("SIZE %s: %s", st.Dialect(), strings.Join(parts, ", "))
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func quantiles(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	q := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return fmt.Sprintf("p50 %v, p95 %v, p99 %v, max %v, mean %v", q(0.5), q(0.95), q(0.99), s[len(s)-1], sum/time.Duration(len(s)))
}

func mean(xs []int) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0
	for _, x := range xs {
		s += x
	}
	return float64(s) / float64(len(xs))
}

// peakRSS is the process's peak resident memory (VmHWM), or the Go
// runtime's view where /proc is missing.
func peakRSS() string {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return mb(int64(ms.Sys))
}

var _ = testenv.InCI

// cpuTime is the user and system time this process has used (SQLite runs
// in it; PostgreSQL's share is in the server's processes).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}
