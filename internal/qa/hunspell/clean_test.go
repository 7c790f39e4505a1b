package hunspell

import (
	"strings"
	"testing"
)

// oldClean is clean without its fast path: the oracle.
func oldClean(w string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' || r == ' ' || r == 0 {
			return -1
		}
		return r
	}, w))
}

var cleanSeeds = []string{"", "casa", "não", "está", " casa", "ca\tsa", "\u00a0casa", "casa\u2003", "\u0085x", "d’água",
	"mudou-se", "\xff", "a\xffb", "x\x00y", "\x7f", "ñ", "\u200bword", "word\u3000", "a\u00a0b"}

// TestCleanMatchesOracle: the fast path changes nothing.
func TestCleanMatchesOracle(t *testing.T) {
	for _, w := range cleanSeeds {
		if got, want := clean(w), oldClean(w); got != want {
			t.Errorf("clean(%q) = %q, want %q", w, got, want)
		}
	}
}

func FuzzCleanMatchesOracle(f *testing.F) {
	for _, w := range cleanSeeds {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := clean(w), oldClean(w); got != want {
			t.Fatalf("clean(%q) = %q, want %q", w, got, want)
		}
	})
}
