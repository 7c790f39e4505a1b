package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// hookLog is what a test receiver saw: every call's signature checked with
// the Standard Webhooks reference library against each secret it knows,
// acknowledgements by webhook-id and, per edition, the order of the acked
// events.
type hookLog struct {
	mu       sync.Mutex
	secrets  []string
	calls    int
	badSig   []string
	verified map[string][]bool // webhook-id → per secret, whether it verified (last call)
	acks     map[string]int
	order    map[string][]string // edition → acked webhook-ids
}

func newHookLog(secrets ...string) *hookLog {
	return &hookLog{secrets: secrets, verified: map[string][]bool{}, acks: map[string]int{}, order: map[string][]string{}}
}

func (l *hookLog) setSecrets(s ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.secrets = s
}

// check verifies r's signature with every known secret; it reports whether
// at least one verified.
func (l *hookLog) check(r *http.Request, body []byte) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	var per []bool
	any := false
	for _, s := range l.secrets {
		wh, err := standardwebhooks.NewWebhook(s)
		ok := err == nil && wh.Verify(body, r.Header) == nil
		per = append(per, ok)
		any = any || ok
	}
	l.verified[r.Header.Get("webhook-id")] = per
	if !any {
		l.badSig = append(l.badSig, r.Header.Get("webhook-id"))
	}
	return any
}

func (l *hookLog) ack(msgID string, body []byte) {
	var p struct {
		Data struct {
			EditionID string `json:"edition_id"`
		} `json:"data"`
	}
	_ = json.Unmarshal(body, &p)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks[msgID]++
	l.order[p.Data.EditionID] = append(l.order[p.Data.EditionID], msgID)
}

func (l *hookLog) acked(msgID string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.acks[msgID]
}

// writeEvents writes events about two editions in turn, each in its own
// transaction (as the workflow does), and returns their ids by edition.
func writeEvents(t *testing.T, a *app.App, editions []string, types []string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	for _, typ := range types {
		for _, ed := range editions {
			ev := &store.Event{Type: typ, ArticleID: "art_test", EditionID: ed, Lang: "es",
				Data: []byte(fmt.Sprintf(`{"edition_id":%q,"lang":"es","status":"x","version":1}`, ed))}
			if err := a.Store.InTx(ctx, func(q *store.Queries) error { _, err := q.AddEvent(ctx, ev); return err }); err != nil {
				t.Fatal(err)
			}
			out[ed] = append(out[ed], ev.ID)
		}
	}
	// The workflow enqueues deliveries after its transaction; here the
	// reconciler finds them in the database, as after a crash.
	if _, err := a.Pipeline.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	return out
}

type hook struct {
	ID             string `json:"id"`
	Secret         string `json:"secret"`
	Enabled        bool   `json:"enabled"`
	DisabledReason string `json:"disabled_reason"`
	ConsecutiveF   int    `json:"consecutive_failures"`
	LastSuccessAt  string `json:"last_success_at"`
}

type deliveryView struct {
	ID         string `json:"id"`
	EventID    string `json:"event_id"`
	Status     string `json:"status"`
	AttemptLog []struct {
		Code  int    `json:"code"`
		Error string `json:"error"`
	} `json:"attempt_log"`
}

var editionEvents = []string{store.EventReadyForReview, store.EventApproved, store.EventPublished, store.EventUpdated, store.EventUnpublished}

// TestWebhookFaults: a receiver that is down, then slow past the timeout,
// then answers 500, then 429 with Retry-After, then a redirect, and finally
// 200 gets every event exactly once, in order per edition; the delivery log
// shows each attempt; every call verifies with the reference library.
func TestWebhookFaults(t *testing.T) {
	t.Run("embedded", func(t *testing.T) { webhookFaults(t, app.Config{DataDir: t.TempDir()}) })
	t.Run("redis-postgres", func(t *testing.T) {
		webhookFaults(t, app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t)})
	})
}

