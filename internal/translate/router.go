package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// Router runs a language pair's chain of backends with per-segment fallback.
// It is safe for concurrent use.
type Router struct {
	reg     *Registry
	policy  Policy
	log     *slog.Logger
	now     func() time.Time
	limiter Limiter
	obs     []Observer
	breaker *breaker
	slots   map[string]chan struct{} // per-backend concurrency, nil = unbounded
	usage   *usage
}

// Limiter is consulted before each backend call (package translate/ratelimit
// shares limits between processes through Redis). It blocks until the call may
// proceed or returns an error (context done, limit unreachable).
type Limiter interface {
	Wait(ctx context.Context, backend string, chars int) error
}

// Backoffer is a Limiter that can also hold every process off a backend, so
// that one worker's 429 + Retry-After keeps all workers away, not only itself.
type Backoffer interface {
	Backoff(ctx context.Context, backend string, d time.Duration) error
}

// Call is one backend call as the router saw it.
type Call struct {
	Backend, Pair string
	// Outcome is "ok" (the backend answered; some segments may still have
	// failed), "error" (the whole batch failed) or "skipped" (circuit open,
	// rate limit unreachable).
	Outcome  string
	Latency  time.Duration
	Segments int // segments sent
	OK       int // segments that came back usable
	// Chars is the source characters (tags stripped) of the segments sent;
	// BilledChars is what the backend reported billing for (Draft.BilledChars).
	Chars, BilledChars int
	Err                error
}

// Observer is told about every backend call (package translate/metrics
// exports them to Prometheus). It must be quick and safe for concurrent use.
type Observer interface {
	ObserveCall(c Call)
}

// RouterOption configures a Router.
type RouterOption func(*Router)

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) RouterOption { return func(r *Router) { r.log = l } }

// WithClock replaces time.Now, for tests of cool-downs.
func WithClock(now func() time.Time) RouterOption { return func(r *Router) { r.now = now } }

// WithLimiter makes the router wait for l before each backend call.
func WithLimiter(l Limiter) RouterOption { return func(r *Router) { r.limiter = l } }

// WithObserver reports each backend call to o (in addition to observers
// given before).
func WithObserver(o Observer) RouterOption { return func(r *Router) { r.obs = append(r.obs, o) } }

// WithConcurrency bounds how many calls to each named backend run at once in
// this process (the limit is local: paid APIs cap concurrent connections per
// client). Names absent from limits, or with limit ≤ 0, are unbounded.
func WithConcurrency(limits map[string]int) RouterOption {
	return func(r *Router) {
		for name, n := range limits {
			if n > 0 {
				if r.slots == nil {
					r.slots = map[string]chan struct{}{}
				}
				r.slots[name] = make(chan struct{}, n)
			}
		}
	}
}

// WithPrices sets each backend's price per million billed characters, for
// the cost estimate of Status.
func WithPrices(perMillion map[string]float64) RouterOption {
	return func(r *Router) {
		for name, p := range perMillion {
			r.usage.get(name).price = p
		}
	}
}

// WithBreaker opens a backend's circuit after threshold consecutive failed
// batch calls: the router skips it for cooldown, then lets one call probe it.
// threshold 0 turns circuit breaking off. Default: 5 failures, 30 s.
func WithBreaker(threshold int, cooldown time.Duration) RouterOption {
	return func(r *Router) { r.breaker = newBreaker(threshold, cooldown) }
}

// NewRouter returns a router over reg following policy. Every name in the
// policy must be registered, except "tm", which the router skips (translation
// memory runs before the router, in package tm).
func NewRouter(reg *Registry, policy Policy, opts ...RouterOption) (*Router, error) {
	if reg == nil {
		return nil, errors.New("translate: nil registry")
	}
	if err := policy.validate(reg); err != nil {
		return nil, err
	}
	r := &Router{reg: reg, policy: policy, log: slog.Default(), now: time.Now, breaker: newBreaker(5, 30*time.Second),
		usage: newUsage()}
	for _, o := range opts {
		o(r)
	}
	return r, nil
}

// Close stops the backends' processes and connections (see Registry.Close).
func (r *Router) Close() error { return r.reg.Close() }

// Chain returns the backends the router would try for from→to, in order,
// with "tm" left out.
func (r *Router) Chain(from, to string) []string {
	var out []string
	for _, n := range r.policy.Chain(from, to) {
		if n != TM {
			out = append(out, n)
		}
	}
	return out
}

// AppliesGlossary reports whether the first backend of from→to's chain
// applies preferred translations itself (see GlossaryApplier).
func (r *Router) AppliesGlossary(from, to string) bool {
	chain := r.Chain(from, to)
	if len(chain) == 0 {
		return false
	}
	b, ok := r.reg.Lookup(chain[0])
	ga, can := b.(GlossaryApplier)
	return ok && can && ga.AppliesGlossary()
}

