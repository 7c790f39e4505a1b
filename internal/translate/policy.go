package translate

import (
	"fmt"
	"slices"
	"strings"
)

// Policy says which backends translate which language pair, in order of
// preference. A pair's chain is tried first to last per segment; segments a
// backend fails on move to the next one.
type Policy struct {
	// Default is the chain for every pair that Pairs does not name
	// (`--backends`).
	Default []string
	// Pairs maps "from-to" (e.g. "en-es", "en-pt-BR"; case-insensitive) to a
	// chain. A pair with a regional target falls back to its base language:
	// "en-pt-BR" uses Pairs["en-pt"] when there is no "en-pt-BR" entry.
	Pairs map[string][]string
}

// Chain returns the chain for from→to.
func (p Policy) Chain(from, to string) []string {
	if len(p.Pairs) > 0 {
		for _, key := range pairKeys(from, to) {
			for k, c := range p.Pairs {
				if strings.EqualFold(k, key) {
					return c
				}
			}
		}
	}
	return p.Default
}

func pairKeys(from, to string) []string {
	keys := []string{from + "-" + to}
	if base, _, ok := strings.Cut(to, "-"); ok {
		keys = append(keys, from+"-"+base)
	}
	return keys
}

// names returns every backend name the policy uses, "tm" excluded.
func (p Policy) names() []string {
	var names []string
	add := func(chain []string) {
		for _, n := range chain {
			if n != TM && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	add(p.Default)
	for _, c := range p.Pairs {
		add(c)
	}
	return names
}

// validate checks that every name the policy uses is registered.
func (p Policy) validate(reg *Registry) error {
	for _, n := range p.names() {
		if _, ok := reg.Lookup(n); !ok {
			return fmt.Errorf("translate: unknown backend %q in routing policy (registered: %s; %q is accepted and skipped)",
				n, strings.Join(reg.Names(), ", "), TM)
		}
	}
	return nil
}
