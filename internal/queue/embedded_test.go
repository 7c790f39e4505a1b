package queue_test

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/queue"
)

// TestEmbeddedLoopbackWithPassword: the in-process Redis listens on a
// loopback address only and refuses clients without its password; its URL
// lets this process's own clients in.
func TestEmbeddedLoopbackWithPassword(t *testing.T) {
	e, err := queue.StartEmbedded("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	host, _, err := net.SplitHostPort(e.Addr())
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Errorf("listens on %s, want a loopback address", e.Addr())
	}
	ctx := context.Background()

	anon := redis.NewClient(&redis.Options{Addr: e.Addr(), MaxRetries: -1})
	defer anon.Close()
	if err := anon.Set(ctx, "k", "v", 0).Err(); err == nil || !strings.Contains(err.Error(), "NOAUTH") {
		t.Errorf("SET without the password: %v, want NOAUTH", err)
	}
	wrong := redis.NewClient(&redis.Options{Addr: e.Addr(), Password: "guess", MaxRetries: -1})
	defer wrong.Close()
	if err := wrong.Ping(ctx).Err(); err == nil {
		t.Error("PING with a wrong password succeeded")
	}

	conn, err := queue.Parse(e.URL())
	if err != nil {
		t.Fatal(err)
	}
	c := conn.Client()
	defer c.Close()
	if err := c.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Errorf("SET through URL(): %v", err)
	}
}

// TestEmbeddedRefusesOtherAddresses: no address can make the in-process
// Redis listen beyond loopback.
func TestEmbeddedRefusesOtherAddresses(t *testing.T) {
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "localhost:0", "192.0.2.1:0", "example.org:0", "nonsense"} {
		e, err := queue.StartEmbedded(addr)
		if err == nil {
			t.Errorf("StartEmbedded(%q) started on %s, want an error", addr, e.Addr())
			e.Close()
		}
	}
}
