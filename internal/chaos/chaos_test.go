package chaos

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// chaosArticles is how many articles a run ingests.
const chaosArticles = 200

// approvedArticles is how many of the first articles the test approves
// in Spanish while the faults go on, so that the translation memory is
// written (and then drafts later copies of the same sentences).
const approvedArticles = 3

// TestChaos runs serve --workers=0 and three workers on their own
// redis-server and a fresh PostgreSQL database, ingests 200 articles and,
// for PRESSROOM_CHAOS_DURATION (default 40s), SIGKILLs workers at random
// moments and restarts them, restarts Redis once with its data lost, and
// answers webhook calls with failures (500s and timeouts) now and then. It
// then checks that every edition reached review, every segment was drafted
// once, no event, memory entry or acknowledged delivery was duplicated,
// every event was delivered, and no task is left in the queues. The seed is
// printed; PRESSROOM_CHAOS_SEED replays it.
func TestChaos(t *testing.T) {
	dur := 40 * time.Second
	if v := os.Getenv("PRESSROOM_CHAOS_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("PRESSROOM_CHAOS_DURATION: %v", err)
		}
		dur = d
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("PRESSROOM_CHAOS_SEED"); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("PRESSROOM_CHAOS_SEED: %v", err)
		}
		seed = s
	}
	t.Logf("chaos: seed %d (PRESSROOM_CHAOS_SEED=%d replays the plan), faults for %v", seed, seed, dur)
	rng := &lockedRand{r: rand.New(rand.NewPCG(seed, 13))}
	began := time.Now()

	mt := newSlowMT(t, func() time.Duration { return time.Duration(rng.IntN(150)) * time.Millisecond }, false)
	c := newCluster(t, clusterOpts{mt: mt, serveArgs: []string{"--webhook-allow-networks", "127.0.0.0/8",
		"--webhook-timeout", "2s", "--reconcile-every", "5s"}})
	var workers []*proc
	for i := range 3 {
		workers = append(workers, c.worker(fmt.Sprintf("worker-%d", i+1), "--webhook-allow-networks", "127.0.0.0/8",
			"--webhook-timeout", "2s", "--reconcile-every", "5s"))
	}
	rec := newReceiver(t, rng)
	code, raw, err := c.api("POST", "/api/v1/webhooks", map[string]any{"url": rec.srv.URL + "/hook", "events": []string{"*"}}, nil)
	if err != nil || code != http.StatusCreated {
		t.Fatalf("create webhook: %d %s %v", code, raw, err)
	}

	j := &journal{t: t, start: time.Now()}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var wg sync.WaitGroup

	// Ingest: four clients, the articles spread over the first half of the
	// run, so that faults hit work of every kind.
	seeds := testenv.Seeds(t)
	ids := make([]string, chaosArticles)
	next := make(chan int)
	go func() {
		defer close(next)
		gap := dur / 2 / chaosArticles
		for i := range chaosArticles {
			next <- i
			time.Sleep(gap) // pacing the ingest, not waiting for work
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id, err := c.ingest(fmt.Sprintf("chaos-%d", i), seeds[i%len(seeds)], fmt.Sprintf("Dispatch %d of the chaos run.", i))
				if err != nil {
					t.Error(err)
					continue
				}
				ids[i] = id
			}
		}()
	}

	// Faults: a worker SIGKILLed every 1–4 s and started again 0.2–2 s
	// later; Redis killed once and started empty.
	redisAt := dur/4 + time.Duration(rng.Int64N(int64(dur/2)))
	wg.Add(1)
	go func() {
		defer wg.Done()
		redisDone := false
		for {
			pause := time.Duration(1000+rng.IntN(3000)) * time.Millisecond
			select {
			case <-ctx.Done():
				return
			case <-time.After(pause): // a random moment
			}
			if !redisDone && time.Since(j.start) >= redisAt {
				redisDone = true
				c.redis.kill()
				j.add("redis-server killed (SIGKILL), its data lost")
				time.Sleep(time.Duration(200+rng.IntN(800)) * time.Millisecond) // Redis stays away a moment
				if err := c.redis.start(); err != nil {
					t.Error(err)
					return
				}
				j.add("redis-server started empty on the same port")
				continue
			}
			w := workers[rng.IntN(len(workers))]
			w.kill()
			j.kill(w.name + " SIGKILLed")
			time.Sleep(time.Duration(200+rng.IntN(1800)) * time.Millisecond) // it stays dead a moment
			if err := w.restart(); err != nil {
				t.Error(err)
				return
			}
			j.add(w.name + " restarted")
		}
	}()

	// Review: the Spanish editions of the first articles to reach review
	// are approved, which writes translation memory (while the faults go
	// on, or after them if review comes late).
	wg.Add(1)
	approvedSegs := 0
	go func() {
		defer wg.Done()
		actx, cancel := context.WithTimeout(context.Background(), dur+3*time.Minute)
		defer cancel()
		n, err := c.approveFirst(actx, approvedArticles)
		approvedSegs = n
		if err != nil {
			t.Error(err)
		}
		j.add(fmt.Sprintf("approved the Spanish editions of %d articles (%d segments)", approvedArticles, n))
	}()

	<-ctx.Done()
	wg.Wait()
	for _, w := range workers {
		select {
		case <-w.done:
			if err := w.restart(); err != nil {
				t.Fatal(err)
			}
			j.add(w.name + " restarted (it had exited)")
		default:
		}
	}
	j.add("faults stopped; waiting for the work to settle")
	if t.Failed() {
		return
	}

	// Settle: every edition in review, every delivery delivered, the
	// queues empty.
	insp := asynq.NewInspector(c.redis.opt())
	defer insp.Close()
	workDone := false
	testenv.Eventually(t, 5*time.Minute, func() (bool, string) {
		arts := c.count(`SELECT COUNT(*) FROM articles`)
		eds := c.count(`SELECT COUNT(*) FROM editions`)
		notReady := c.count(`SELECT COUNT(*) FROM editions WHERE status NOT IN ('in_review', 'approved')`)
		undelivered := c.count(`SELECT COUNT(*) FROM deliveries WHERE status <> 'delivered'`)
		left, err := queueLeft(insp, []string{"pipeline", "webhooks", "maintenance"})
		if err != nil {
			return false, err.Error()
		}
		msg := fmt.Sprintf("%d articles, %d editions, %d not in review, %d deliveries not delivered, queues: %s", arts, eds, notReady, undelivered, left)
		if !workDone && arts == chaosArticles && eds == 2*chaosArticles && notReady == 0 && undelivered == 0 {
			workDone = true
			j.add("every edition in review, every delivery delivered (the queues may still hold finished work's leftovers)")
		}
		return arts == chaosArticles && eds == 2*chaosArticles && notReady == 0 && undelivered == 0 && left == "", msg
	})
	j.add("settled: the queues hold nothing but the periodic tasks")

	// Checks.
	var checked []string
	check := func(what string) { checked = append(checked, what) }
	if n := c.count(`SELECT COUNT(*) FROM articles WHERE revision <> 1`); n > 0 {
		t.Errorf("%d articles have more than one revision", n)
	}
	check("200 articles, one revision each (ingest retried with an Idempotency-Key made none twice)")
	if n := c.count(`SELECT COUNT(*) FROM editions WHERE status = 'approved'`); n != approvedArticles {
		t.Errorf("%d approved editions, want %d", n, approvedArticles)
	}
	check(fmt.Sprintf("400 editions: %d approved by the test, the rest in review", approvedArticles))
	c.checkDraftedOnce(approvedSegs)
	check(fmt.Sprintf("%d segments, each drafted once (draft at version 2; approved at version 3)", c.count(`SELECT COUNT(*) FROM segments`)))
	if d := c.rows(`SELECT e.id, CAST(COUNT(s.id) AS TEXT) FROM editions e JOIN segments s ON s.edition_id = e.id
		GROUP BY e.id HAVING COUNT(s.id) <> (SELECT COUNT(*) FROM segments s2 JOIN editions e2 ON e2.id = s2.edition_id
		WHERE e2.article_id = e.article_id AND e2.lang = 'es')`); len(d) > 0 {
		t.Errorf("editions of one article with different segment counts: %v", d)
	}
	check("both editions of each article have the same segments")
	check("no duplicated event (one per type, article and edition); every edition announced ready for review once")
	if d := c.duplicates(`SELECT segment_id, CAST(COUNT(*) AS TEXT) FROM segment_history GROUP BY segment_id HAVING COUNT(*) > 1`); len(d) > 0 {
		t.Errorf("segments with more than one history entry: %v", d)
	}
	mem := c.count(`SELECT COUNT(*) FROM tm_entries`)
	if d := c.duplicates(`SELECT source_lang || ' ' || target_lang || ' ' || source || ' | ' || prev_source || ' | ' || next_source, CAST(COUNT(*) AS TEXT)
		FROM tm_entries GROUP BY source_lang, target_lang, source, prev_source, next_source HAVING COUNT(*) > 1`); len(d) > 0 {
		t.Errorf("duplicated memory entries: %v", d)
	}
	if mem == 0 {
		t.Errorf("no memory entries after %d approved segments", approvedSegs)
	}
	fromMemory := c.count(`SELECT COUNT(*) FROM segments WHERE origin = 'tm'`)
	check(fmt.Sprintf("%d memory entries, none duplicated, each approval recorded once; %d later drafts came from memory", mem, fromMemory))
	if d := c.duplicates(`SELECT event_id, CAST(COUNT(*) AS TEXT) FROM deliveries GROUP BY event_id, webhook_id HAVING COUNT(*) > 1`); len(d) > 0 {
		t.Errorf("events with more than one delivery: %v", d)
	}
	if d := c.duplicates(`SELECT delivery_id, CAST(COUNT(*) AS TEXT) FROM delivery_attempts WHERE code BETWEEN 200 AND 299
		GROUP BY delivery_id HAVING COUNT(*) > 1`); len(d) > 0 {
		t.Errorf("deliveries acknowledged more than once in the database: %v", d)
	}
	events := c.rows(`SELECT id, type FROM events`)
	missing, dups := rec.verify(events, j.killTimes())
	if len(missing) > 0 {
		t.Errorf("%d events never acknowledged by the receiver, e.g. %v", len(missing), missing[:min(5, len(missing))])
	}
	if len(dups) > 0 {
		t.Errorf("events acknowledged twice with no worker killed in between: %v", dups)
	}
	st := rec.stats()
	check(fmt.Sprintf("%d events, one delivery each, all delivered and acknowledged (receiver: %d calls, %d answered 500, %d timed out, %d acknowledged twice across a worker kill)",
		len(events), st.calls, st.failed, st.hung, st.ackedAcrossKill))
	check("queues: nothing active, pending, scheduled or in retry (pipeline, webhooks); only the periodic tasks in maintenance")
	j.add(fmt.Sprintf("seen in the logs: %d tasks of dead workers copied, %d recovered originals completed unrun, %d reconciler runs that re-enqueued work",
		c.logLines("task left by a dead worker copied"), c.logLines("its copy has taken over"), c.logLines("msg=reconciled")))

	t.Logf("chaos: what was done (seed %d):\n%s", seed, j.String())
	t.Logf("chaos: what was checked:\n  - %s", strings.Join(checked, "\n  - "))
	t.Logf("chaos: %d translation requests; total %v", mt.requests.Load(), time.Since(began).Round(time.Second))
}

