// Package webhook sends signed webhook calls (Standard Webhooks: headers
// webhook-id, webhook-timestamp, webhook-signature) and keeps them away from
// private networks unless an operator allows them.
package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// ErrForbiddenTarget is wrapped when a URL points at a refused network.
var ErrForbiddenTarget = errors.New("webhook target not allowed")

// blocked are the networks a webhook may not reach by default: loopback,
// private, link-local, carrier-grade NAT, documentation, benchmarking,
// multicast and reserved ranges, in IPv4 and IPv6.
var blocked = mustPrefixes(
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
	"224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
	"::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
)

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// Guard decides which addresses webhooks may reach.
type Guard struct {
	allow []netip.Prefix
}

// NewGuard allows the given CIDRs (e.g. "127.0.0.0/8") in spite of the
// default block list.
func NewGuard(allow []string) (*Guard, error) {
	g := &Guard{}
	for _, s := range allow {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("--webhook-allow-networks: %q is not a CIDR: %w", s, err)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		g.allow = append(g.allow, p.Masked())
	}
	return g, nil
}

// Allowed reports whether ip may be called.
func (g *Guard) Allowed(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range g.allow {
		if p.Contains(ip) {
			return true
		}
	}
	for _, p := range blocked {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// CheckURL validates a webhook URL: http or https, a host, and every address
// the host resolves to allowed. The dialer checks again at call time, since
// DNS answers can change.
func (g *Guard) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("URL scheme must be http or https, not %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return errors.New("URL has no host")
	}
	if u.User != nil {
		return errors.New("URL must not carry credentials")
	}
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", u.Hostname())
	if err != nil {
		return fmt.Errorf("resolve %s: %w", u.Hostname(), err)
	}
	for _, ip := range ips {
		if !g.Allowed(ip) {
			return fmt.Errorf("%w: %s resolves to %s, a private or reserved address (allow it with --webhook-allow-networks)", ErrForbiddenTarget, u.Hostname(), ip)
		}
	}
	return nil
}

// control refuses connections to addresses the guard does not allow; it runs
// after DNS resolution, on the address actually dialled.
func (g *Guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenTarget, address)
	}
	if !g.Allowed(ap.Addr()) {
		return fmt.Errorf("%w: %s is a private or reserved address", ErrForbiddenTarget, ap.Addr())
	}
	return nil
}