func webhookFaults(t *testing.T, cfg app.Config) {
	sched := make([]time.Duration, 12)
	for i := range sched {
		sched[i] = 50 * time.Millisecond
	}
	cfg.Workers, cfg.WebhookTimeout, cfg.WebhookSchedule = 4, 300*time.Millisecond, sched
	cfg.MetricsAddr = "127.0.0.1:0"
	a := start(t, cfg)
	c := newClient(t, a, auth.Admin)

	// A port nobody listens on (yet).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	var h hook
	if code, raw := c.do("POST", "/api/v1/webhooks", map[string]any{"url": "http://" + addr + "/hook", "events": []string{"*"},
		"description": "fault test"}, &h); code != 201 {
		t.Fatalf("create webhook: %d %s", code, raw)
	}
	log := newHookLog(h.Secret)
	events := writeEvents(t, a, []string{"edn_A", "edn_B"}, editionEvents)
	faulty := events["edn_A"][0]

	// The first attempt finds nobody listening.
	firstDelivery := func() deliveryView {
		var ds []deliveryView
		c.do("GET", "/api/v1/webhooks/"+h.ID+"/deliveries?limit=100", nil, &ds)
		for _, d := range ds {
			if d.EventID == faulty {
				var full deliveryView
				c.do("GET", "/api/v1/webhooks/"+h.ID+"/deliveries/"+d.ID, nil, &full)
				return full
			}
		}
		return deliveryView{}
	}
	testenv.Eventually(t, deadline, func() (bool, string) {
		d := firstDelivery()
		return len(d.AttemptLog) > 0, fmt.Sprintf("no attempt yet: %+v", d)
	})

	var mu sync.Mutex
	faultCalls := 0
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !log.check(r, body) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		id := r.Header.Get("webhook-id")
		if id == faulty {
			mu.Lock()
			n := faultCalls
			faultCalls++
			mu.Unlock()
			switch n {
			case 0: // slow: answers after the sender gave up
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
				return
			case 1:
				http.Error(w, "boom", http.StatusInternalServerError)
				return
			case 2:
				w.Header().Set("Retry-After", "1")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			case 3:
				http.Redirect(w, r, "/elsewhere", http.StatusFound)
				return
			}
		}
		log.ack(id, body)
		w.WriteHeader(http.StatusNoContent)
	})
	var ln2 net.Listener
	testenv.Eventually(t, 5*time.Second, func() (bool, string) {
		ln2, err = net.Listen("tcp", addr)
		return err == nil, fmt.Sprint(err)
	})
	srv := httptest.NewUnstartedServer(handler)
	srv.Listener.Close()
	srv.Listener = ln2
	srv.Start()
	t.Cleanup(srv.Close)

	all := append(slices.Clone(events["edn_A"]), events["edn_B"]...)
	testenv.Eventually(t, deadline, func() (bool, string) {
		for _, id := range all {
			if log.acked(id) == 0 {
				return false, "not acknowledged: " + id
			}
		}
		return true, ""
	})
	// Every delivery is settled as delivered, so no further call can come.
	var ds []deliveryView
	c.do("GET", "/api/v1/webhooks/"+h.ID+"/deliveries?limit=100", nil, &ds)
	if len(ds) != len(all) {
		t.Fatalf("%d deliveries, want %d", len(ds), len(all))
	}
	for _, d := range ds {
		if d.Status != store.DeliveryDelivered {
			t.Errorf("delivery %s of %s is %s", d.ID, d.EventID, d.Status)
		}
	}
	log.mu.Lock()
	for _, id := range all {
		if log.acks[id] != 1 {
			t.Errorf("event %s acknowledged %d times, want once", id, log.acks[id])
		}
	}
	for _, ed := range []string{"edn_A", "edn_B"} {
		if !slices.Equal(log.order[ed], events[ed]) {
			t.Errorf("edition %s: events arrived in the order %v, want %v", ed, log.order[ed], events[ed])
		}
	}
	if len(log.badSig) > 0 {
		t.Errorf("calls whose signature did not verify: %v", log.badSig)
	}
	log.mu.Unlock()

	// The delivery log: refused while down, then timeout, 500, 429, 302, 204.
	d := firstDelivery()
	var codes []int
	for _, at := range d.AttemptLog {
		codes = append(codes, at.Code)
	}
	i := 0
	for i < len(codes) && codes[i] == 0 && strings.Contains(d.AttemptLog[i].Error, "refused") {
		i++
	}
	if i == 0 || !slices.Equal(codes[i:], []int{0, 500, 429, 302, 204}) || !strings.Contains(strings.ToLower(d.AttemptLog[i].Error), "timeout") {
		t.Errorf("attempt log %+v; want connection refused, then a timeout, 500, 429, 302 and 204", d.AttemptLog)
	}
	var got hook
	c.do("GET", "/api/v1/webhooks/"+h.ID, nil, &got)
	if !got.Enabled || got.ConsecutiveF != 0 || got.LastSuccessAt == "" {
		t.Errorf("webhook health after recovery: %+v", got)
	}
	// The metrics count the attempts by result and the acknowledgements.
	_, metrics := scrape(t, "http://"+a.MetricsAddr()+"/metrics", "")
	for _, want := range []string{`pressroom_webhook_attempts_total{result="5xx"}`, `pressroom_webhook_attempts_total{result="4xx"}`,
		`pressroom_webhook_attempts_total{result="3xx"}`, `pressroom_webhook_attempts_total{result="error"}`,
		`pressroom_webhook_deliveries_total{outcome="delivered"} 10`, `pressroom_webhook_ack_delay_seconds_count 10`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestWebhookGone: a receiver answering 410 is disabled at once, with a
// webhook.disabled event; events after that are not sent to it.
func TestWebhookGone(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2, WebhookSchedule: []time.Duration{50 * time.Millisecond}})
	c := newClient(t, a, auth.Editor)
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		http.Error(w, "gone", http.StatusGone)
	}))
	t.Cleanup(srv.Close)
	var h hook
	if code, raw := c.do("POST", "/api/v1/webhooks", map[string]any{"url": srv.URL, "events": []string{store.EventPublished}}, &h); code != 201 {
		t.Fatalf("create webhook: %d %s", code, raw)
	}
	writeEvents(t, a, []string{"edn_G"}, []string{store.EventPublished})
	testenv.Eventually(t, deadline, func() (bool, string) {
		var got hook
		c.do("GET", "/api/v1/webhooks/"+h.ID, nil, &got)
		return !got.Enabled && strings.Contains(got.DisabledReason, "410"), fmt.Sprintf("%+v", got)
	})
	evs, err := a.Store.ListEvents(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if evs[0].Type != store.EventWebhookDisabled || !strings.Contains(string(evs[0].Data), h.ID) {
		t.Errorf("latest event %s %s; want webhook.disabled naming %s", evs[0].Type, evs[0].Data, h.ID)
	}
	writeEvents(t, a, []string{"edn_G"}, []string{store.EventPublished})
	var ds []deliveryView
	c.do("GET", "/api/v1/webhooks/"+h.ID+"/deliveries", nil, &ds)
	mu.Lock()
	defer mu.Unlock()
	if len(ds) != 1 || ds[0].Status != store.DeliveryFailed || calls != 1 {
		t.Errorf("after 410: %d deliveries %+v, %d calls; want the one failed delivery and one call", len(ds), ds, calls)
	}
}

