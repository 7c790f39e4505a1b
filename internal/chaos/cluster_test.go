package chaos

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// cluster is a pressroom deployment of real processes: its own
// redis-server, a fresh PostgreSQL database, serve --workers=0, and workers
// started by the test, all translating through mt.
type cluster struct {
	t      *testing.T
	dir    string
	bin    string
	redis  *redisServer
	dbURL  string
	db     *sql.DB
	mt     *slowMT
	config string
	serve  *proc
	base   string
	token  string // admin
	http   *http.Client
}

// clusterOpts are what the tests vary.
type clusterOpts struct {
	mt        *slowMT
	serveArgs []string // extra flags of serve
}

// newCluster builds the binary and starts Redis, the database and serve.
func newCluster(t *testing.T, o clusterOpts) *cluster {
	t.Helper()
	redisBin, err := exec.LookPath("redis-server")
	if err != nil {
		testenv.Require(t, "redis-server", "install redis-server (the chaos tests start and kill their own)")
	}
	dbURL := testenv.PostgresURL(t)
	c := &cluster{t: t, dir: t.TempDir(), dbURL: dbURL, mt: o.mt, http: &http.Client{Timeout: 30 * time.Second}}
	t.Cleanup(func() {
		if t.Failed() {
			c.dumpLogs()
		}
	})
	c.bin = buildBinary(t, c.dir)
	c.redis = startRedis(t, redisBin, c.dir, freePort(t))
	if c.db, err = sql.Open("pgx", dbURL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.db.Close() })
	c.config = filepath.Join(c.dir, "pressroom.toml")
	cfg := fmt.Sprintf("[routing]\ndefault = [\"libretranslate\"]\n\n[backends.libretranslate]\nbase_url = %q\ntimeout = \"120s\"\n", c.mt.srv.URL)
	if err := os.WriteFile(c.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	c.base = "http://" + addr
	args := append([]string{"serve", "--workers=0", "--addr", addr, "--base-url", c.base}, c.common()...)
	c.serve = c.start("serve", append(args, o.serveArgs...)...)
	testenv.Eventually(t, 60*time.Second, func() (bool, string) {
		select {
		case <-c.serve.done:
			t.Fatalf("serve exited: %v", c.serve.wait())
		default:
		}
		res, err := c.http.Get(c.base + "/healthz")
		if err != nil {
			return false, err.Error()
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK, res.Status
	})
	out, err := exec.Command(c.bin, "token", "create", "--role", "admin", "--database-url", dbURL).Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	c.token = strings.TrimSpace(string(out))
	return c
}

// common are the flags every service process shares.
func (c *cluster) common() []string {
	return []string{"--redis-url", c.redis.url(), "--database-url", c.dbURL, "--config", c.config, "--log-level", "info"}
}

// worker starts a worker process with extra flags.
func (c *cluster) worker(name string, extra ...string) *proc {
	args := append([]string{"worker", "--workers", "4", "--base-url", c.base}, c.common()...)
	return c.start(name, append(args, extra...)...)
}

// buildBinary builds cmd/pressroom into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "pressroom")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/pressroom")
	cmd.Dir = testenv.RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// freePort returns a loopback port nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// proc is a pressroom process the test can kill and start again; its
// output goes to one log file across restarts.
type proc struct {
	c    *cluster
	name string
	args []string
	log  *os.File
	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	err  error // exit status of the last run, once done is closed
}

func (c *cluster) start(name string, args ...string) *proc {
	c.t.Helper()
	f, err := os.OpenFile(filepath.Join(c.dir, name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		c.t.Fatal(err)
	}
	p := &proc{c: c, name: name, args: args, log: f}
	c.t.Cleanup(func() {
		p.signal(syscall.SIGKILL)
		p.wait()
		f.Close()
	})
	if err := p.restart(); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// restart starts the process (again).
func (p *proc) restart() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.log, "=== start %s\n", time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(p.c.bin, p.args...)
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", p.name, err)
	}
	done := make(chan struct{})
	p.cmd, p.done = cmd, done
	go func() {
		err := cmd.Wait()
		p.mu.Lock()
		p.err = err
		p.mu.Unlock()
		close(done)
	}()
	return nil
}

// signal sends sig to the process if it runs.
func (p *proc) signal(sig syscall.Signal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(sig)
	}
}