// approveFirst approves every segment of the Spanish editions of the
// first n articles to reach review; it returns how many it approved.
func (c *cluster) approveFirst(ctx context.Context, n int) (int, error) {
	approved := 0
	for i := 0; i < n; i++ {
		var ed string
		for ed == "" {
			_ = c.db.QueryRowContext(ctx, `SELECT id FROM editions WHERE lang = 'es' AND status = 'in_review' ORDER BY created_at LIMIT 1`).Scan(&ed)
			if ed != "" {
				break
			}
			select {
			case <-ctx.Done():
				return approved, fmt.Errorf("only %d Spanish editions reached review in time", i)
			case <-time.After(200 * time.Millisecond): // polling
			}
		}
		code, raw, err := c.api("GET", "/api/v1/editions/"+ed+"/segments", nil, nil)
		if err != nil || code != http.StatusOK {
			return approved, fmt.Errorf("segments of %s: %d %s %v", ed, code, raw, err)
		}
		var segs []struct {
			ID      string `json:"id"`
			Version int    `json:"version"`
		}
		if err := json.Unmarshal(raw, &segs); err != nil {
			return approved, err
		}
		for _, s := range segs {
			code, raw, err := c.api("POST", "/api/v1/editions/"+ed+"/segments/"+s.ID+"/approve",
				map[string]any{"version": s.Version, "override_reason": "approved by the chaos test"}, nil)
			if err != nil || code != http.StatusOK {
				return approved, fmt.Errorf("approve %s: %d %s %v", s.ID, code, raw, err)
			}
			approved++
		}
	}
	return approved, nil
}

