package translate

import (
	"os"
	"path/filepath"
	"strings"
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
	out := []string{"", "www.x.com", "WwW.x", "see HTTPS://a.b", "a@b.co", "httpſ://x", "wWw. x", "no link here"}
	for _, f := range []string{"articles/links.md", "articles/plain.txt", "repair/drafts_en.txt", "translate/article_en.txt"} {
		b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Split(string(b), "\n")...)
	}
	return out
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
