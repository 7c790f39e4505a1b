package translate

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// billing wraps a fake and reports one billed character per source byte.
type billing struct{ *fake }

func (b billing) Translate(ctx context.Context, req Request) ([]Draft, error) {
	ds, err := b.fake.Translate(ctx, req)
	for i := range ds {
		ds[i].BilledChars = len(req.Segments[i].Text)
	}
	return ds, err
}

type recorder struct {
	mu    sync.Mutex
	calls []Call
}

func (r *recorder) ObserveCall(c Call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.Latency = 0
	r.calls = append(r.calls, c)
}

func TestStatusAndObserver(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	one := &fake{name: "one", batchErr: &RetryAfterError{After: time.Minute, Err: errors.New("HTTP 429")}}
	two := billing{&fake{name: "two", reply: map[string]string{"bad": "!boom"}}}
	reg, _ := NewRegistry(one, two)
	rec := &recorder{}
	r, err := NewRouter(reg, Policy{Default: []string{"one", "two"}}, WithLogger(quiet()), WithClock(clock),
		WithObserver(rec), WithPrices(map[string]float64{"two": 20}))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := r.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs("abcd", "bad")}); err != nil {
			t.Fatal(err)
		}
	}
	errText := func(e error) string {
		if e == nil {
			return ""
		}
		return e.Error()
	}
	type callSummary struct {
		Backend, Outcome                 string
		Segments, OK, Chars, BilledChars int
		Err                              string
	}
	var got []callSummary
	for _, c := range rec.calls {
		got = append(got, callSummary{c.Backend, c.Outcome, c.Segments, c.OK, c.Chars, c.BilledChars, errText(c.Err)})
	}
	want := []callSummary{
		{"one", "error", 2, 0, 7, 0, "HTTP 429 (retry after 1m0s)"},
		{"two", "ok", 2, 1, 7, 7, "boom"},
		{"one", "skipped", 2, 0, 0, 0, "circuit open until 2026-01-01T00:01:00Z"},
		{"two", "ok", 2, 1, 7, 7, "boom"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("observed calls (-want +got):\n%s", d)
	}
	until := now.Add(time.Minute)
	wantStatus := []BackendStatus{
		{Name: "one", Calls: 1, Failures: 1, Skipped: 1, Segments: 2, Chars: 7,
			LastError: "HTTP 429 (retry after 1m0s)", LastErrorAt: &now, CircuitOpenUntil: &until},
		{Name: "two", Calls: 2, Segments: 4, Translated: 2, Chars: 14, BilledChars: 14,
			PricePerMillion: 20, EstimatedCost: 14 * 20 / 1e6, LastError: "boom", LastErrorAt: &now, LastSuccessAt: &now},
	}
	if d := cmp.Diff(wantStatus, r.Status()); d != "" {
		t.Errorf("status (-want +got):\n%s", d)
	}
}

// blocking is a backend whose calls wait until released, counting how many
// run at once.
type blocking struct {
	release chan struct{}
	mu      sync.Mutex
	running int
	peak    int
	started chan struct{}
}

func (b *blocking) Name() string { return "slow" }

func (b *blocking) Translate(ctx context.Context, req Request) ([]Draft, error) {
	b.mu.Lock()
	b.running++
	b.peak = max(b.peak, b.running)
	b.mu.Unlock()
	b.started <- struct{}{}
	<-b.release
	b.mu.Lock()
	b.running--
	b.mu.Unlock()
	out := make([]Draft, len(req.Segments))
	for i, s := range req.Segments {
		out[i] = Draft{ID: s.ID, Text: s.Text}
	}
	return out, nil
}

func TestConcurrencyLimit(t *testing.T) {
	b := &blocking{release: make(chan struct{}), started: make(chan struct{}, 10)}
	reg, _ := NewRegistry(b)
	r, _ := NewRouter(reg, Policy{Default: []string{"slow"}}, WithLogger(quiet()), WithConcurrency(map[string]int{"slow": 2}))
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs("x")})
		}()
	}
	// Two calls start; the other three wait for a slot. Release one call at
	// a time: each release lets exactly one more start.
	for i := range 5 {
		<-b.started
		if i >= 1 {
			b.release <- struct{}{}
		}
	}
	b.release <- struct{}{}
	wg.Wait()
	if b.peak != 2 {
		t.Errorf("peak concurrency %d, want 2", b.peak)
	}
}

type fakeLimiter struct {
	mu      sync.Mutex
	waits   []int
	backoff map[string]time.Duration
	err     error
}

func (l *fakeLimiter) Wait(_ context.Context, backend string, chars int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waits = append(l.waits, chars)
	return l.err
}

func (l *fakeLimiter) Backoff(_ context.Context, backend string, d time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.backoff[backend] = d
	return nil
}

func TestLimiterConsultedAndToldRetryAfter(t *testing.T) {
	one := &fake{name: "one", batchErr: &RetryAfterError{After: 7 * time.Second, Err: errors.New("429")}}
	two := &fake{name: "two"}
	reg, _ := NewRegistry(one, two)
	l := &fakeLimiter{backoff: map[string]time.Duration{}}
	r, _ := NewRouter(reg, Policy{Default: []string{"one", "two"}}, WithLogger(quiet()), WithLimiter(l))
	got, err := r.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs("ab <1>c</1>", "d")})
	if err != nil || got[0].Backend != "two" {
		t.Fatalf("got %v, %v", got, err)
	}
	if d := cmp.Diff([]int{5, 5}, l.waits); d != "" {
		t.Errorf("limiter asked for chars (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]time.Duration{"one": 7 * time.Second}, l.backoff); d != "" {
		t.Errorf("shared backoff (-want +got):\n%s", d)
	}

	// A limiter that refuses sends the segments to the next backend.
	l2 := &fakeLimiter{err: errors.New("over the limit")}
	three, four := &fake{name: "three"}, &fake{name: "four"}
	reg2, _ := NewRegistry(three, four)
	r2, _ := NewRouter(reg2, Policy{Default: []string{"three", "four"}}, WithLogger(quiet()), WithLimiter(l2))
	got, _ = r2.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs("x")})
	if got[0].Err == nil || three.callCount() != 0 || four.callCount() != 0 {
		t.Errorf("refusing limiter: draft %+v, calls %d/%d", got[0], three.callCount(), four.callCount())
	}
}
