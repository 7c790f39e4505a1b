// Package ratelimit shares translation backends' rate limits between every
// pressroom process through Redis: requests per second and characters per
// second per backend (what paid APIs meter), and Retry-After holds. It
// implements translate.Limiter and translate.Backoffer.
//
// The algorithm is GCRA (the generic cell rate algorithm, as in redis-cell):
// per backend and dimension Redis keeps one "theoretical arrival time"; a
// call is allowed when it would not push that time more than the burst
// ahead of now. One Lua script checks and updates both dimensions and the
// hold atomically, so concurrent workers never overspend. The caller passes
// its own clock into the script rather than relying on key expiry: the
// embedded queue (miniredis) expires keys only when its clock is advanced,
// and explicit timestamps make the limiter exact there too. Keys still get
// a TTL, for tidiness on a real Redis.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Limit is one backend's budget. Zero fields mean no limit.
type Limit struct {
	RequestsPerSecond float64
	CharsPerSecond    float64
	// Burst is how many seconds' worth of budget may be spent at once after
	// an idle spell (default 1). A call costing more characters than the
	// burst holds is let through when the bucket is full, alone.
	Burst float64
}

// ErrLimited is wrapped by Wait's error when the budget would not allow the
// call within MaxWait; the router then tries the next backend.
var ErrLimited = errors.New("rate limit: budget exhausted")

// Limiter is safe for concurrent use.
type Limiter struct {
	rdb     redis.UniversalClient
	limits  map[string]Limit
	prefix  string
	maxWait time.Duration
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	log     *slog.Logger
}

// Option configures a Limiter.
type Option func(*Limiter)

// WithPrefix sets the key prefix (default "pressroom:ratelimit").
func WithPrefix(p string) Option { return func(l *Limiter) { l.prefix = p } }

// WithMaxWait sets how long Wait may block before giving up with ErrLimited
// (default 30 s). 0 never blocks.
func WithMaxWait(d time.Duration) Option { return func(l *Limiter) { l.maxWait = d } }

// WithClock replaces time.Now and the sleep between tries (tests).
func WithClock(now func() time.Time, sleep func(context.Context, time.Duration) error) Option {
	return func(l *Limiter) { l.now, l.sleep = now, sleep }
}

// WithLogger sets the logger (default slog.Default()).
func WithLogger(log *slog.Logger) Option { return func(l *Limiter) { l.log = log } }

// New returns a limiter over rdb with a Limit per backend name.
func New(rdb redis.UniversalClient, limits map[string]Limit, opts ...Option) *Limiter {
	l := &Limiter{rdb: rdb, limits: limits, prefix: "pressroom:ratelimit", maxWait: 30 * time.Second,
		now: time.Now, sleep: sleepCtx, log: slog.Default()}
	for _, o := range opts {
		o(l)
	}
	return l
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// script checks the hold and both budgets; it returns "0" after taking
// the budget, else the milliseconds to wait (taking nothing).
//
// KEYS: requests TAT, characters TAT, hold-until.
// ARGV: now ms, ms per request, request tolerance ms, ms per character,
// character tolerance ms, characters.
var script = redis.NewScript(`
local now = tonumber(ARGV[1])
local held = tonumber(redis.call('GET', KEYS[3]) or '0')
if held > now then return string.format('%.3f', held - now) end
local function tat(key, interval, tol, cost)
  if interval <= 0 then return nil, 0 end
  local t = tonumber(redis.call('GET', key) or '0')
  if t < now then t = now end
  local new = t + interval * cost
  return new, new - tol - now
end
local rnew, rwait = tat(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]), 1)
local cnew, cwait = tat(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]))
local wait = math.max(rwait, cwait)
if wait > 0 then return string.format('%.3f', wait) end
if rnew then redis.call('SET', KEYS[1], string.format('%.3f', rnew), 'PX', math.ceil(rnew - now) + 1000) end
if cnew then redis.call('SET', KEYS[2], string.format('%.3f', cnew), 'PX', math.ceil(cnew - now) + 1000) end
return '0'
`)

func (l *Limiter) keys(backend string) []string {
	// One hash tag per backend keeps a backend's keys in one Cluster slot.
	p := l.prefix + ":{" + backend + "}:"
	return []string{p + "req", p + "chars", p + "hold"}
}

// Wait blocks until backend may be called with chars characters, or fails
// with ErrLimited (wrapped in a *translate.RetryAfterError) when that would
// take longer than MaxWait. If Redis cannot be reached the call is let
// through with a warning: the limiter protects budgets, it must not stop
// translation (a 429 from the backend still opens its circuit).
func (l *Limiter) Wait(ctx context.Context, backend string, chars int) error {
	lim := l.limits[backend]
	burst := lim.Burst
	if burst <= 0 {
		burst = 1
	}
	args := []any{0.0, 0.0, 0.0, 0.0, 0.0, 0}
	if r := lim.RequestsPerSecond; r > 0 {
		args[1] = 1000 / r
		args[2] = 1000 / r * math.Max(1, math.Floor(r*burst))
	}
	if c := lim.CharsPerSecond; c > 0 {
		capacity := math.Max(1, math.Floor(c*burst))
		args[3] = 1000 / c
		args[4] = 1000 / c * capacity
		args[5] = min(chars, int(capacity))
	}
	waited := time.Duration(0)
	for {
		args[0] = float64(l.now().UnixNano()) / 1e6
		res, err := script.Run(ctx, l.rdb, l.keys(backend), args...).Text()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			l.log.WarnContext(ctx, "shared rate limit unavailable; calling the backend unchecked", "backend", backend, "err", err)
			return nil
		}
		ms, err := strconv.ParseFloat(res, 64)
		if err != nil {
			return fmt.Errorf("rate limit script answered %q: %w", res, err)
		}
		if ms <= 0 {
			return nil
		}
		d := time.Duration(math.Ceil(ms * 1e6))
		if waited+d > l.maxWait {
			return &translate.RetryAfterError{After: d, Err: fmt.Errorf("%s: %w", backend, ErrLimited)}
		}
		if err := l.sleep(ctx, d); err != nil {
			return err
		}
		waited += d
	}
}

// Backoff holds every process off backend for d (a Retry-After it sent).
// A longer hold already in place is kept.
func (l *Limiter) Backoff(ctx context.Context, backend string, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	now := float64(l.now().UnixNano()) / 1e6
	until := now + float64(d)/1e6
	key := l.keys(backend)[2]
	err := holdScript.Run(ctx, l.rdb, []string{key}, until, now).Err()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("rate limit hold for %s: %w", backend, err)
	}
	return nil
}

// holdScript sets hold-until to ARGV[1] unless a later one is set.
var holdScript = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ = tonumber(ARGV[1])
if until_ > cur then
  redis.call('SET', KEYS[1], string.format('%.3f', until_), 'PX', math.ceil(until_ - tonumber(ARGV[2])) + 1000)
end
return 1
`)