// wait waits for the process to exit and returns its exit error.
func (p *proc) wait() error {
	p.mu.Lock()
	done := p.done
	p.mu.Unlock()
	if done == nil {
		return nil
	}
	<-done
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// kill SIGKILLs the process and waits for it to be gone.
func (p *proc) kill() {
	p.signal(syscall.SIGKILL)
	_ = p.wait()
}

// dumpLogs prints the end of every process's log.
func (c *cluster) dumpLogs() {
	files, _ := filepath.Glob(filepath.Join(c.dir, "*.log"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if len(b) > 6000 {
			b = b[len(b)-6000:]
		}
		c.t.Logf("--- %s (end)\n%s", filepath.Base(f), b)
	}
}

// redisServer is a redis-server process of the test's own, without
// persistence: killing it loses the queue.
type redisServer struct {
	t    *testing.T
	bin  string
	dir  string
	port int
	cmd  *exec.Cmd
}

func startRedis(t *testing.T, bin, dir string, port int) *redisServer {
	t.Helper()
	r := &redisServer{t: t, bin: bin, dir: dir, port: port}
	if err := r.start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.kill)
	return r
}

func (r *redisServer) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

func (r *redisServer) opt() asynq.RedisClientOpt {
	return asynq.RedisClientOpt{Addr: fmt.Sprintf("127.0.0.1:%d", r.port)}
}

// start starts redis-server, empty, and waits until it answers.
func (r *redisServer) start() error {
	r.cmd = exec.Command(r.bin, "--port", fmt.Sprint(r.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", r.dir, "--logfile", filepath.Join(r.dir, "redis.log"))
	if err := r.cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	rc := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", r.port)})
	defer rc.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := rc.Ping(context.Background()).Err()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis-server on port %d does not answer: %w", r.port, err)
		}
		time.Sleep(20 * time.Millisecond) // polling until it listens
	}
}

// kill SIGKILLs redis-server: everything in it is lost.
func (r *redisServer) kill() {
	if r.cmd != nil && r.cmd.Process != nil {
		_ = r.cmd.Process.Kill()
		_ = r.cmd.Wait()
		r.cmd = nil
	}
}

// slowMT is a machine-translation server speaking the LibreTranslate API
// ("[lang] " + the text, markup kept), slow on purpose so that workers are
// killed with batches in flight. Requests wait for delay(), and while the
// gate is shut they wait for it to open.
type slowMT struct {
	srv      *httptest.Server
	delay    func() time.Duration
	gateMu   sync.Mutex
	gate     chan struct{} // closed: open
	requests atomic.Int64
	arrived  chan struct{} // gets a value per request, if anyone listens
}

func newSlowMT(t *testing.T, delay func() time.Duration, shut bool) *slowMT {
	m := &slowMT{delay: delay, gate: make(chan struct{}), arrived: make(chan struct{}, 1)}
	if !shut {
		close(m.gate)
	}
	m.srv = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(func() {
		m.open()
		m.srv.Close()
	})
	return m
}

func (m *slowMT) open() {
	m.gateMu.Lock()
	defer m.gateMu.Unlock()
	select {
	case <-m.gate:
	default:
		close(m.gate)
	}
}

func (m *slowMT) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/translate" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Q      []string `json:"q"`
		Target string   `json:"target"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
		return
	}
	m.requests.Add(1)
	select {
	case m.arrived <- struct{}{}:
	default:
	}
	m.gateMu.Lock()
	gate := m.gate
	m.gateMu.Unlock()
	select {
	case <-gate:
	case <-r.Context().Done():
		return
	}
	if m.delay != nil {
		select {
		case <-time.After(m.delay()):
		case <-r.Context().Done():
			return
		}
	}
	out := make([]string, len(req.Q))
	for i, q := range req.Q {
		out[i] = "[" + req.Target + "] " + q
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
}

// api calls serve's JSON API as the admin; it returns the status and body.
func (c *cluster) api(method, path string, body any, hdr map[string]string) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// ingest posts an article, retrying with the same Idempotency-Key until
// serve answers (it may answer 5xx while Redis restarts): one article
// however many tries.
func (c *cluster) ingest(key string, a testenv.Article, suffix string) (string, error) {
	body := map[string]any{"body": string(a.Body) + "\n\n" + suffix + "\n", "format": a.Format}
	var last string
	for try := 0; try < 40; try++ {
		code, raw, err := c.api("POST", "/api/v1/articles", body, map[string]string{"Idempotency-Key": key})
		if err == nil && code == http.StatusAccepted {
			var out struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(raw, &out); err != nil {
				return "", err
			}
			return out.ID, nil
		}
		last = fmt.Sprintf("%d %s %v", code, raw, err)
		if err == nil && code/100 == 4 {
			break
		}
		time.Sleep(250 * time.Millisecond) // serve is away: try again shortly
	}
	return "", fmt.Errorf("ingest %s: %s", key, last)
}

// count runs a COUNT query.
func (c *cluster) count(q string, args ...any) int {
	c.t.Helper()
	var n int
	if err := c.db.QueryRow(q, args...).Scan(&n); err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
	return n
}

// rows runs a query whose rows are two text columns, "a b" each.
func (c *cluster) rows(q string, args ...any) []string {
	c.t.Helper()
	rs, err := c.db.Query(q, args...)
	if err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var a, b string
		if err := rs.Scan(&a, &b); err != nil {
			c.t.Fatal(err)
		}
		out = append(out, a+" "+b)
	}
	if err := rs.Err(); err != nil {
		c.t.Fatal(err)
	}
	return out
}

// duplicates returns the groups a GROUP BY … HAVING COUNT(*) > 1 query
// finds, as "key count".
func (c *cluster) duplicates(q string) []string { return c.rows(q) }

// checkDraftedOnce checks that every segment was drafted exactly once: a
// segment starts at version 1 and each write adds one, so a drafted,
// untouched segment is at version 2 in status draft; each edition's
// readiness was announced once.
func (c *cluster) checkDraftedOnce(approved int) {
	c.t.Helper()
	if bad := c.rows(`SELECT id, status || ' v' || version FROM segments
		WHERE NOT ((status = 'draft' AND version = 2) OR (status = 'approved' AND version = 3)) LIMIT 5`); len(bad) > 0 {
		c.t.Errorf("segments not drafted exactly once (want draft v2, or approved v3 when approved by the test): %v", bad)
	}
	if n := c.count(`SELECT COUNT(*) FROM segments WHERE status = 'approved'`); n != approved {
		c.t.Errorf("%d approved segments, want %d", n, approved)
	}
	if d := c.duplicates(`SELECT type || ' ' || article_id || ' ' || edition_id, CAST(COUNT(*) AS TEXT) FROM events
		GROUP BY type, article_id, edition_id HAVING COUNT(*) > 1`); len(d) > 0 {
		c.t.Errorf("duplicated events (type article edition, count): %v", d)
	}
	if n := c.count(`SELECT COUNT(*) FROM editions e WHERE NOT EXISTS
		(SELECT 1 FROM events v WHERE v.edition_id = e.id AND v.type = 'edition.ready_for_review')`); n > 0 {
		c.t.Errorf("%d editions never announced ready for review", n)
	}
}

// queueLeft describes the tasks still in the queues, except the periodic
// maintenance ones and finished (retained) copies.
func queueLeft(insp *asynq.Inspector, queues []string) (string, error) {
	var left []string
	for _, q := range queues {
		info, err := insp.GetQueueInfo(q)
		if err != nil {
			if strings.Contains(err.Error(), "not found") {
				continue
			}
			return "", err
		}
		if q == "maintenance" {
			// The periodic reconciler and source polling come and go;
			// nothing else may wait there.
			other, err := otherTasks(insp, q, "maintenance:reconcile", "maintenance:sources")
			if err != nil {
				return "", err
			}
			if other != "" {
				left = append(left, q+": "+other)
			}
			continue
		}
		if n := info.Active + info.Pending + info.Scheduled + info.Retry + info.Aggregating; n > 0 {
			left = append(left, fmt.Sprintf("%s: active %d pending %d scheduled %d retry %d", q, info.Active, info.Pending, info.Scheduled, info.Retry))
		}
	}
	return strings.Join(left, "; "), nil
}

// otherTasks lists the tasks of a queue, in any unfinished state, whose
// type is not one of types.
func otherTasks(insp *asynq.Inspector, q string, types ...string) (string, error) {
	var out []string
	for _, list := range []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){
		insp.ListActiveTasks, insp.ListPendingTasks, insp.ListScheduledTasks, insp.ListRetryTasks} {
		ts, err := list(q, asynq.PageSize(100))
		if err != nil {
			return "", err
		}
		for _, t := range ts {
			if !slices.Contains(types, t.Type) {
				out = append(out, fmt.Sprintf("%s %s (%v)", t.Type, t.ID, t.State))
			}
		}
	}
	return strings.Join(out, ", "), nil
}

// logLines counts the lines of the processes' logs that contain s.
func (c *cluster) logLines(s string) int {
	files, _ := filepath.Glob(filepath.Join(c.dir, "*.log"))
	n := 0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		n += strings.Count(string(b), s)
	}
	return n
}
