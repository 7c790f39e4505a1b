// Package loginlimit throttles password guessing on the login form, per
// account and per client address, with its counters in Redis so that every
// serve process behind a load balancer enforces the same limits.
//
// Per account: the first Limits.AccountFailures failed logins cost nothing;
// each further failure locks the account for BaseLock, doubling with every
// failure up to MaxLock (1, 2, 4, 8, 15, 15… minutes by default). The
// failures are forgotten AccountWindow after the last one, or at once on a
// successful login.
//
// An attacker must not be able to lock a user out for good by failing on
// purpose, so the account lock does not apply to a browser that has logged
// in to that account before: a successful login hands out a device token
// (a random cookie value, remembered in Redis for DeviceTTL), and a login
// presenting it is held only by the limit of its own address. The account
// lock thus stops a guesser without a device token; the user goes on from
// a known browser, or waits at most MaxLock between tries elsewhere.
//
// Per address: at most AddressPerMinute failures a minute (GCRA, the
// generic cell rate algorithm, as in package translate/ratelimit), with
// IPv6 addresses counted per /64, which one host usually holds in full.
//
// Counting only failures means that people who type their password right
// are never slowed down, whatever their address shares with others.
package loginlimit

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limits are the throttling settings; zero fields take the defaults.
type Limits struct {
	AccountFailures  int           // failures an account may have before it is locked (5)
	AccountWindow    time.Duration // how long failures are remembered after the last (15 min)
	BaseLock         time.Duration // the first lock (1 min), doubled by each further failure
	MaxLock          time.Duration // the longest lock (15 min)
	AddressPerMinute int           // failures an address may have a minute (20)
	DeviceTTL        time.Duration // how long a device token is known (30 days)
}

func (l Limits) withDefaults() Limits {
	if l.AccountFailures <= 0 {
		l.AccountFailures = 5
	}
	if l.AccountWindow <= 0 {
		l.AccountWindow = 15 * time.Minute
	}
	if l.BaseLock <= 0 {
		l.BaseLock = time.Minute
	}
	if l.MaxLock <= 0 {
		l.MaxLock = 15 * time.Minute
	}
	if l.AddressPerMinute <= 0 {
		l.AddressPerMinute = 20
	}
	if l.DeviceTTL <= 0 {
		l.DeviceTTL = 30 * 24 * time.Hour
	}
	return l
}

// Limiter is safe for concurrent use.
type Limiter struct {
	rdb    redis.UniversalClient
	lim    Limits
	prefix string
	now    func() time.Time
}

// New returns a limiter keeping its counters in rdb under
// "pressroom:login:".
func New(rdb redis.UniversalClient, lim Limits) *Limiter {
	return &Limiter{rdb: rdb, lim: lim.withDefaults(), prefix: "pressroom:login:", now: time.Now}
}

// WithClock returns a copy of l reading time from now (tests).
func (l *Limiter) WithClock(now func() time.Time) *Limiter {
	c := *l
	c.now = now
	return &c
}

// Attempt is one login try: the account name as typed, the client's
// address (host or host:port) and the device token its browser sent, if
// any.
type Attempt struct {
	Account string
	Address string
	Device  string
}

func (l *Limiter) accountKey(account string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(account))))
	return l.prefix + "acct:" + hex.EncodeToString(sum[:12])
}

func (l *Limiter) deviceKey(account, device string) string {
	sum := sha256.Sum256([]byte(device))
	return l.accountKey(account) + ":dev:" + hex.EncodeToString(sum[:12])
}

// addressKey counts an IPv4 address alone and an IPv6 one by its /64.
func (l *Limiter) addressKey(address string) string {
	host := address
	if ap, err := netip.ParseAddrPort(address); err == nil {
		host = ap.Addr().String()
	}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.Unmap().WithZone("")
		if a.Is6() {
			p, _ := a.Prefix(64)
			host = p.String()
		} else {
			host = a.String()
		}
	}
	return l.prefix + "addr:" + host
}

func (l *Limiter) ms() float64 { return float64(l.now().UnixNano()) / 1e6 }

