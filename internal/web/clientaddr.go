package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/netlist"
)

// ParseTrustedProxies parses the CIDRs (or single addresses) of the reverse
// proxies in front of the UI, as given to --trusted-proxies.
func ParseTrustedProxies(list []string) ([]netip.Prefix, error) {
	ps, err := netlist.Parse(list)
	if err != nil {
		return nil, fmt.Errorf("trusted proxy: %w", err)
	}
	return ps, nil
}

// clientAddr is the address a request came from, for per-address limits
// and logs. Behind a reverse proxy every request arrives from the proxy, so
// one guessing client would exhaust the limit of everyone behind it; when
// the connection comes from a trusted proxy, the client is the right-most
// X-Forwarded-For address that is not itself a trusted proxy (the left part
// of the header is whatever the client sent, so it is never believed).
// Without trusted proxies, or when the header is missing or malformed, it is
// the connection's address.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := hostAddr(r.RemoteAddr)
	if !ok || !isTrusted(peer, trusted) {
		return r.RemoteAddr
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return r.RemoteAddr // a hop we cannot read: trust nothing further left
		}
		a = a.Unmap()
		if !isTrusted(a, trusted) {
			return a.String()
		}
	}
	return r.RemoteAddr
}

func hostAddr(remote string) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
