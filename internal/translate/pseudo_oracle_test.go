package translate

import (
	"testing"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// mayKeep must be true wherever keepRE matches: otherwise Pseudolocalize
// would accent a URL it used to keep.
func checkMayKeep(t *testing.T, s string) {
	t.Helper()
	if !mayKeep(s) && keepRE.MatchString(s) {
		t.Fatalf("mayKeep(%q) is false but keepRE matches", s)
	}
}

func mayKeepSeeds(t testing.TB) []string {
	return append([]string{"", "www.x.com", "WwW.x", "see HTTPS://a.b", "a@b.co", "httpſ://x", "wWw. x", "no link here"}, testenv.FixtureLines(t)...)
}

func TestMayKeepOracle(t *testing.T) {
	for _, s := range mayKeepSeeds(t) {
		checkMayKeep(t, s)
	}
}

func FuzzMayKeepOracle(f *testing.F) {
	for _, s := range mayKeepSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(checkMayKeep)
}
