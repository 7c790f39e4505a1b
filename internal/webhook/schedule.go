package webhook

import (
	"math/rand/v2"
	"time"
)

// Schedule is how long to wait before each retry of a delivery: element n
// is the wait after the (n+1)th failed attempt. The first attempt is
// immediate.
type Schedule []time.Duration

// DefaultSchedule is close to Stripe's and Svix's: immediately, then after
// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and 24 h (nine attempts over
// about 51 hours), each wait with ±10% jitter.
var DefaultSchedule = Schedule{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour,
	5 * time.Hour, 10 * time.Hour, 10 * time.Hour, 24 * time.Hour}

// Retries is how many retries the schedule allows after the first attempt.
func (s Schedule) Retries() int { return len(s) }

// Delay returns the wait after failed attempt n+1 (n counts from 0), with
// jitter; a receiver's Retry-After, when longer, wins (capped at a day).
func (s Schedule) Delay(n int, retryAfter time.Duration) time.Duration {
	if len(s) == 0 {
		return retryAfter
	}
	d := s[min(max(n, 0), len(s)-1)]
	d += time.Duration((rand.Float64()*0.2 - 0.1) * float64(d))
	if retryAfter > d {
		d = min(retryAfter, 24*time.Hour)
	}
	return d
}

// DisableAfter is how long an endpoint may fail without a single success
// before it is disabled.
const DisableAfter = 5 * 24 * time.Hour
