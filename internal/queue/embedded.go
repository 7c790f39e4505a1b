// Package queue connects pressroom to Redis for Asynq: a Redis given by URL
// (redis://, rediss://, redis-sentinel://), or an in-process Redis-protocol
// server (miniredis) for the embedded default.
package queue

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
)

// Embedded is an in-process Redis-protocol server. Its data lives in memory
// only: a restart loses the queue, and the reconciler rebuilds it from the
// database.
type Embedded struct {
	srv    *miniredis.Miniredis
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// StartEmbedded starts the server on addr ("127.0.0.1:0" picks a free port).
//
// miniredis expires keys only when its clock is advanced, so a goroutine
// advances it with wall-clock time; without that, TTL-based locks and leases
// (claims, rate limits, Asynq's server heartbeats) would never expire.
func StartEmbedded(addr string) (*Embedded, error) {
	srv := miniredis.NewMiniRedis()
	if err := srv.StartAddr(addr); err != nil {
		return nil, fmt.Errorf("start embedded redis on %s: %w", addr, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Embedded{srv: srv, cancel: cancel}
	e.wg.Add(1)
	go e.tick(ctx)
	return e, nil
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

// URL is a redis:// URL for the server.
func (e *Embedded) URL() string { return "redis://" + e.srv.Addr() }

// FlushAll wipes every key, as a test of losing the queue.
func (e *Embedded) FlushAll() { e.srv.FlushAll() }

// Close stops the server.
func (e *Embedded) Close() {
	e.cancel()
	e.wg.Wait()
	e.srv.Close()
}
