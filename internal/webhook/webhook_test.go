package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func TestGuardAllowed(t *testing.T) {
	g, err := NewGuard([]string{"10.1.0.0/16", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true}, {"127.0.0.1", false}, {"10.0.0.1", false}, {"10.1.2.3", true},
		{"192.168.1.1", false}, {"169.254.169.254", false}, {"::ffff:127.0.0.1", false},
		{"::1", true}, {"fd00::1", false}, {"2606:4700::1111", true}, {"0.0.0.0", false}, {"100.64.0.1", false},
	} {
		if got := g.Allowed(netip.MustParseAddr(tc.ip)); got != tc.want {
			t.Errorf("Allowed(%s) = %v, want %v", tc.ip, got, tc.want)
		}
	}
	if _, err := NewGuard([]string{"not-a-cidr"}); err == nil {
		t.Error("NewGuard accepted a bad CIDR")
	}
}

func TestCheckURL(t *testing.T) {
	g, _ := NewGuard(nil)
	ctx := context.Background()
	for _, u := range []string{"http://127.0.0.1:9/x", "http://localhost/x", "ftp://example.org/", "http://[::1]/", "https://user:pw@8.8.8.8/", "http:///nohost"} {
		if err := g.CheckURL(ctx, u); err == nil {
			t.Errorf("CheckURL(%q) = nil, want an error", u)
		}
	}
	if err := g.CheckURL(ctx, "https://8.8.8.8/hook"); err != nil {
		t.Errorf("CheckURL(public IP) = %v", err)
	}
}

// TestSendSignedAndGuarded checks that a call verifies with the Standard
// Webhooks reference library and that the dialer refuses loopback unless it
// is allowed.
func TestSendSignedAndGuarded(t *testing.T) {
	secret := NewSecret()
	verifier, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- verifier.Verify(body, r.Header)
	}))
	defer srv.Close()
	ctx := context.Background()

	closed, _ := NewGuard(nil)
	if _, err := NewSender(closed, 5*time.Second).Send(ctx, srv.URL, []string{secret}, "msg_1", time.Now(), []byte(`{}`)); !errors.Is(err, ErrForbiddenTarget) {
		t.Fatalf("send to loopback without allow = %v, want ErrForbiddenTarget", err)
	}
	open, _ := NewGuard([]string{"127.0.0.0/8"})
	res, err := NewSender(open, 5*time.Second).Send(ctx, srv.URL, []string{secret}, "msg_2", time.Now(), []byte(`{"type":"x"}`))
	if err != nil || res.Code != 200 {
		t.Fatalf("Send = %+v, %v", res, err)
	}
	if err := <-got; err != nil {
		t.Errorf("signature does not verify: %v", err)
	}
	if _, err := NewSender(open, time.Second).Send(ctx, srv.URL, []string{""}, "m", time.Now(), nil); err == nil {
		t.Error("Send with an empty secret succeeded")
	}
}

// TestSignBothSecrets: during a rotation a call carries two v1 signatures,
// and the reference library accepts it with either secret alone; a secret
// that signed nothing is refused.
func TestSignBothSecrets(t *testing.T) {
	oldS, newS, other := NewSecret(), NewSecret(), NewSecret()
	at := time.Now()
	body := []byte(`{"type":"edition.published","timestamp":"2026-01-01T00:00:00Z","data":{}}`)
	sig, err := Sign([]string{newS, oldS}, "msg_rot", at, body)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Fields(sig)); n != 2 {
		t.Fatalf("signature header %q has %d entries, want 2", sig, n)
	}
	h := http.Header{}
	h.Set("webhook-id", "msg_rot")
	h.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
	h.Set("webhook-signature", sig)
	for name, s := range map[string]string{"new": newS, "old": oldS} {
		wh, _ := standardwebhooks.NewWebhook(s)
		if err := wh.Verify(body, h); err != nil {
			t.Errorf("the %s secret does not verify a rotation call: %v", name, err)
		}
	}
	wh, _ := standardwebhooks.NewWebhook(other)
	if err := wh.Verify(body, h); err == nil {
		t.Error("an unrelated secret verified the call")
	}
	if _, err := Sign(nil, "m", at, body); err == nil {
		t.Error("Sign with no secret succeeded")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"7", 7 * time.Second}, {"-3", 0}, {"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
	} {
		if got := ParseRetryAfter(tc.in, now); got != tc.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestScheduleDelay: each wait is within 10% of the schedule, the last one
// repeats, and a longer Retry-After wins up to a day.
func TestScheduleDelay(t *testing.T) {
	for n, want := range DefaultSchedule {
		for range 20 {
			got := DefaultSchedule.Delay(n, 0)
			if got < want*9/10 || got > want*11/10 {
				t.Fatalf("Delay(%d) = %v, want %v ± 10%%", n, got, want)
			}
		}
	}
	if got := DefaultSchedule.Delay(0, time.Minute); got != time.Minute {
		t.Errorf("Delay with Retry-After 1m = %v", got)
	}
	if got := DefaultSchedule.Delay(0, 48*time.Hour); got != 24*time.Hour {
		t.Errorf("Delay with Retry-After 48h = %v, want the 24h cap", got)
	}
	if got := DefaultSchedule.Delay(3, time.Second); got < 27*time.Minute {
		t.Errorf("a short Retry-After shortened the schedule: %v", got)
	}
	if DefaultSchedule.Retries() != 8 {
		t.Errorf("Retries = %d, want 8 (nine attempts)", DefaultSchedule.Retries())
	}
}

// FuzzParseRetryAfter: a receiver's header never panics the sender nor
// yields a negative wait.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999", " 5 "} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		if d := ParseRetryAfter(v, now); d < 0 {
			t.Errorf("ParseRetryAfter(%q) = %v", v, d)
		}
	})
}

// TestResponseBounded: a receiver answering a huge body gets at most
// MaxResponseBytes of it read into the error; a 3xx is a failure naming its
// Location; a 503's Retry-After comes back.
func TestResponseBounded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.WriteHeader(http.StatusInternalServerError)
			chunk := []byte(strings.Repeat("x", 64<<10))
			for range 160 { // 10 MiB
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/moved":
			http.Redirect(w, r, "/elsewhere", http.StatusMovedPermanently)
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	g, _ := NewGuard([]string{"127.0.0.0/8"})
	s := NewSender(g, 5*time.Second)
	ctx := context.Background()
	secret := []string{NewSecret()}
	res, err := s.Send(ctx, srv.URL+"/big", secret, "m1", time.Now(), []byte(`{}`))
	if err == nil || res.Code != 500 || len(err.Error()) > MaxResponseBytes+200 {
		t.Errorf("big 500: %d, error of %d bytes", res.Code, len(fmt.Sprint(err)))
	}
	res, err = s.Send(ctx, srv.URL+"/moved", secret, "m2", time.Now(), []byte(`{}`))
	if err == nil || res.Code != 301 || !strings.Contains(err.Error(), "/elsewhere") {
		t.Errorf("redirect: %d %v", res.Code, err)
	}
	res, err = s.Send(ctx, srv.URL+"/busy", secret, "m3", time.Now(), []byte(`{}`))
	if err == nil || res.Code != 503 || res.RetryAfter != 2*time.Minute {
		t.Errorf("503: %+v %v", res, err)
	}
}
