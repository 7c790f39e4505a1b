package live

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
)

func TestClaims(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	c := New(context.Background(), rdb, nil)
	t.Cleanup(c.Close)
	ctx := context.Background()
	ana, bea := Holder{ID: "usr_a", Name: "Ana"}, Holder{ID: "usr_b", Name: "Bea"}
	type step struct {
		Holder  Holder
		Changed bool
	}
	var got []step
	take := func(h Holder) {
		cur, changed, err := c.TakeClaim(ctx, "edn_1", h)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, step{cur, changed})
	}
	take(ana)                      // Ana opens the edition: hers, changed
	take(bea)                      // Bea opens it: still Ana's
	take(ana)                      // Ana renews: hers, unchanged
	mr.FastForward(ClaimLease / 2) // half a lease later
	take(ana)                      // renewed again
	mr.FastForward(ClaimLease * 3 / 4)
	take(bea)                  // Ana's renewal pushed the expiry out: still Ana's
	mr.FastForward(ClaimLease) // Ana's page closed without releasing
	take(bea)                  // the lease lapsed: Bea's
	if ok, err := c.ReleaseClaim(ctx, "edn_1", ana); err != nil || ok {
		t.Errorf("Ana released Bea's claim: %v %v", ok, err)
	}
	hs, err := c.ClaimHolders(ctx, []string{"edn_1", "edn_2"})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.ReleaseClaim(ctx, "edn_1", bea); err != nil || !ok {
		t.Errorf("Bea could not release her claim: %v %v", ok, err)
	}
	take(ana)
	want := []step{{ana, true}, {ana, false}, {ana, false}, {ana, false}, {ana, false}, {bea, true}, {ana, true}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("claims (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]Holder{"edn_1": bea}, hs); d != "" {
		t.Errorf("holders (-want +got):\n%s", d)
	}
}

// TestHub: an event published on one hub reaches every stream of the
// edition on another hub (another process), and only those.
func TestHub(t *testing.T) {
	mr := miniredis.RunT(t)
	ctx := context.Background()
	newHub := func() *Hub {
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		h := New(ctx, rdb, nil)
		t.Cleanup(func() { h.Close(); rdb.Close() })
		return h
	}
	sender, receiver := newHub(), newHub()
	a, stopA, err := receiver.Subscribe(ctx, "edn_1")
	if err != nil {
		t.Fatal(err)
	}
	defer stopA()
	b, stopB, err := receiver.Subscribe(ctx, "edn_1")
	if err != nil {
		t.Fatal(err)
	}
	other, stopOther, err := receiver.Subscribe(ctx, "edn_2")
	if err != nil {
		t.Fatal(err)
	}
	defer stopOther()
	ev := Event{Type: EventClaim, Holder: "Ana", HolderID: "usr_a"}
	// The subscription is asynchronous: publish until the first message
	// arrives, then check that each stream got it.
	deadline := time.After(10 * time.Second)
	var first []byte
	for first == nil {
		sender.Publish(ctx, "edn_1", ev)
		select {
		case first = <-a:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatal("no message on edn_1")
		}
	}
	var got Event
	if err := json.Unmarshal(first, &got); err != nil || !cmp.Equal(ev, got) {
		t.Errorf("received %s (%v), want %+v", first, err, ev)
	}
	select {
	case m := <-b:
		if string(m) != string(first) {
			t.Errorf("second stream got %s", m)
		}
	case <-deadline:
		t.Fatal("the second stream of edn_1 got nothing")
	}
	stopB()
	for range b { // stopping closes the stream (after what was queued)
	}
	select {
	case m := <-other:
		t.Errorf("edn_2's stream got %s", m)
	default:
	}
}
