package apertium

import (
	"context"
	"log/slog"
	"sync"
)

// pool keeps up to size warm pipelines for one route (e.g. eng-spa then
// es-pt_BR). Starting Apertium costs ≈365 ms, so pipelines are reused across
// batches; a pipeline that fails is killed and replaced, and its inputs are
// retried once on the fresh one.
type pool struct {
	route  string
	stages []stage
	log    *slog.Logger
	sem    chan struct{}

	mu     sync.Mutex
	idle   []*pipeline
	closed bool
	// started counts pipelines started, for tests and logs.
	started int
	// onStart, if set, sees every new pipeline (tests use it to crash one).
	onStart func(*pipeline)
}

func newPool(route string, stages []stage, size int, log *slog.Logger) *pool {
	return &pool{route: route, stages: stages, log: log, sem: make(chan struct{}, size)}
}

// run translates inputs on one pipeline of the pool.
func (p *pool) run(ctx context.Context, inputs []string) ([]string, error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.sem }()
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var pl *pipeline
		if pl, err = p.get(); err != nil {
			return nil, err
		}
		var outs []string
		outs, err = pl.translate(ctx, inputs)
		if err == nil {
			p.put(pl)
			return outs, nil
		}
		pl.kill()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p.log.WarnContext(ctx, "apertium pipeline failed; restarting it", "route", p.route, "attempt", attempt+1, "err", err)
	}
	return nil, err
}

func (p *pool) get() (*pipeline, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		pl := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return pl, nil
	}
	p.mu.Unlock()
	pl, err := startPipeline(p.stages)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.started++
	hook := p.onStart
	p.mu.Unlock()
	if hook != nil {
		hook(pl)
	}
	return pl, nil
}

func (p *pool) put(pl *pipeline) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		pl.kill()
		return
	}
	p.idle = append(p.idle, pl)
}

// close kills the idle pipelines; busy ones are killed when returned.
func (p *pool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, pl := range idle {
		pl.kill()
	}
}

func (p *pool) startedCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.started
}