// Translate returns one Draft per request segment, in request order. Each
// segment goes to the first backend of the pair's chain; segments that
// backend fails on, or whose tags come back wrong beyond safe repair, go to
// the next one. A segment no backend could translate has Draft.Err set (all
// the backends' errors, joined). The error result is for the request as a
// whole: no usable backend for the pair, or a cancelled context.
func (r *Router) Translate(ctx context.Context, req Request) ([]Draft, error) {
	chain := r.Chain(req.From, req.To)
	if len(chain) == 0 {
		return nil, fmt.Errorf("translate %s→%s: %w", req.From, req.To, ErrNoBackend)
	}
	out := make([]Draft, len(req.Segments))
	errs := make([][]error, len(req.Segments))
	var pending []int
	for i, s := range req.Segments {
		out[i].ID = s.ID
		if err := inline.Check(s.Text, s.Text); err != nil {
			errs[i] = append(errs[i], fmt.Errorf("%w: source segment: %w", ErrPermanent, err))
			continue
		}
		pending = append(pending, i)
	}
	// Code spans and code blocks reach no engine (see maskVerbatim).
	restores := make([]map[int]string, len(req.Segments))
	masked := req
	masked.Segments = make([]Segment, len(req.Segments))
	for i, s := range req.Segments {
		masked.Segments[i], restores[i] = maskVerbatim(s)
	}
	pair := req.From + "-" + req.To
	for _, name := range chain {
		if len(pending) == 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("translate %s: %w", pair, err)
		}
		b, _ := r.reg.Lookup(name)
		pending = r.try(ctx, b, pair, masked, pending, out, errs)
	}
	for i := range out {
		if out[i].Backend != "" && restores[i] != nil {
			text, err := unmaskVerbatim(out[i].Text, restores[i])
			if err != nil { // cannot happen: try checked the draft's tags
				out[i].Backend = ""
				errs[i] = append(errs[i], fmt.Errorf("%w: code placeholders: %w", ErrPermanent, err))
			}
			out[i].Text = text
		}
		if out[i].Backend == "" {
			out[i] = Draft{ID: req.Segments[i].ID, Err: &ChainError{Errs: errs[i]}}
		}
	}
	return out, nil
}

// try sends the pending segments to b, fills out for the ones it translated
// and returns the indices still pending.
func (r *Router) try(ctx context.Context, b Backend, pair string, req Request, pending []int, out []Draft, errs [][]error) []int {
	name := b.Name()
	fail := func(err error) []int {
		for _, i := range pending {
			errs[i] = append(errs[i], fmt.Errorf("%s: %w", name, err))
		}
		return pending
	}
	call := Call{Backend: name, Pair: pair, Outcome: "skipped", Segments: len(pending)}
	if until, open := r.breaker.open(name, r.now()); open {
		err := fmt.Errorf("circuit open until %s", until.Format(time.RFC3339))
		call.Err = err
		r.observe(call)
		return fail(err)
	}
	sub := Request{From: req.From, To: req.To, Glossary: req.Glossary, Segments: make([]Segment, len(pending))}
	for k, i := range pending {
		sub.Segments[k] = req.Segments[i]
		call.Chars += utf8.RuneCountInString(inline.Plain(req.Segments[i].Text))
	}
	if slot := r.slots[name]; slot != nil {
		select {
		case slot <- struct{}{}:
			defer func() { <-slot }()
		case <-ctx.Done():
			call.Err = ctx.Err()
			r.observe(call)
			return fail(fmt.Errorf("waiting for a free connection: %w", ctx.Err()))
		}
	}
	if r.limiter != nil {
		if err := r.limiter.Wait(ctx, name, call.Chars); err != nil {
			call.Err = fmt.Errorf("rate limit: %w", err)
			r.observe(call)
			return fail(call.Err)
		}
	}
	start := r.now()
	drafts, err := b.Translate(ctx, sub)
	call.Latency = r.now().Sub(start)
	if err == nil && len(drafts) != len(sub.Segments) {
		err = fmt.Errorf("backend returned %d drafts for %d segments", len(drafts), len(sub.Segments))
	}
	if err != nil {
		if ctx.Err() == nil { // our own cancellation says nothing about the backend
			r.breaker.failure(name, r.now(), err)
			r.shareBackoff(ctx, name, err)
		}
		call.Outcome, call.Err = "error", err
		r.observe(call)
		r.log.WarnContext(ctx, "translation backend failed", "backend", name, "pair", pair,
			"segments", len(pending), "err", err)
		return fail(err)
	}
	r.breaker.success(name)
	latency := call.Latency
	var still []int
	for k, i := range pending {
		d, seg := drafts[k], req.Segments[i]
		if d.Err != nil {
			errs[i] = append(errs[i], fmt.Errorf("%s: %w", name, d.Err))
			still = append(still, i)
			call.BilledChars += d.BilledChars
			if call.Err == nil {
				call.Err = d.Err
			}
			continue
		}
		text, notes, err := RepairTags(seg, d.Text)
		if err != nil {
			errs[i] = append(errs[i], fmt.Errorf("%s: %w", name, err))
			still = append(still, i)
			continue
		}
		call.BilledChars += d.BilledChars
		// An engine's stray control characters would make the store refuse
		// the whole batch.
		d.ID, d.Text = seg.ID, textcheck.Clean(text)
		d.Notes = append(d.Notes, notes...)
		if d.Backend == "" {
			d.Backend = name
		}
		if d.Latency == 0 {
			d.Latency = latency
		}
		out[i] = d
	}
	if len(still) > 0 {
		r.log.InfoContext(ctx, "segments fall through to the next backend", "backend", name, "pair", pair,
			"failed", len(still), "of", len(pending))
	}
	call.Outcome, call.OK = "ok", len(pending)-len(still)
	r.observe(call)
	return still
}

func (r *Router) observe(c Call) {
	r.usage.observe(c, r.now())
	for _, o := range r.obs {
		o.ObserveCall(c)
	}
}

// shareBackoff tells a shared limiter about a Retry-After, so that other
// processes hold off too; the local breaker already does for this one.
func (r *Router) shareBackoff(ctx context.Context, name string, err error) {
	var ra *RetryAfterError
	bo, ok := r.limiter.(Backoffer)
	if !ok || !errors.As(err, &ra) || ra.After <= 0 {
		return
	}
	if err := bo.Backoff(ctx, name, ra.After); err != nil {
		r.log.WarnContext(ctx, "could not share a backend's Retry-After", "backend", name, "err", err)
	}
}
