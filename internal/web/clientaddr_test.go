package web

import (
	"net/http/httptest"
	"testing"
)

func TestClientAddr(t *testing.T) {
	trusted, err := ParseTrustedProxies([]string{"10.0.0.0/8", "192.0.2.7", "fd00::/8"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"no proxy: the connection", "203.0.113.9:4000", nil, "203.0.113.9:4000"},
		{"untrusted peer's header ignored", "203.0.113.9:4000", []string{"198.51.100.1"}, "203.0.113.9:4000"},
		{"trusted proxy: its client", "10.1.2.3:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"spoofed left part not believed", "10.1.2.3:4000", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", "10.1.2.3:4000", []string{"198.51.100.1, 192.0.2.7", "10.9.9.9"}, "198.51.100.1"},
		{"single trusted address", "192.0.2.7:80", []string{"2001:db8::5"}, "2001:db8::5"},
		{"IPv6 proxy, mapped client", "[fd00::1]:443", []string{"::ffff:198.51.100.2"}, "198.51.100.2"},
		{"trusted proxy without header", "10.1.2.3:4000", nil, "10.1.2.3:4000"},
		{"malformed hop: the connection", "10.1.2.3:4000", []string{"198.51.100.1, garbage"}, "10.1.2.3:4000"},
		{"only proxies: the connection", "10.1.2.3:4000", []string{"10.0.0.1"}, "10.1.2.3:4000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/login", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientAddr(r, trusted); got != tc.want {
				t.Errorf("clientAddr = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := ParseTrustedProxies([]string{"10.0.0.0/33"}); err == nil {
		t.Error("10.0.0.0/33 accepted")
	}
	if _, err := ParseTrustedProxies([]string{"proxy.example"}); err == nil {
		t.Error("a host name accepted")
	}
}
