package web_test

import (
	"context"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// anonymousFrom is a browser whose connections come from a loopback
// address of its own (127.0.0.2, …), so that the server sees another
// client address.
func (e *env) anonymousFrom(ip string) *user {
	jar, _ := cookiejar.New(nil)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: d.DialContext}
	e.t.Cleanup(tr.CloseIdleConnections)
	return &user{t: e.t, e: e, c: &http.Client{Jar: jar, Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// on returns the same browser (cookies, address) talking to another
// instance of the service.
func (u *user) on(e *env) *user { return &user{t: u.t, e: e, c: u.c, csrf: u.csrf} }

// tryLogin fills in and sends the login form.
func (u *user) tryLogin(username, pw string, header http.Header) (*http.Response, string) {
	u.t.Helper()
	_, page := u.get("/login", header)
	m := hiddenCSRF.FindStringSubmatch(page)
	if m == nil {
		u.t.Fatalf("no csrf field on the login page:\n%s", page)
	}
	return u.postForm("/login", url.Values{"csrf": {m[1]}, "username": {username}, "password": {pw}, "next": {"/"}}, header)
}

// TestLoginThrottled: failed logins are limited per account and per client
// address, through Redis, so that a second serve process on the same Redis
// and database enforces the same limit. A throttled login answers 429 with
// Retry-After and a localised message; another account from another
// address is not affected; a browser that logged in to the account before
// still can (no lock-out by a guesser), and a success clears the account's
// failures.
func TestLoginThrottled(t *testing.T) {
	cfg := app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t)}
	one, two := newEnvWith(t, cfg), newEnvWith(t, cfg)
	one.addUser("ana", auth.Translator, "es")
	one.addUser("bea", auth.Translator, "es")

	// Ana's own browser logged in before (from 127.0.0.4).
	home := one.anonymousFrom("127.0.0.4")
	if resp, _ := home.tryLogin("ana", password("ana"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("Ana's first login: %s", resp.Status)
	}
	if resp, _ := home.postForm("/logout", url.Values{"csrf": {sessionCSRF(t, home)}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %s", resp.Status)
	}

	guesser := one.anonymous()
	for i := range 5 {
		if resp, _ := guesser.tryLogin("ana", "wrong-"+strconv.Itoa(i), nil); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %s, want 401", i+1, resp.Status)
		}
	}
	resp, page := guesser.tryLogin("ana", "wrong-6", http.Header{"Accept-Language": {"es"}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th wrong password: %s, want 429", resp.Status)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 60 {
		t.Errorf("Retry-After = %q, want 1-60 seconds", resp.Header.Get("Retry-After"))
	}
	if !strings.Contains(page, "Demasiados intentos fallidos") {
		t.Errorf("the 429 page is not in Spanish:\n%s", page)
	}
	// The right password does not get through the lock either, on the
	// other instance.
	resp, _ = guesser.on(two).tryLogin("ana", password("ana"), nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second instance, locked account: %s Retry-After %q, want 429", resp.Status, resp.Header.Get("Retry-After"))
	}
	// Another account from another address logs in on either instance.
	if resp, _ := two.anonymousFrom("127.0.0.2").tryLogin("bea", password("bea"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("Bea from another address: %s, want 303", resp.Status)
	}
	// Ana's known browser is not locked out; her success clears the
	// failures.
	if resp, _ := home.on(two).tryLogin("ana", password("ana"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("Ana's known browser during the lock: %s, want 303", resp.Status)
	}
	if resp, _ := guesser.tryLogin("ana", "wrong-7", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after Ana's login the account's failures still count: %s, want 401", resp.Status)
	}

	// One address guessing many accounts, on both instances: 20 failures
	// at once, then one every 3 s. The budget refills while the test runs,
	// so the test counts the failures let through until the first 429
	// (each try takes far less than 3 s, so one comes) instead of timing.
	spray := one.anonymousFrom("127.0.0.3")
	allowed := 0
	for ; allowed < 100; allowed++ {
		resp, page := spray.on([]*env{one, two}[allowed%2]).tryLogin("nobody"+strconv.Itoa(allowed), "x", nil)
		if resp.StatusCode == http.StatusTooManyRequests {
			ra := resp.Header.Get("Retry-After")
			if want := "Try again in " + ra + " s."; ra == "" || !strings.Contains(page, want) {
				t.Errorf("429 with Retry-After %q; page lacks %q:\n%s", ra, want, page)
			}
			break
		}
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d from one address: %s, want 401", allowed+1, resp.Status)
		}
	}
	if allowed < 20 || allowed == 100 {
		t.Errorf("one address had %d failures before a 429, want at least 20 and then a 429", allowed)
	}
	if u, _ := one.app.Store.UserByName(context.Background(), "bea"); !u.Active {
		t.Errorf("throttling changed the account: %+v", u)
	}
}

// sessionCSRF is the session's token from a logged-in page.
func sessionCSRF(t *testing.T, u *user) string {
	t.Helper()
	_, page := u.get("/", nil)
	m := metaCSRF.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf meta:\n%s", page)
	}
	return m[1]
}

// TestLoginBehindProxy: behind a trusted reverse proxy
// (--trusted-proxies) the per-address limit counts the client named by
// X-Forwarded-For, so one guesser does not lock out everyone behind the
// proxy; from any other peer the header is ignored, so a guesser cannot
// escape the limit by inventing addresses.
func TestLoginBehindProxy(t *testing.T) {
	e := newEnvWith(t, app.Config{DataDir: t.TempDir(), TrustedProxies: []string{"127.0.0.5"}})
	e.addUser("bea", auth.Translator, "es")

	// untilThrottled counts the failures let through before the first 429.
	untilThrottled := func(u *user, header func(i int) http.Header) int {
		n := 0
		for ; n < 100; n++ {
			resp, _ := u.tryLogin("nobody"+strconv.Itoa(n), "x", header(n))
			if resp.StatusCode == http.StatusTooManyRequests {
				return n
			}
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: %s, want 401", n+1, resp.Status)
			}
		}
		return n
	}
	proxy := e.anonymousFrom("127.0.0.5")
	guesser := http.Header{"X-Forwarded-For": {"198.51.100.1"}}
	if n := untilThrottled(proxy, func(int) http.Header { return guesser }); n < 20 || n == 100 {
		t.Fatalf("one client behind the proxy had %d failures before a 429, want at least 20 and then a 429", n)
	}
	// Another client behind the same proxy is not throttled.
	other := e.anonymousFrom("127.0.0.5")
	if resp, _ := other.tryLogin("bea", password("bea"), http.Header{"X-Forwarded-For": {"198.51.100.2"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("Bea behind the proxy while another client is throttled: %s, want 303", resp.Status)
	}
	// A peer that is not a trusted proxy cannot spread its failures over
	// invented addresses.
	spoofer := e.anonymousFrom("127.0.0.6")
	n := untilThrottled(spoofer, func(i int) http.Header {
		return http.Header{"X-Forwarded-For": {"203.0.113." + strconv.Itoa(i+1)}}
	})
	if n < 20 || n == 100 {
		t.Errorf("a spoofing peer had %d failures before a 429, want at least 20 and then a 429", n)
	}
}
