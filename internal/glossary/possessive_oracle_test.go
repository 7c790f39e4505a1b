package glossary

import (
	"strings"
	"testing"
)

// oldEnglishPossessive is englishPossessive before its fast path.
func oldEnglishPossessive(w string) (string, string) {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && stem != "" {
			return stem, suf
		}
	}
	return w, ""
}

func checkPossessive(t *testing.T, w string) {
	t.Helper()
	gs, gf := englishPossessive(w)
	ws, wf := oldEnglishPossessive(w)
	if gs != ws || gf != wf {
		t.Fatalf("englishPossessive(%q) = %q, %q, want %q, %q", w, gs, gf, ws, wf)
	}
}

func FuzzEnglishPossessiveOracle(f *testing.F) {
	for _, w := range []string{"", "s", "'s", "union's", "UNION'S", "Trump’s", "bus", "s\u00a0", "x’S", "\xffs"} {
		f.Add(w)
	}
	f.Fuzz(checkPossessive)
}