// lockedRand is the run's seeded randomness, shared by goroutines.
type lockedRand struct {
	mu sync.Mutex
	r  *rand.Rand
}

func (l *lockedRand) IntN(n int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.IntN(n)
}

func (l *lockedRand) Int64N(n int64) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Int64N(n)
}

// journal records what the test did, with times from the start.
type journal struct {
	t     *testing.T
	start time.Time
	mu    sync.Mutex
	lines []string
	kills []time.Time
}

func (j *journal) add(what string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.lines = append(j.lines, fmt.Sprintf("  %6.1fs %s", time.Since(j.start).Seconds(), what))
}

func (j *journal) kill(what string) {
	j.mu.Lock()
	j.kills = append(j.kills, time.Now())
	j.mu.Unlock()
	j.add(what)
}

func (j *journal) killTimes() []time.Time {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.kills)
}

func (j *journal) String() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return strings.Join(j.lines, "\n")
}

// receiver is the webhook receiver: it answers the first call of some
// events with a 500 or lets it time out, and records every acknowledged
// (2xx) call by webhook-id.
type receiver struct {
	srv   *httptest.Server
	rng   *lockedRand
	mu    sync.Mutex
	seen  map[string]int         // webhook-id → calls
	acked map[string][]time.Time // webhook-id → acknowledgements
	st    receiverStats
}

