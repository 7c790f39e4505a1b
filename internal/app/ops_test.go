package app_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/workers"
)

// get answers a GET with an optional header set (name, value pairs).
func get(t *testing.T, url string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

// scrape reads a /metrics page, with a bearer token when one is given.
func scrape(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	var h []string
	if token != "" {
		h = []string{"Authorization", "Bearer " + token}
	}
	code, _, body := get(t, url, h...)
	return code, body
}

type readyCheck struct {
	Name     string  `json:"name"`
	OK       bool    `json:"ok"`
	Required bool    `json:"required"`
	Error    string  `json:"error"`
	Latency  float64 `json:"latency_ms"`
}

func readyz(t *testing.T, base string) (int, map[string]readyCheck) {
	t.Helper()
	code, _, body := get(t, base+"/readyz")
	var rd struct {
		Status string       `json:"status"`
		Checks []readyCheck `json:"checks"`
	}
	if err := json.Unmarshal(body, &rd); err != nil {
		t.Fatalf("/readyz: %v: %s", err, body)
	}
	if want := map[int]string{200: "ready", 503: "unavailable"}[code]; rd.Status != want {
		t.Errorf("/readyz answered %d with status %q", code, rd.Status)
	}
	checks := map[string]readyCheck{}
	for _, c := range rd.Checks {
		checks[c.Name] = c
	}
	return code, checks
}

// TestHealthAndReadiness: /healthz answers while the process lives, even
// with Redis gone; /readyz lists the database, Redis, each backend and each
// default language pair, and answers 503 once Redis is gone.
func TestHealthAndReadiness(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1, Targets: []string{"es", "pt-BR"}})
	code, checks := readyz(t, a.URL())
	if code != 200 {
		t.Fatalf("/readyz: %d %+v", code, checks)
	}
	var names []string
	for n, c := range checks {
		names = append(names, n)
		if !c.OK || c.Error != "" {
			t.Errorf("check %s: %+v", n, c)
		}
	}
	slices.Sort(names)
	if diff := cmp.Diff([]string{"backend:pseudo", "database", "pair:en-es", "pair:en-pt-BR", "redis"}, names); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
	if !checks["database"].Required || !checks["redis"].Required || checks["backend:pseudo"].Required {
		t.Errorf("required flags: %+v", checks)
	}

	a.Embedded.Close() // Redis gone: alive, but not ready
	if code, _, body := get(t, a.URL()+"/healthz"); code != 200 {
		t.Errorf("/healthz without Redis: %d %s, want 200", code, body)
	}
	code, checks = readyz(t, a.URL())
	if code != http.StatusServiceUnavailable || checks["redis"].OK || checks["redis"].Error == "" || !checks["database"].OK {
		t.Errorf("/readyz without Redis: %d %+v, want 503 with redis failing", code, checks)
	}
}

// TestWorkerHealthListener: a worker's --addr serves /healthz and /readyz,
// and no API.
func TestWorkerHealthListener(t *testing.T) {
	a := start(t, app.Config{HealthOnly: true, RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t), Workers: 1})
	base := "http://" + a.Addr()
	if code, _, body := get(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz: %d %s", code, body)
	}
	if code, checks := readyz(t, base); code != 200 || !checks["database"].OK || !checks["redis"].OK {
		t.Errorf("/readyz: %d %+v", code, checks)
	}
	if code, _, _ := get(t, base+"/api/v1/articles"); code != 404 {
		t.Errorf("a worker serves the API: GET /api/v1/articles answered %d", code)
	}
}

// TestMetricsProtected: /metrics on the main listener answers 404 without a
// --metrics-token, 401 without or with a wrong bearer token, 200 with the
// right one; the --metrics-addr listener serves it without a token.
func TestMetricsProtected(t *testing.T) {
	t.Run("no token", func(t *testing.T) {
		a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1, MetricsAddr: "127.0.0.1:0"})
		ingestOne(t, newClient(t, a, auth.Editor), "Queues exist once work has passed through them.", "es")
		get(t, a.URL()+"/healthz")
		if code, body := scrape(t, a.URL()+"/metrics", ""); code != 404 || bytes.Contains(body, []byte("go_goroutines")) {
			t.Errorf("public /metrics without a configured token: %d %s, want 404", code, body)
		}
		if code, body := scrape(t, a.URL()+"/metrics", "anything"); code != 404 {
			t.Errorf("public /metrics with a token none was configured for: %d %s, want 404", code, body)
		}
		code, body := scrape(t, "http://"+a.MetricsAddr()+"/metrics", "")
		if code != 200 {
			t.Fatalf("--metrics-addr: %d %s", code, body)
		}
		for _, want := range []string{"asynq_tasks_enqueued_total", `pressroom_http_requests_total{code="OK",route="GET /healthz"} 1`, "go_goroutines"} {
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("metrics lack %q", want)
			}
		}
	})
	t.Run("token", func(t *testing.T) {
		const token = "s3cret-metrics-token"
		a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1, MetricsToken: token})
		if a.MetricsAddr() != "" {
			t.Errorf("a metrics listener without --metrics-addr: %s", a.MetricsAddr())
		}
		code, hdr, body := get(t, a.URL()+"/metrics")
		if code != 401 || hdr.Get("WWW-Authenticate") == "" || !bytes.Contains(body, []byte(`"code":"unauthenticated"`)) {
			t.Errorf("no token: %d %v %s, want 401 with WWW-Authenticate", code, hdr, body)
		}
		for _, h := range [][]string{{"Authorization", "Bearer wrong"}, {"Authorization", "Bearer " + token + "x"}, {"Authorization", token}, {"Authorization", "Basic " + token}} {
			if code, _, body := get(t, a.URL()+"/metrics", h...); code != 401 {
				t.Errorf("%v: %d %s, want 401", h, code, body)
			}
		}
		if code, body := scrape(t, a.URL()+"/metrics", token); code != 200 || !bytes.Contains(body, []byte("go_goroutines")) {
			t.Errorf("right token: %d %.200s", code, body)
		}
	})
}

