package translate

import (
	"slices"
	"sync"
	"time"
)

// BackendStatus is one backend's usage and health as seen by this process
// since it started: what operators look at to see which engine answers, what
// it costs, and why one is being skipped. Counters are per process; the
// Prometheus metrics (package translate/metrics) are the fleet-wide view.
type BackendStatus struct {
	Name string `json:"name"`
	// Calls counts batch calls that reached the backend; Failures those that
	// failed as a whole; Skipped those not made (circuit open, rate limit).
	Calls    int64 `json:"calls"`
	Failures int64 `json:"failures"`
	Skipped  int64 `json:"skipped"`
	// Segments were sent; Translated came back usable.
	Segments   int64 `json:"segments"`
	Translated int64 `json:"translated"`
	// Chars is the source characters sent; BilledChars what the backend
	// reported billing for.
	Chars       int64 `json:"chars"`
	BilledChars int64 `json:"billed_chars"`
	// PricePerMillion is the configured price per million billed characters;
	// EstimatedCost is BilledChars × PricePerMillion / 1e6.
	PricePerMillion float64 `json:"price_per_million_chars,omitempty"`
	EstimatedCost   float64 `json:"estimated_cost"`
	LastError       string  `json:"last_error,omitempty"`
	// LastErrorAt and LastSuccessAt are nil until it happened.
	LastErrorAt   *time.Time `json:"last_error_at,omitempty"`
	LastSuccessAt *time.Time `json:"last_success_at,omitempty"`
	// CircuitOpenUntil is set while the router skips the backend (failures in
	// a row, a permanent error, or a Retry-After).
	CircuitOpenUntil *time.Time `json:"circuit_open_until,omitempty"`
}

// usage accumulates BackendStatus per backend name.
type usage struct {
	mu sync.Mutex
	by map[string]*usageEntry
}

type usageEntry struct {
	BackendStatus
	price float64
}

func newUsage() *usage { return &usage{by: map[string]*usageEntry{}} }

// get returns name's entry, creating it; the caller holds mu or is
// configuring the router before use.
func (u *usage) get(name string) *usageEntry {
	e := u.by[name]
	if e == nil {
		e = &usageEntry{BackendStatus: BackendStatus{Name: name}}
		u.by[name] = e
	}
	return e
}

func (u *usage) observe(c Call, now time.Time) {
	u.mu.Lock()
	defer u.mu.Unlock()
	e := u.get(c.Backend)
	switch c.Outcome {
	case "skipped":
		e.Skipped++
		return
	case "error":
		e.Calls++
		e.Failures++
	default:
		e.Calls++
		t := now
		e.LastSuccessAt = &t
	}
	e.Segments += int64(c.Segments)
	e.Translated += int64(c.OK)
	e.Chars += int64(c.Chars)
	e.BilledChars += int64(c.BilledChars)
	if c.Err != nil {
		t := now
		e.LastError, e.LastErrorAt = c.Err.Error(), &t
	}
}

// Status returns every registered backend's status, sorted by name.
func (r *Router) Status() []BackendStatus {
	now := r.now()
	names := r.reg.Names()
	out := make([]BackendStatus, 0, len(names))
	r.usage.mu.Lock()
	for _, n := range names {
		e := r.usage.get(n)
		s := e.BackendStatus
		s.PricePerMillion = e.price
		s.EstimatedCost = float64(s.BilledChars) * e.price / 1e6
		out = append(out, s)
	}
	r.usage.mu.Unlock()
	for i := range out {
		if until, open := r.breaker.open(out[i].Name, now); open {
			out[i].CircuitOpenUntil = &until
		}
	}
	slices.SortFunc(out, func(a, b BackendStatus) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}
