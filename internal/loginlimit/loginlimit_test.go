package loginlimit

import (
	"context"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
)

// clock is the limiter's time; advancing it also ages miniredis's keys,
// which expire only when told.
type clock struct {
	t  time.Time
	mr *miniredis.Miniredis
}

func (c *clock) now() time.Time { return c.t }
func (c *clock) advance(d time.Duration) {
	c.t = c.t.Add(d)
	c.mr.FastForward(d)
}

func newLimiter(t *testing.T) (*Limiter, *clock) {
	t.Helper()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	c := &clock{t: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC), mr: mr}
	return New(rdb, Limits{}).WithClock(c.now), c
}

func wait(t *testing.T, l *Limiter, a Attempt) time.Duration {
	t.Helper()
	d, err := l.Check(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fail(t *testing.T, l *Limiter, a Attempt) {
	t.Helper()
	if err := l.Failed(context.Background(), a); err != nil {
		t.Fatal(err)
	}
}

// TestAccountBackoff: five failures are free, then each failure locks the
// account for twice as long, up to 15 minutes; the lock covers every
// address but not a browser that logged in before; a success forgets the
// failures.
func TestAccountBackoff(t *testing.T) {
	l, c := newLimiter(t)
	ctx := context.Background()
	known := Attempt{Account: "ana", Address: "198.51.100.1:5000"}
	dev, err := l.Succeeded(ctx, known)
	if err != nil || dev == "" {
		t.Fatalf("Succeeded = %q, %v", dev, err)
	}
	known.Device = dev

	var locks []time.Duration
	for i := range 10 {
		a := Attempt{Account: "Ana", Address: "203.0.113." + string(rune('1'+i)) + ":4000"}
		if d := wait(t, l, a); d != 0 {
			t.Fatalf("attempt %d waits %v before the lock has begun", i, d)
		}
		fail(t, l, a)
		d := wait(t, l, Attempt{Account: "ana", Address: "192.0.2.99:1"})
		locks = append(locks, d.Round(time.Second))
		if dk := wait(t, l, known); dk != 0 {
			t.Fatalf("the known device waits %v", dk)
		}
		c.advance(d)
	}
	m := time.Minute
	want := []time.Duration{0, 0, 0, 0, m, 2 * m, 4 * m, 8 * m, 15 * m, 15 * m}
	if diff := cmp.Diff(want, locks); diff != "" {
		t.Errorf("locks after each failure (-want +got):\n%s", diff)
	}
	if d := wait(t, l, Attempt{Account: "bea", Address: "192.0.2.7:1"}); d != 0 {
		t.Errorf("another account waits %v", d)
	}
	fail(t, l, Attempt{Account: "ana", Address: "192.0.2.99:1"})
	if _, err := l.Succeeded(ctx, Attempt{Account: "ana", Address: "192.0.2.99:1"}); err != nil {
		t.Fatal(err)
	}
	if d := wait(t, l, Attempt{Account: "ana", Address: "192.0.2.100:1"}); d != 0 {
		t.Errorf("after a success the account still waits %v", d)
	}
	// Failures are forgotten a window after the last one.
	for range 4 {
		fail(t, l, Attempt{Account: "cid", Address: "192.0.2.50:1"})
	}
	c.advance(16 * time.Minute)
	fail(t, l, Attempt{Account: "cid", Address: "192.0.2.51:1"})
	if d := wait(t, l, Attempt{Account: "cid", Address: "192.0.2.52:1"}); d != 0 {
		t.Errorf("old failures still count: waits %v", d)
	}
}

// TestAddressLimit: twenty failures a minute from one address (an IPv6 /64
// counting as one), whatever the accounts; other addresses are not held.
func TestAddressLimit(t *testing.T) {
	l, c := newLimiter(t)
	for i := range 20 {
		a := Attempt{Account: "user" + string(rune('a'+i)), Address: "[2001:db8:1:2::" + string(rune('a'+i%6)) + "]:443"}
		if d := wait(t, l, a); d != 0 {
			t.Fatalf("failure %d waits %v", i, d)
		}
		fail(t, l, a)
	}
	held := Attempt{Account: "zed", Address: "[2001:db8:1:2:ffff::1]:1"}
	if d := wait(t, l, held); d != 3*time.Second {
		t.Errorf("21st try from the /64 waits %v, want 3s", d)
	}
	if d := wait(t, l, Attempt{Account: "zed", Address: "[2001:db8:1:3::1]:1"}); d != 0 {
		t.Errorf("another /64 waits %v", d)
	}
	c.advance(3 * time.Second)
	if d := wait(t, l, held); d != 0 {
		t.Errorf("after 3 s the address still waits %v", d)
	}
}
