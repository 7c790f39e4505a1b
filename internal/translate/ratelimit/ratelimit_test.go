package ratelimit

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// clock is a fake clock: sleeping advances it and records the duration.
type clock struct {
	mu     sync.Mutex
	t      time.Time
	slept  []time.Duration
	frozen bool // sleep records but does not advance
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	if !c.frozen {
		c.t = c.t.Add(d)
	}
	return nil
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *clock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// servers runs a test against miniredis in-process and, when
// PRESSROOM_TEST_REDIS_URL is set (always in CI), a real redis-server.
func servers(t *testing.T, fn func(t *testing.T, rdb redis.UniversalClient)) {
	t.Run("miniredis", func(t *testing.T) {
		mr := miniredis.RunT(t)
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		t.Cleanup(func() { rdb.Close() })
		fn(t, rdb)
	})
	t.Run("redis-server", func(t *testing.T) {
		opt, err := redis.ParseURL(testenv.RedisURL(t))
		if err != nil {
			t.Fatal(err)
		}
		rdb := redis.NewClient(opt)
		t.Cleanup(func() { rdb.Close() })
		fn(t, rdb)
	})
}

func newLimiter(rdb redis.UniversalClient, c *clock, limits map[string]Limit, opts ...Option) *Limiter {
	opts = append([]Option{WithClock(c.now, c.sleep), WithLogger(quiet()), WithPrefix("test:" + time.Now().Format("150405.000000000"))}, opts...)
	return New(rdb, limits, opts...)
}

func start() *clock { return &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func TestRequestsPerSecond(t *testing.T) {
	servers(t, func(t *testing.T, rdb redis.UniversalClient) {
		c := start()
		l := newLimiter(rdb, c, map[string]Limit{"deepl": {RequestsPerSecond: 2}})
		for range 4 {
			if err := l.Wait(context.Background(), "deepl", 10); err != nil {
				t.Fatal(err)
			}
		}
		// Burst of 2 at once, then one every 500 ms.
		if d := cmp.Diff([]time.Duration{500 * time.Millisecond, 500 * time.Millisecond}, c.sleeps()); d != "" {
			t.Errorf("sleeps (-want +got):\n%s", d)
		}
	})
}

func TestCharsPerSecond(t *testing.T) {
	servers(t, func(t *testing.T, rdb redis.UniversalClient) {
		c := start()
		l := newLimiter(rdb, c, map[string]Limit{"google": {CharsPerSecond: 1000}})
		for _, chars := range []int{600, 400, 500, 5000} {
			if err := l.Wait(context.Background(), "google", chars); err != nil {
				t.Fatal(err)
			}
		}
		// 600+400 fill the one-second burst; 500 more wait 500 ms; 5,000
		// (more than the bucket holds) waits for a full bucket: 1 s.
		want := []time.Duration{500 * time.Millisecond, time.Second}
		if d := cmp.Diff(want, c.sleeps()); d != "" {
			t.Errorf("sleeps (-want +got):\n%s", d)
		}
		// Other backends are not limited.
		if err := l.Wait(context.Background(), "apertium", 1e6); err != nil {
			t.Fatal(err)
		}
		if len(c.sleeps()) != 2 {
			t.Errorf("an unlimited backend waited: %v", c.sleeps())
		}
	})
}

// TestSharedBetweenWorkers: two limiters (two processes) on one Redis spend
// one budget; with MaxWait 0 the refused ones say how long to wait.
func TestSharedBetweenWorkers(t *testing.T) {
	servers(t, func(t *testing.T, rdb redis.UniversalClient) {
		c := start()
		limits := map[string]Limit{"deepl": {RequestsPerSecond: 5}}
		a := newLimiter(rdb, c, limits, WithMaxWait(0), WithPrefix("shared"))
		b := newLimiter(rdb, c, limits, WithMaxWait(0), WithPrefix("shared"))
		rdb.Del(context.Background(), a.keys("deepl")...)
		var allowed atomic.Int32
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := a
				if i%2 == 1 {
					l = b
				}
				err := l.Wait(context.Background(), "deepl", 1)
				var ra *translate.RetryAfterError
				switch {
				case err == nil:
					allowed.Add(1)
				case errors.As(err, &ra) && errors.Is(err, ErrLimited) && ra.After > 0 && ra.After <= time.Second:
				default:
					t.Errorf("err = %v", err)
				}
			}()
		}
		wg.Wait()
		if got := allowed.Load(); got != 5 {
			t.Errorf("%d of 20 concurrent calls allowed at one instant, want the burst of 5", got)
		}
		c.advance(time.Second)
		if err := a.Wait(context.Background(), "deepl", 1); err != nil {
			t.Errorf("a second later: %v", err)
		}
	})
}

