// Package netlist parses the lists of networks operators give on the
// command line (--trusted-proxies, --webhook-allow-networks), so that every
// such flag accepts the same forms and matches addresses the same way.
package netlist

import (
	"fmt"
	"net/netip"
	"strings"
)

// Parse parses CIDRs and single addresses ("10.0.0.0/8", "192.0.2.7",
// "fd00::/8"), skipping blank entries. Prefixes are masked, and
// IPv4-mapped IPv6 forms ("::ffff:192.0.2.7", "::ffff:10.0.0.0/104") become
// their IPv4 equivalents: the callers compare unmapped addresses, against
// which a mapped prefix would never match. An error names the bad entry.
func Parse(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		p, err := parseOne(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func parseOne(s string) (netip.Prefix, error) {
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not an address or CIDR", s)
		}
		a = a.WithZone("").Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not a CIDR: %w", s, err)
	}
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked(), nil
}
