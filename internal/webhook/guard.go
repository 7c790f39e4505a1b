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

	"github.com/pressroom-dev/pressroom/internal/netlist"
)

// ErrForbiddenTarget is wrapped when a URL points at a refused network.
var ErrForbiddenTarget = errors.New("webhook target not allowed")

// blocked are the networks a webhook (or a polled source) may not reach by
// default. The list is the whole of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries
// (https://www.iana.org/assignments/iana-ipv4-special-registry/ and
// https://www.iana.org/assignments/iana-ipv6-special-registry/, RFC 6890),
// whether or not an entry is marked "globally reachable": none of them is a
// place a webhook receiver lives. Added to it: the deprecated IPv4-compatible
// IPv6 block ::/96 (RFC 4291 §2.5.5.1; [::127.0.0.1] reaches loopback on some
// stacks), the deprecated site-local fec0::/10 (RFC 3879), 6to4 2002::/16 as a
// whole (its embedded IPv4 address can be anything, RFC 3056) and, from the
// IANA IPv6 Address Space registry, everything outside 2000::/3 global
// unicast, which is unassigned or special.
var blocked = mustPrefixes(
	// IPv4 Special-Purpose Address Registry.
	"0.0.0.0/8",          // "this network" (RFC 791)
	"10.0.0.0/8",         // private use (RFC 1918)
	"100.64.0.0/10",      // shared address space, CGN (RFC 6598)
	"127.0.0.0/8",        // loopback (RFC 1122)
	"169.254.0.0/16",     // link local, cloud metadata (RFC 3927)
	"172.16.0.0/12",      // private use (RFC 1918)
	"192.0.0.0/24",       // IETF protocol assignments, incl. DS-Lite, NAT64 DNS64 (RFC 6890)
	"192.0.2.0/24",       // documentation TEST-NET-1 (RFC 5737)
	"192.31.196.0/24",    // AS112-v4 (RFC 7535)
	"192.52.193.0/24",    // AMT (RFC 7450)
	"192.88.99.0/24",     // deprecated 6to4 relay anycast (RFC 7526)
	"192.168.0.0/16",     // private use (RFC 1918)
	"192.175.48.0/24",    // direct delegation AS112 service (RFC 7534)
	"198.18.0.0/15",      // benchmarking (RFC 2544)
	"198.51.100.0/24",    // documentation TEST-NET-2 (RFC 5737)
	"203.0.113.0/24",     // documentation TEST-NET-3 (RFC 5737)
	"224.0.0.0/4",        // multicast (RFC 5771)
	"240.0.0.0/4",        // reserved (RFC 1112)
	"255.255.255.255/32", // limited broadcast (RFC 919)
	// IPv6 Special-Purpose Address Registry.
	"::/128",            // unspecified (RFC 4291)
	"::1/128",           // loopback (RFC 4291)
	"::/96",             // deprecated IPv4-compatible (RFC 4291)
	"::ffff:0:0/96",     // IPv4-mapped (RFC 4291); Allowed judges the embedded IPv4 first
	"64:ff9b::/96",      // IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)
	"64:ff9b:1::/48",    // local-use IPv4/IPv6 translation (RFC 8215)
	"100::/64",          // discard-only (RFC 6666)
	"2001::/23",         // IETF protocol assignments: Teredo 2001::/32, benchmarking, AMT, AS112, ORCHID(v2), DRIP (RFC 2928)
	"2001:db8::/32",     // documentation (RFC 3849)
	"2002::/16",         // 6to4 (RFC 3056)
	"2620:4f:8000::/48", // direct delegation AS112 service (RFC 7534)
	"3fff::/20",         // documentation (RFC 9637)
	"5f00::/16",         // segment routing SIDs (RFC 9602)
	"fc00::/7",          // unique local (RFC 4193)
	"fe80::/10",         // link-local (RFC 4291)
	"fec0::/10",         // deprecated site-local (RFC 3879)
	"ff00::/8",          // multicast (RFC 4291)
)

// globalUnicast is the only IPv6 space IANA assigns for global unicast
// (IPv6 Address Space registry); an IPv6 address outside it is refused.
var globalUnicast = netip.MustParsePrefix("2000::/3")

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
	ps, err := netlist.Parse(allow)
	if err != nil {
		return nil, fmt.Errorf("--webhook-allow-networks: %w", err)
	}
	return &Guard{allow: ps}, nil
}

// Allowed reports whether ip may be called. An address in an allowed
// network (--webhook-allow-networks) is allowed as written; otherwise an
// IPv4-mapped address is judged by its IPv4 address, and any address in a
// special-purpose range (blocked) or outside IPv6 global unicast is refused.
// A zone (fe80::1%eth0) is dropped first: netip.Prefix.Contains never
// matches a zoned address, which would let it through.
func (g *Guard) Allowed(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.WithZone("")
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
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
	return ip.Is4() || globalUnicast.Contains(ip)
}

// numericHost reports whether host is an IPv4 address in a form other than
// the canonical dotted quad: a WHATWG URL parser (browsers) reads a host
// whose last label is a decimal or 0x number as IPv4 ("2130706433",
// "0177.0.0.1", "127.1", "0x7f.1" are all 127.0.0.1), and so does
// getaddrinfo's inet_aton, which the cgo resolver may use.
func numericHost(host string) bool {
	if _, err := netip.ParseAddr(host); err == nil {
		return false
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	last := strings.ToLower(labels[len(labels)-1])
	if last == "" {
		return false
	}
	if rest, ok := strings.CutPrefix(last, "0x"); ok {
		return strings.Trim(rest, "0123456789abcdef") == ""
	}
	return strings.Trim(last, "0123456789") == ""
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
	if numericHost(u.Hostname()) {
		return fmt.Errorf("%w: %q is an IPv4 address in a non-canonical form; write it as a dotted quad", ErrForbiddenTarget, u.Hostname())
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
