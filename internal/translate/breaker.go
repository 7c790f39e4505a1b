package translate

import (
	"errors"
	"sync"
	"time"
)

// breaker keeps, per backend, how many batch calls in a row failed and until
// when the backend is to be left alone. A backend that answered 429 with
// Retry-After is left alone for that long at once; a permanent failure (bad
// key, quota) opens the circuit at once too, since every call would fail.
type breaker struct {
	threshold int
	cooldown  time.Duration

	mu    sync.Mutex
	state map[string]*circuit
}

type circuit struct {
	failures int
	until    time.Time
}

func newBreaker(threshold int, cooldown time.Duration) *breaker {
	return &breaker{threshold: threshold, cooldown: cooldown, state: map[string]*circuit{}}
}

// open reports whether name is to be skipped at now, and until when.
func (b *breaker) open(name string, now time.Time) (time.Time, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.state[name]
	if c == nil || !now.Before(c.until) {
		return time.Time{}, false
	}
	return c.until, true
}

func (b *breaker) failure(name string, now time.Time, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.state[name]
	if c == nil {
		c = &circuit{}
		b.state[name] = c
	}
	c.failures++
	var ra *RetryAfterError
	switch {
	case errors.As(err, &ra) && ra.After > 0:
		c.until = later(c.until, now.Add(ra.After))
	case errors.Is(err, ErrPermanent) && !errors.Is(err, ErrUnsupportedPair) && b.cooldown > 0:
		c.until = later(c.until, now.Add(b.cooldown))
	case b.threshold > 0 && c.failures >= b.threshold:
		c.until = later(c.until, now.Add(b.cooldown))
	}
}

func (b *breaker) success(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.state, name)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
