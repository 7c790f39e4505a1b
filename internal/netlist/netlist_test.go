package netlist

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want []string
		bad  bool
	}{
		{name: "CIDRs and addresses", in: []string{"10.0.0.0/8", " 192.0.2.7 ", "fd00::/8", "::1"},
			want: []string{"10.0.0.0/8", "192.0.2.7/32", "fd00::/8", "::1/128"}},
		{name: "blanks skipped", in: []string{"", "  "}},
		{name: "host bits masked", in: []string{"10.1.2.3/16"}, want: []string{"10.1.0.0/16"}},
		{name: "mapped address", in: []string{"::ffff:192.0.2.7"}, want: []string{"192.0.2.7/32"}},
		{name: "mapped prefix", in: []string{"::ffff:10.0.0.0/104"}, want: []string{"10.0.0.0/8"}},
		{name: "zone dropped", in: []string{"fe80::1%eth0"}, want: []string{"fe80::1/128"}},
		{name: "bad bits", in: []string{"10.0.0.0/33"}, bad: true},
		{name: "a name", in: []string{"proxy.example"}, bad: true},
		{name: "a bad entry among good ones", in: []string{"10.0.0.0/8", "nope"}, bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in)
			if (err != nil) != tc.bad {
				t.Fatalf("Parse(%q): error %v, want error %v", tc.in, err, tc.bad)
			}
			var gs []string
			for _, p := range got {
				gs = append(gs, p.String())
			}
			if d := cmp.Diff(tc.want, gs); d != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, d)
			}
		})
	}
	// A mapped address given in the list matches the unmapped address the
	// callers look up.
	ps, err := Parse([]string{"::ffff:192.0.2.7"})
	if err != nil || !ps[0].Contains(netip.MustParseAddr("192.0.2.7")) {
		t.Errorf("a mapped entry does not match its IPv4 address: %v %v", ps, err)
	}
}
