// Package queue connects pressroom to Redis for Asynq: a Redis given by URL
// (redis://, rediss://, redis-sentinel://), or an in-process Redis-protocol
// server (miniredis) for the embedded default.
package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
)

// Embedded is an in-process Redis-protocol server. Its data lives in memory
// only: a restart loses the queue, and the reconciler rebuilds it from the
// database.
//
// It listens on a loopback address only and requires a password chosen at
// random on every start, so that neither another machine nor another user of
// this one can read or inject tasks; URL carries the password to this
// process's own clients.
type Embedded struct {
	srv      *miniredis.Miniredis
	password string
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// StartEmbedded starts the server on addr ("127.0.0.1:0" picks a free port).
// addr must name a loopback IP address ("127.0.0.1:6379", "[::1]:0"): a host
// left empty (":6379") or any other address would listen beyond this machine.
//
// miniredis expires keys only when its clock is advanced, so a goroutine
// advances it with wall-clock time; without that, TTL-based locks and leases
// (claims, rate limits, Asynq's server heartbeats) would never expire.
func StartEmbedded(addr string) (*Embedded, error) {
	if err := loopbackOnly(addr); err != nil {
		return nil, err
	}
	password, err := randomPassword()
	if err != nil {
		return nil, err
	}
	srv := miniredis.NewMiniRedis()
	srv.RequireAuth(password)
	if err := srv.StartAddr(addr); err != nil {
		return nil, fmt.Errorf("start embedded redis on %s: %w", addr, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Embedded{srv: srv, password: password, cancel: cancel}
	e.wg.Add(1)
	go e.tick(ctx)
	return e, nil
}

// loopbackOnly refuses listen addresses that are not a loopback IP.
// Host names are refused too: "localhost" may resolve to anything.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("embedded redis address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("embedded redis address %q: must be a loopback IP address such as 127.0.0.1:0 (the in-process Redis is for this process only; give --redis-url to share a Redis)", addr)
	}
	return nil
}

func randomPassword() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("embedded redis password: %w", err)
	}
	return hex.EncodeToString(b), nil
}

func (e *Embedded) tick(ctx context.Context) {
	defer e.wg.Done()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			e.srv.FastForward(now.Sub(last))
			e.srv.SetTime(now)
			last = now
		}
	}
}

// Addr is the host:port clients connect to.
func (e *Embedded) Addr() string { return e.srv.Addr() }

// URL is a redis:// URL for the server, with its password. It is a secret:
// log Addr instead.
func (e *Embedded) URL() string {
	u := url.URL{Scheme: "redis", User: url.UserPassword("", e.password), Host: e.srv.Addr(), Path: "/0"}
	return u.String()
}

// FlushAll wipes every key, as a test of losing the queue.
func (e *Embedded) FlushAll() { e.srv.FlushAll() }

// Close stops the server.
func (e *Embedded) Close() {
	e.cancel()
	e.wg.Wait()
	e.srv.Close()
}