type receiverStats struct{ calls, failed, hung, ackedAcrossKill int }

func newReceiver(t *testing.T, rng *lockedRand) *receiver {
	r := &receiver{rng: rng, seen: map[string]int{}, acked: map[string][]time.Time{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	id := req.Header.Get("webhook-id")
	r.mu.Lock()
	r.seen[id]++
	first := r.seen[id] == 1
	r.st.calls++
	fate := 100
	if first {
		fate = r.rng.IntN(100)
	}
	switch {
	case fate < 15:
		r.st.failed++
	case fate < 25:
		r.st.hung++
	}
	r.mu.Unlock()
	switch {
	case fate < 15:
		http.Error(w, "receiver failing on purpose", http.StatusInternalServerError)
		return
	case fate < 25:
		select { // longer than --webhook-timeout: the sender gives up
		case <-req.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return
	}
	r.mu.Lock()
	r.acked[id] = append(r.acked[id], time.Now())
	r.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// verify returns the events (rows "id type") never acknowledged, and those
// acknowledged twice with no worker killed between the two: a worker
// killed after the receiver answered and before it recorded the answer
// sends again (webhooks are at least once; receivers dedupe by webhook-id),
// nothing else may.
func (r *receiver) verify(events []string, kills []time.Time) (missing, dups []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range events {
		id, _, _ := strings.Cut(e, " ")
		acks := r.acked[id]
		if len(acks) == 0 {
			missing = append(missing, e)
			continue
		}
		for i := 1; i < len(acks); i++ {
			across := slices.ContainsFunc(kills, func(k time.Time) bool { return !k.Before(acks[i-1]) && !k.After(acks[i]) })
			if !across {
				dups = append(dups, e)
				break
			}
			r.st.ackedAcrossKill++
		}
	}
	return missing, dups
}

func (r *receiver) stats() receiverStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.st
}
