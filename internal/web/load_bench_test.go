package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// The web UI under load: 100 translators on loopback, each logged in with
// its own session, holding its editor's event stream open (so every save
// fans out through Redis pub/sub to the other editors of the edition) and
// arriving over the first ten seconds and working in a loop: open an edition from the queue, then save and approve
// segments, each followed by a think time; every tenth pair it moves to
// another edition. Versions come from the event stream, as in the browser,
// so a 409 is a real race; the client then keeps its text (retries at the
// new version), as a translator choosing "keep mine" would.
//
//	go test -run '^$' -bench 'BenchmarkWebLoad|BenchmarkEditorPage' -benchtime 1x ./internal/web/
//
// PRESSROOM_LOAD_DURATION (default 20s) sets how long each load runs and
// PRESSROOM_LOAD_THINK (default "1s,250ms,0") the think times to run. With
// PRESSROOM_TEST_REDIS_URL and PRESSROOM_TEST_DATABASE_URL set, the loads
// also run on redis-server + PostgreSQL.

const (
	loadTranslators = 100
	loadArticles    = 10
	loadSegments    = 150 // sentences per article
	pairsPerEdition = 10
	loadRampUp      = 10 * time.Second
)

func BenchmarkWebLoad(b *testing.B) {
	dur := 20 * time.Second
	if v := os.Getenv("PRESSROOM_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatal(err)
		}
		dur = d
	}
	var thinks []time.Duration
	for _, v := range strings.Split(envOr("PRESSROOM_LOAD_THINK", "1s,250ms,0"), ",") {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil {
			b.Fatal(err)
		}
		thinks = append(thinks, d)
	}
	setups := []struct {
		name string
		cfg  func(b *testing.B) app.Config
	}{
		{"embedded", func(b *testing.B) app.Config { return app.Config{DataDir: b.TempDir()} }},
	}
	if os.Getenv("PRESSROOM_TEST_REDIS_URL") != "" && os.Getenv("PRESSROOM_TEST_DATABASE_URL") != "" {
		setups = append(setups, struct {
			name string
			cfg  func(b *testing.B) app.Config
		}{"redis-postgres", func(b *testing.B) app.Config {
			return app.Config{RedisURL: testenv.RedisURL(b), DatabaseURL: testenv.PostgresURL(b)}
		}})
	}
	for _, s := range setups {
		b.Run(s.name, func(b *testing.B) {
			e := newLoadEnv(b, s.cfg(b))
			for _, think := range thinks {
				b.Run("think="+think.String(), func(b *testing.B) {
					res := e.run(b, think, dur)
					res.report(b)
				})
			}
		})
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// loadEnv is a service with 10 articles of 150 sentences in review in es
// and pt-BR, and 100 logged-in translators (half es, half pt).
type loadEnv struct {
	*env
	users    []*loadUser
	editions map[string][]string // language → edition ids
}

func newLoadEnv(b *testing.B, cfg app.Config) *loadEnv {
	b.Helper()
	cfg.Addr, cfg.Backends, cfg.Workers, cfg.CheckInterval = "127.0.0.1:0", "pseudo", 4, 20*time.Millisecond
	cfg.Log = quietLog()
	a, err := app.Start(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(a.Close)
	e := &loadEnv{env: &env{t: b, app: a, url: a.URL()}, editions: map[string][]string{}}
	for i := range loadArticles {
		_, eds := e.ingest(fmt.Sprintf("Load article %d", i), "markdown", longArticle(i))
		for lang, ed := range eds {
			e.editions[lang] = append(e.editions[lang], ed.ID)
		}
	}
	// One bcrypt hash for all: hashing 100 passwords would only slow the
	// set-up down; logging in (below) still checks each one.
	hash, err := auth.HashPassword(password("load"))
	if err != nil {
		b.Fatal(err)
	}
	tr := &http.Transport{MaxIdleConns: 1000, MaxIdleConnsPerHost: 1000, IdleConnTimeout: time.Minute}
	b.Cleanup(tr.CloseIdleConnections)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range loadTranslators {
		lang := []string{"es", "pt-BR"}[i%2]
		u := store.User{ID: store.NewID("usr"), Username: fmt.Sprintf("t%03d", i), PasswordHash: hash, Role: auth.Translator,
			Langs: []string{lang}, Active: true}
		if err := a.Store.CreateUser(context.Background(), &u); err != nil {
			b.Fatal(err)
		}
		wg.Go(func() {
			lu := &loadUser{e: e, lang: lang, rng: rand.New(rand.NewPCG(uint64(i), 7)), versions: map[string]int{},
				tagged: map[string]bool{}}
			jar, _ := cookiejar.New(nil)
			lu.c = &http.Client{Transport: tr, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			if err := lu.login(u.Username); err != nil {
				b.Error(err)
				return
			}
			mu.Lock()
			e.users = append(e.users, lu)
			mu.Unlock()
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	return e
}

// longArticle is a Markdown article of loadSegments sentences in paragraphs
// of five, some with links (inline tags).
func longArticle(n int) string {
	var sb strings.Builder
	for i := range loadSegments {
		if i > 0 && i%5 == 0 {
			sb.WriteString("\n\n")
		} else if i > 0 {
			sb.WriteString(" ")
		}
		if i%7 == 0 {
			fmt.Fprintf(&sb, "Sentence %d of article %d links to [the report](https://example.com/r/%d) on page %d.", i+1, n, i, i)
		} else {
			fmt.Fprintf(&sb, "Sentence %d of article %d says something about the economy and the weather in town.", i+1, n)
		}
	}
	return sb.String()
}

// loadUser is one simulated translator.
type loadUser struct {
	e    *loadEnv
	c    *http.Client
	lang string
	csrf string
	rng  *rand.Rand

	mu       sync.Mutex
	edition  string
	segIDs   []string
	tagged   map[string]bool // segments whose source has a link (<1>…</1>)
	versions map[string]int  // segment id → latest version seen
}

var segmentIDs = regexp.MustCompile(`data-id="(seg_[0-9A-Z]+)" data-version="(\d+)" data-status="\w+" data-tags="([^"]*)"`)

func (u *loadUser) login(username string) error {
	_, body, err := u.get("/login")
	if err != nil {
		return err
	}
	m := hiddenCSRF.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("no login token")
	}
	form := url.Values{"csrf": {m[1]}, "username": {username}, "password": {password("load")}}
	req, _ := http.NewRequest(http.MethodPost, u.e.url+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := u.c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("login %s: %s", username, resp.Status)
	}
	_, home, err := u.get("/")
	if err != nil {
		return err
	}
	mm := metaCSRF.FindStringSubmatch(home)
	if mm == nil {
		return fmt.Errorf("no csrf meta")
	}
	u.csrf = mm[1]
	return nil
}

func (u *loadUser) get(path string) (int, string, error) {
	resp, err := u.c.Get(u.e.url + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func (u *loadUser) post(path string, body any) (int, []byte, error) {
	j, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, u.e.url+path, strings.NewReader(string(j)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", u.csrf)
	resp, err := u.c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// listen follows an edition's event stream, keeping versions current, until
// ctx ends.
func (u *loadUser) listen(ctx context.Context, editionID string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.e.url+"/editions/"+editionID+"/events", nil)
	resp, err := u.c.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var ev struct {
			Type    string
			Segment *struct {
				ID      string
				Version int
			}
		}
		if json.Unmarshal([]byte(data), &ev) == nil && ev.Segment != nil {
			u.mu.Lock()
			if ev.Segment.Version > u.versions[ev.Segment.ID] {
				u.versions[ev.Segment.ID] = ev.Segment.Version
			}
			u.mu.Unlock()
		}
	}
}

// samples are latencies by operation.
type samples struct {
	mu        sync.Mutex
	d         map[string][]time.Duration
	conflicts int
	errors    []string
}

func (s *samples) add(op string, d time.Duration) {
	s.mu.Lock()
	s.d[op] = append(s.d[op], d)
	s.mu.Unlock()
}

func (s *samples) fail(format string, args ...any) {
	s.mu.Lock()
	if len(s.errors) < 10 {
		s.errors = append(s.errors, fmt.Sprintf(format, args...))
	}
	s.mu.Unlock()
}

// run makes every translator work for dur with the given think time.
func (e *loadEnv) run(b *testing.B, think, dur time.Duration) *samples {
	s := &samples{d: map[string][]time.Duration{}}
	ramp := min(loadRampUp, dur/2)
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for _, u := range e.users {
		wg.Go(func() { u.work(ctx, s, think, ramp) })
	}
	wg.Wait()
	s.add("wall", time.Since(start))
	if len(s.errors) > 0 {
		b.Errorf("errors under load: %v", s.errors)
	}
	return s
}

func (u *loadUser) work(ctx context.Context, s *samples, think, ramp time.Duration) {
	pause := func() bool {
		if think == 0 {
			return ctx.Err() == nil
		}
		// ±50% around the think time, so translators do not march in step.
		t := time.NewTimer(think/2 + time.Duration(u.rng.Int64N(int64(think))))
		defer t.Stop()
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		}
	}
	// Translators arrive over the ramp-up, not all in one instant (100
	// people do not open their editors in the same second).
	t := time.NewTimer(time.Duration(u.rng.Int64N(int64(ramp))))
	select {
	case <-ctx.Done():
		t.Stop()
		return
	case <-t.C:
	}
	for ctx.Err() == nil {
		// Open an edition from the queue.
		t0 := time.Now()
		code, _, err := u.get("/")
		if err != nil || code != http.StatusOK {
			if ctx.Err() == nil {
				s.fail("queue: %d %v", code, err)
			}
			return
		}
		s.add("queue", time.Since(t0))
		eds := u.e.editions[u.lang]
		ed := eds[u.rng.IntN(len(eds))]
		t0 = time.Now()
		code, page, err := u.get("/editions/" + ed)
		if err != nil || code != http.StatusOK {
			if ctx.Err() == nil {
				s.fail("editor: %d %v", code, err)
			}
			return
		}
		s.add("editor", time.Since(t0))
		u.mu.Lock()
		u.edition, u.segIDs = ed, u.segIDs[:0]
		for _, m := range segmentIDs.FindAllStringSubmatch(page, -1) {
			u.segIDs = append(u.segIDs, m[1])
			u.tagged[m[1]] = m[3] != "{}"
			v := 0
			fmt.Sscan(m[2], &v)
			u.versions[m[1]] = max(u.versions[m[1]], v)
		}
		u.mu.Unlock()
		lctx, stop := context.WithCancel(ctx)
		go u.listen(lctx, ed)
		for range pairsPerEdition {
			if !pause() {
				break
			}
			sid := u.segIDs[u.rng.IntN(len(u.segIDs))]
			target := fmt.Sprintf("Traducción revisada %d.", u.rng.IntN(1e6))
			if u.tagged[sid] {
				target = fmt.Sprintf("Traducción <1>revisada</1> %d.", u.rng.IntN(1e6))
			}
			u.edit(ctx, s, ed, sid, "save", "/editions/"+ed+"/segments/"+sid, map[string]any{"target": target})
			if !pause() {
				break
			}
			u.edit(ctx, s, ed, sid, "approve", "/editions/"+ed+"/segments/"+sid+"/approve", map[string]any{})
		}
		stop()
	}
}

// edit saves or approves at the version the translator knows; on a 409 it
// takes the current version from the answer and tries once more.
func (u *loadUser) edit(ctx context.Context, s *samples, ed, sid, op, path string, body map[string]any) {
	for attempt := 0; attempt < 2; attempt++ {
		u.mu.Lock()
		body["version"] = u.versions[sid]
		u.mu.Unlock()
		t0 := time.Now()
		code, raw, err := u.post(path, body)
		d := time.Since(t0)
		if err != nil {
			if ctx.Err() == nil {
				s.fail("%s: %v", op, err)
			}
			return
		}
		var out struct {
			Version int
			Error   *struct {
				Code   string
				Detail *struct{ Version int }
			}
		}
		_ = json.Unmarshal(raw, &out)
		switch {
		case code == http.StatusOK:
			s.add(op, d)
			u.mu.Lock()
			u.versions[sid] = max(u.versions[sid], out.Version)
			u.mu.Unlock()
			return
		case code == http.StatusConflict && out.Error != nil && out.Error.Detail != nil:
			s.add(op+" (409)", d)
			s.mu.Lock()
			s.conflicts++
			s.mu.Unlock()
			u.mu.Lock()
			u.versions[sid] = max(u.versions[sid], out.Error.Detail.Version)
			u.mu.Unlock()
		default:
			s.fail("%s %s: %d %s", op, sid, code, raw)
			return
		}
	}
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(float64(len(d))*p+0.5) - 1
	return d[min(max(i, 0), len(d)-1)]
}

func (s *samples) report(b *testing.B) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	wall := s.d["wall"][0]
	var lines []string
	total := 0
	for _, op := range []string{"queue", "editor", "save", "approve", "save (409)", "approve (409)"} {
		d := s.d[op]
		if len(d) == 0 {
			continue
		}
		total += len(d)
		slices.Sort(d)
		lines = append(lines, fmt.Sprintf("| %s | %d | %.1f | %.1f | %.1f | %.1f |", op, len(d), ms(pct(d, .5)), ms(pct(d, .95)), ms(pct(d, .99)), ms(d[len(d)-1])))
		key := strings.NewReplacer(" ", "", "(", "", ")", "").Replace(op)
		b.ReportMetric(ms(pct(d, .5)), key+"-p50-ms")
		b.ReportMetric(ms(pct(d, .95)), key+"-p95-ms")
		b.ReportMetric(ms(pct(d, .99)), key+"-p99-ms")
	}
	b.ReportMetric(float64(total)/wall.Seconds(), "req/s")
	b.Logf("%d translators, %v, %.0f requests/s, %d conflicts\n| operation | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n%s",
		loadTranslators, wall.Round(time.Second), float64(total)/wall.Seconds(), s.conflicts, strings.Join(lines, "\n"))
}

// BenchmarkEditorPage measures opening the editor of a 150-segment edition
// (session check, queries, claim, rendering) with nothing else running.
func BenchmarkEditorPage(b *testing.B) {
	e := newEnv(b)
	_, eds := e.ingest("Long", "markdown", longArticle(0))
	e.addUser("ana", auth.Translator, "es")
	ana := e.login("ana")
	if n := len(e.segments(eds["es"].ID)); n < loadSegments {
		b.Fatalf("%d segments, want at least %d", n, loadSegments)
	}
	path := "/editions/" + eds["es"].ID
	var d []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		resp, body := ana.get(path, nil)
		d = append(d, time.Since(t0))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="editor"`) {
			b.Fatalf("editor: %s", resp.Status)
		}
	}
	slices.Sort(d)
	b.ReportMetric(float64(pct(d, .5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pct(d, .95).Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(pct(d, .99).Microseconds())/1000, "p99-ms")
}

func quietLog() *slog.Logger {
	if os.Getenv("PRESSROOM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
