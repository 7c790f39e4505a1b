package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
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
	if _, err := NewSender(closed, 5*time.Second).Send(ctx, srv.URL, secret, "msg_1", time.Now(), []byte(`{}`)); !errors.Is(err, ErrForbiddenTarget) {
		t.Fatalf("send to loopback without allow = %v, want ErrForbiddenTarget", err)
	}
	open, _ := NewGuard([]string{"127.0.0.0/8"})
	code, err := NewSender(open, 5*time.Second).Send(ctx, srv.URL, secret, "msg_2", time.Now(), []byte(`{"type":"x"}`))
	if err != nil || code != 200 {
		t.Fatalf("Send = %d, %v", code, err)
	}
	if err := <-got; err != nil {
		t.Errorf("signature does not verify: %v", err)
	}
	if _, err := NewSender(open, time.Second).Send(ctx, srv.URL, "", "m", time.Now(), nil); err == nil {
		t.Error("Send with an empty secret succeeded")
	}
}