// TestBackoffHoldsEveryone: a Retry-After seen by one worker holds the
// other off; a shorter later hold does not shorten it.
func TestBackoffHoldsEveryone(t *testing.T) {
	servers(t, func(t *testing.T, rdb redis.UniversalClient) {
		c := start()
		a := newLimiter(rdb, c, nil, WithPrefix("hold"), WithMaxWait(5*time.Second))
		b := newLimiter(rdb, c, nil, WithPrefix("hold"), WithMaxWait(time.Minute))
		rdb.Del(context.Background(), a.keys("google")...)
		if err := a.Backoff(context.Background(), "google", 10*time.Second); err != nil {
			t.Fatal(err)
		}
		if err := a.Backoff(context.Background(), "google", 2*time.Second); err != nil {
			t.Fatal(err)
		}
		err := a.Wait(context.Background(), "google", 1)
		var ra *translate.RetryAfterError
		if !errors.As(err, &ra) || ra.After != 10*time.Second {
			t.Fatalf("within MaxWait 5s: err = %v, want RetryAfter 10s", err)
		}
		if err := b.Wait(context.Background(), "google", 1); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]time.Duration{10 * time.Second}, c.sleeps()); d != "" {
			t.Errorf("sleeps (-want +got):\n%s", d)
		}
		if err := b.Wait(context.Background(), "deepl", 1); err != nil || len(c.sleeps()) != 1 {
			t.Errorf("another backend held too: %v %v", err, c.sleeps())
		}
	})
}

func TestCancelWhileWaiting(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	defer rdb.Close()
	c := start()
	l := newLimiter(rdb, c, map[string]Limit{"x": {RequestsPerSecond: 1}})
	ctx, cancel := context.WithCancel(context.Background())
	if err := l.Wait(ctx, "x", 1); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := l.Wait(ctx, "x", 1); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestRedisDownFailsOpen: without Redis the call goes ahead.
func TestRedisDownFailsOpen(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	mr.Close()
	l := newLimiter(rdb, start(), map[string]Limit{"x": {RequestsPerSecond: 1}})
	if err := l.Wait(context.Background(), "x", 1); err != nil {
		t.Errorf("err = %v, want nil (fail open)", err)
	}
}

// TestWithRouter: the router consults the limiter and, on a 429 with
// Retry-After, tells it, so that a second router (another worker) skips the
// backend too.
func TestWithRouter(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	defer rdb.Close()
	c := start()
	limited := &scripted{name: "paid", err: &translate.RetryAfterError{After: time.Minute, Err: errors.New("HTTP 429")}}
	mk := func(b translate.Backend) *translate.Router {
		reg, _ := translate.NewRegistry(b, translate.NewCopy())
		r, err := translate.NewRouter(reg, translate.Policy{Default: []string{"paid", "copy"}}, translate.WithLogger(quiet()),
			translate.WithLimiter(newLimiter(rdb, c, nil, WithPrefix("router"), WithMaxWait(0))))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	req := translate.Request{From: "en", To: "es", Segments: []translate.Segment{{ID: "1", Text: "x"}}}
	if got, _ := mk(limited).Translate(context.Background(), req); got[0].Backend != "copy" {
		t.Fatalf("first worker: %+v", got[0])
	}
	other := &scripted{name: "paid"}
	if got, _ := mk(other).Translate(context.Background(), req); got[0].Backend != "copy" {
		t.Errorf("second worker used %q within the Retry-After", got[0].Backend)
	}
	if other.calls.Load() != 0 {
		t.Errorf("second worker called the held backend %d times", other.calls.Load())
	}
}

type scripted struct {
	name  string
	err   error
	calls atomic.Int32
}

func (s *scripted) Name() string { return s.name }

func (s *scripted) Translate(_ context.Context, req translate.Request) ([]translate.Draft, error) {
	s.calls.Add(1)
	if s.err != nil {
		return nil, s.err
	}
	out := make([]translate.Draft, len(req.Segments))
	for i, seg := range req.Segments {
		out[i] = translate.Draft{ID: seg.ID, Text: seg.Text}
	}
	return out, nil
}