// addressInterval and addressTolerance are the GCRA settings in ms.
func (l *Limiter) addressInterval() float64 { return 60000 / float64(l.lim.AddressPerMinute) }
func (l *Limiter) addressTolerance() float64 {
	return l.addressInterval() * float64(l.lim.AddressPerMinute-1)
}

// checkScript answers how many ms the attempt must wait (0: go ahead),
// taking nothing: the account's lock unless the device is known, and the
// address's budget (its TAT may run at most the tolerance ahead of now).
// KEYS: account, address, device. ARGV: now, address interval, address
// tolerance.
var checkScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local wait = 0
if redis.call('EXISTS', KEYS[3]) == 0 then
  local untilA = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
  if untilA > now then wait = untilA - now end
end
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
if tat < now then tat = now end
local w = tat - tonumber(ARGV[3]) - now
if w > wait then wait = w end
return string.format('%.3f', wait)
`)

// Check says how long the attempt must wait before its password may even
// be compared (0: go ahead).
func (l *Limiter) Check(ctx context.Context, a Attempt) (time.Duration, error) {
	dev := l.prefix + "nodevice"
	if a.Device != "" {
		dev = l.deviceKey(a.Account, a.Device)
	}
	res, err := checkScript.Run(ctx, l.rdb, []string{l.accountKey(a.Account), l.addressKey(a.Address), dev},
		l.ms(), l.addressInterval(), l.addressTolerance()).Text()
	if err != nil {
		return 0, fmt.Errorf("login limit: %w", err)
	}
	return toDuration(res)
}

// failScript counts a failure. KEYS: account, address. ARGV: now, address
// interval, account failures allowed, base lock ms, max lock ms, window ms.
var failScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local free = tonumber(ARGV[3])
local lock = 0
if n >= free then
  lock = math.min(tonumber(ARGV[4]) * math.pow(2, n - free), tonumber(ARGV[5]))
  redis.call('HSET', KEYS[1], 'until', string.format('%.3f', now + lock))
end
redis.call('PEXPIRE', KEYS[1], math.ceil(lock + tonumber(ARGV[6])))
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
if tat < now then tat = now end
tat = tat + tonumber(ARGV[2])
redis.call('SET', KEYS[2], string.format('%.3f', tat), 'PX', math.ceil(tat - now) + 1000)
return n
`)

// Failed records a failed login for the account and the address.
func (l *Limiter) Failed(ctx context.Context, a Attempt) error {
	err := failScript.Run(ctx, l.rdb, []string{l.accountKey(a.Account), l.addressKey(a.Address)},
		l.ms(), l.addressInterval(), l.lim.AccountFailures, ms(l.lim.BaseLock), ms(l.lim.MaxLock), ms(l.lim.AccountWindow)).Err()
	if err != nil {
		return fmt.Errorf("login limit: %w", err)
	}
	return nil
}

// Succeeded forgets the account's failures and returns a device token for
// the browser (keep its existing one when it sent a known one).
func (l *Limiter) Succeeded(ctx context.Context, a Attempt) (string, error) {
	tok := a.Device
	if tok == "" || l.rdb.Exists(ctx, l.deviceKey(a.Account, tok)).Val() == 0 {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		tok = base64.RawURLEncoding.EncodeToString(b)
	}
	pipe := l.rdb.TxPipeline()
	pipe.Del(ctx, l.accountKey(a.Account))
	pipe.Set(ctx, l.deviceKey(a.Account, tok), "1", l.lim.DeviceTTL)
	if _, err := pipe.Exec(ctx); err != nil {
		return "", fmt.Errorf("login limit: %w", err)
	}
	return tok, nil
}

// DeviceTTL is how long a device token is known.
func (l *Limiter) DeviceTTL() time.Duration { return l.lim.DeviceTTL }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func toDuration(res string) (time.Duration, error) {
	v, err := strconv.ParseFloat(res, 64)
	if err != nil {
		return 0, fmt.Errorf("login limit answered %q: %w", res, err)
	}
	if v <= 0 {
		return 0, nil
	}
	return time.Duration(math.Ceil(v * 1e6)), nil
}
