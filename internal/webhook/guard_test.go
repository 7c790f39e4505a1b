package webhook

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// TestGuardSpecialPurpose walks addresses from every IANA special-purpose
// range (and the tricks that embed one address in another) through a guard
// with no allowed networks, plus public addresses that must stay reachable.
func TestGuardSpecialPurpose(t *testing.T) {
	g, err := NewGuard(nil)
	if err != nil {
		t.Fatal(err)
	}
	refused := []string{
		"0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.255.255",
		"169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.9", "192.0.0.170", "192.0.2.1",
		"192.31.196.1", "192.52.193.1", "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1",
		"198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
		"255.255.255.255",
		"::", "::1", "::127.0.0.1", "::8.8.8.8", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
		"64:ff9b::7f00:1", "64:ff9b::808:808", "64:ff9b:1::1", "100::1", "2001::1", "2001:0:4136:e378::1",
		"2001:2::1", "2001:10::1", "2001:20::1", "2001:1ff:ffff::1", "2001:db8::1", "2002:7f00:1::",
		"2002:808:808::1", "2620:4f:8000::1", "3fff::1", "5f00::1", "fc00::1", "fd12:3456::1", "fe80::1",
		"fe80::1%eth0", "fec0::1", "ff02::1", "ff0e::1", "4000::1", "1::1", "200::1",
	}
	allowed := []string{
		"8.8.8.8", "1.1.1.1", "93.184.216.34", "100.128.0.1", "172.32.0.1", "192.0.1.1", "198.20.0.1",
		"223.255.255.254", "::ffff:8.8.8.8", "2606:4700::1111", "2a00:1450:4001::200e", "2001:200::1",
		"2001:4860:4860::8888", "2620:4f:8001::1", "3ffe::1",
	}
	for _, s := range refused {
		if g.Allowed(netip.MustParseAddr(s)) {
			t.Errorf("Allowed(%s) = true, want false", s)
		}
	}
	for _, s := range allowed {
		if !g.Allowed(netip.MustParseAddr(s)) {
			t.Errorf("Allowed(%s) = false, want true", s)
		}
	}
	if g.Allowed(netip.Addr{}) {
		t.Error("Allowed(zero Addr) = true")
	}
}

// TestGuardAllowNetworks: an operator's allowed networks still open exactly
// what they name (IPv4-mapped forms of an allowed IPv4 included), and
// nothing embedded elsewhere.
func TestGuardAllowNetworks(t *testing.T) {
	// An entry may itself be written in IPv4-mapped form.
	g, err := NewGuard([]string{"127.0.0.0/8", "fd00::/8", "::ffff:192.168.7.7", "::ffff:10.9.0.0/112"})
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]bool{
		"127.0.0.1": true, "::ffff:127.0.0.1": true, "fd00::5": true,
		"192.168.7.7": true, "::ffff:192.168.7.7": true, "10.9.3.4": true, "192.168.7.8": false,
		"::127.0.0.1": false, "2002:7f00:1::": false, "64:ff9b::7f00:1": false, "10.0.0.1": false, "fc00::1": false,
	} {
		if got := g.Allowed(netip.MustParseAddr(s)); got != want {
			t.Errorf("Allowed(%s) = %v, want %v", s, got, want)
		}
	}
}

// TestCheckURLSpecialForms: URL hosts that name a refused address in a
// bracketed IPv6, embedded IPv4, or non-canonical numeric IPv4 form are
// refused when a webhook or source is registered.
func TestCheckURLSpecialForms(t *testing.T) {
	g, _ := NewGuard(nil)
	ctx := context.Background()
	for _, u := range []string{
		"http://[::127.0.0.1]/", "http://[::ffff:127.0.0.1]/", "http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/",
		"http://[fe80::1%25eth0]/", "http://0.0.0.0/", "http://2130706433/", "http://0177.0.0.1/", "http://127.1/",
		"http://0x7f.1/", "http://0x7f000001/", "http://017700000001/", "http://[::]:8080/", "http://169.254.169.254/latest",
	} {
		if err := g.CheckURL(ctx, u); !errors.Is(err, ErrForbiddenTarget) {
			t.Errorf("CheckURL(%q) = %v, want ErrForbiddenTarget", u, err)
		}
	}
	for _, u := range []string{"https://8.8.8.8/hook", "https://[2606:4700::1111]/hook"} {
		if err := g.CheckURL(ctx, u); err != nil {
			t.Errorf("CheckURL(%q) = %v, want nil", u, err)
		}
	}
}

// TestSendChecksResolvedAddress: a DNS name that resolves to loopback
// passes no URL check at send time, yet the dialer refuses the address it
// resolved to (DNS answers may change after registration).
func TestSendChecksResolvedAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the guarded sender reached a loopback receiver")
	}))
	defer srv.Close()
	g, _ := NewGuard(nil)
	u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	_, err := NewSender(g, 5*time.Second).Send(context.Background(), u, []string{NewSecret()}, "msg_dns", time.Now(), []byte(`{}`))
	if !errors.Is(err, ErrForbiddenTarget) {
		t.Fatalf("Send(%s) = %v, want ErrForbiddenTarget", u, err)
	}
}