// TestWebhookRotationAndReplay: after a rotation with an overlap every call
// carries both signatures (each secret alone verifies it); after a rotation
// without one, only the newest secret does. A replay re-sends every event
// since a time, in order, with the original webhook-ids.
func TestWebhookRotationAndReplay(t *testing.T) {
	t.Run("embedded", func(t *testing.T) { webhookRotationAndReplay(t, app.Config{DataDir: t.TempDir()}) })
	t.Run("redis-postgres", func(t *testing.T) {
		webhookRotationAndReplay(t, app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t)})
	})
}

func webhookRotationAndReplay(t *testing.T, cfg app.Config) {
	cfg.Workers = 2
	a := start(t, cfg)
	c := newClient(t, a, auth.Editor)
	log := newHookLog()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !log.check(r, body) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		log.ack(r.Header.Get("webhook-id"), body)
	}))
	t.Cleanup(srv.Close)
	var h hook
	if code, raw := c.do("POST", "/api/v1/webhooks", map[string]any{"url": srv.URL, "events": []string{"*"}, "languages": []string{"es"}}, &h); code != 201 {
		t.Fatalf("create webhook: %d %s", code, raw)
	}
	first := h.Secret
	var rot hook
	if code, raw := c.do("POST", "/api/v1/webhooks/"+h.ID+"/rotate", map[string]any{"overlap_seconds": 3600}, &rot); code != 200 || rot.Secret == first {
		t.Fatalf("rotate: %d %s", code, raw)
	}
	log.setSecrets(first, rot.Secret)
	since := time.Now().UTC()
	ev := writeEvents(t, a, []string{"edn_R"}, []string{store.EventReadyForReview})["edn_R"][0]
	wait := func(id string, n int) {
		testenv.Eventually(t, deadline, func() (bool, string) { return log.acked(id) >= n, "waiting for " + id })
	}
	wait(ev, 1)
	log.mu.Lock()
	if v := log.verified[ev]; !slices.Equal(v, []bool{true, true}) {
		t.Errorf("during the overlap: old, new secret verified %v; want both", v)
	}
	log.mu.Unlock()

	var rot2 hook
	if code, raw := c.do("POST", "/api/v1/webhooks/"+h.ID+"/rotate", map[string]any{"overlap_seconds": 0}, &rot2); code != 200 {
		t.Fatalf("rotate: %d %s", code, raw)
	}
	log.setSecrets(first, rot.Secret, rot2.Secret)
	ev2 := writeEvents(t, a, []string{"edn_R"}, []string{store.EventApproved})["edn_R"][0]
	wait(ev2, 1)
	log.mu.Lock()
	if v := log.verified[ev2]; !slices.Equal(v, []bool{false, false, true}) {
		t.Errorf("after a rotation without overlap: secrets verified %v; want only the newest", v)
	}
	log.mu.Unlock()

	// A language the webhook does not want is not sent.
	ctx := context.Background()
	pt := &store.Event{Type: store.EventApproved, EditionID: "edn_P", Lang: "pt-BR", Data: []byte(`{"edition_id":"edn_P"}`)}
	if err := a.Store.InTx(ctx, func(q *store.Queries) error {
		ids, err := q.AddEvent(ctx, pt)
		if len(ids) != 0 {
			t.Errorf("a pt-BR event made deliveries %v for an es-only webhook", ids)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}

	if code, raw := c.do("POST", "/api/v1/webhooks/"+h.ID+"/replay", map[string]any{"since": since}, nil); code != 202 {
		t.Fatalf("replay: %d %s", code, raw)
	}
	wait(ev, 2)
	wait(ev2, 2)
	log.mu.Lock()
	defer log.mu.Unlock()
	if want := []string{ev, ev2, ev, ev2}; !slices.Equal(log.order["edn_R"], want) {
		t.Errorf("order with replay %v, want %v", log.order["edn_R"], want)
	}
	if len(log.badSig) > 0 {
		t.Errorf("calls whose signature did not verify: %v", log.badSig)
	}
	if code, _ := c.do("POST", "/api/v1/webhooks/"+h.ID+"/replay", map[string]any{}, nil); code != 400 {
		t.Errorf("replay without since: %d, want 400", code)
	}
	if code, _ := c.do("POST", "/api/v1/webhooks/"+h.ID+"/rotate", map[string]any{"overlap_seconds": -1}, nil); code != 422 {
		t.Errorf("rotate with a negative overlap: %d, want 422", code)
	}
}