// logBuffer collects JSON log records written concurrently.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) records(t *testing.T) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line %s: %v", sc.Bytes(), err)
		}
		out = append(out, m)
	}
	return out
}

// TestLogsCarryIDs: every log record of a request carries its request id
// (the caller's X-Request-Id when sane, else a new one, echoed in the
// answer), and a task's records carry its task id and type.
func TestLogsCarryIDs(t *testing.T) {
	var logs logBuffer
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1,
		Log: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	c := newClient(t, a, auth.Editor)

	// A sane id is kept and echoed; a failing request logs under it too.
	code, hdr, _ := get(t, a.URL()+"/api/v1/articles/art_missing", "Authorization", "Bearer "+c.token, "X-Request-Id", "probe-4711")
	if code != 404 || hdr.Get("X-Request-Id") != "probe-4711" {
		t.Errorf("GET with X-Request-Id: %d, echoed %q", code, hdr.Get("X-Request-Id"))
	}
	// Ids that are too long or not printable are replaced.
	for _, bad := range []string{strings.Repeat("x", 129), "two words", "tab\tid", "naïve"} {
		_, hdr, _ := get(t, a.URL()+"/healthz", "X-Request-Id", bad)
		if got := hdr.Get("X-Request-Id"); got == bad || got == "" {
			t.Errorf("X-Request-Id %q: answered %q, want a new id", bad, got)
		}
	}
	_, h1, _ := get(t, a.URL()+"/healthz")
	_, h2, _ := get(t, a.URL()+"/healthz")
	if h1.Get("X-Request-Id") == "" || h1.Get("X-Request-Id") == h2.Get("X-Request-Id") {
		t.Errorf("generated ids %q and %q: want two different ones", h1.Get("X-Request-Id"), h2.Get("X-Request-Id"))
	}

	// An ingest's request id follows its work into the tasks it causes:
	// the segmentation task and the translation tasks that one enqueues.
	body := `{"body":"Ships wait offshore. Talks resume.","format":"markdown","title":"Port strike","targets":["es"]}`
	req, err := http.NewRequest("POST", a.URL()+"/api/v1/articles", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "ingest-42")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var art article
	if err := json.NewDecoder(resp.Body).Decode(&art); err != nil || resp.StatusCode != 202 {
		t.Fatalf("ingest: %d %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	c.waitEditions2(art.ID, 1, "in_review")
	segTask := "segment:" + art.ID + ":1"

	var reqLines int
	for _, r := range logs.records(t) {
		if r["request_id"] == "probe-4711" {
			reqLines++
			if r["msg"] == "http request" && (r["status"] != 404.0 || r["route"] != "GET /api/v1/articles/{id}") {
				t.Errorf("access log of the probe: %v", r)
			}
		}
		if r["msg"] == "http request" && r["request_id"] == nil {
			t.Errorf("access log without a request id: %v", r)
		}
	}
	// The task's "task done" record may follow the edition reaching review.
	testenv.Eventually(t, deadline, func() (bool, string) {
		for _, r := range logs.records(t) {
			if r["task_id"] == segTask && r["msg"] == "task done" {
				if r["task_type"] != workers.TypeSegment {
					t.Errorf("task record with task_type %v: %v", r["task_type"], r)
				}
				if r["request_id"] != "ingest-42" {
					t.Errorf("the ingest's segmentation task logs request_id %v, want ingest-42: %v", r["request_id"], r)
				}
				return true, ""
			}
		}
		return false, "no log record carries task_id=" + segTask
	})
	testenv.Eventually(t, deadline, func() (bool, string) {
		for _, r := range logs.records(t) {
			if r["task_type"] == workers.TypeTranslate && r["msg"] == "task done" {
				return r["request_id"] == "ingest-42", fmt.Sprintf("the translation task logs request_id %v, want the ingest's ingest-42", r["request_id"])
			}
		}
		return false, "no record of the edition's translation task done"
	})
	if reqLines == 0 {
		t.Error("no log record carries request_id=probe-4711")
	}
}
