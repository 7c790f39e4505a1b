package tm

import (
	"slices"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// oldKeys is the index keys of a text as gramsOf built them before it
// hashed in place: each word key and each pair of neighbouring keys,
// punctuation skipped, each once.
func oldKeys(toks []token) []string {
	seen := make(map[string]bool, 2*len(toks))
	var out []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	prev := ""
	for _, t := range toks {
		if t.Kind == punct {
			continue
		}
		add(t.Key)
		if prev != "" {
			add(prev + " " + t.Key)
		}
		prev = t.Key
	}
	return out
}

// oldGramsOf is gramsOf before it hashed in place: the oracle.
func oldGramsOf(from, to string, toks []token) []int64 {
	ks := oldKeys(toks)
	out := make([]int64, 0, len(ks))
	for _, k := range ks {
		out = append(out, gramOf(from, to, k))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func checkGrams(t *testing.T, from, to, s string) {
	t.Helper()
	toks := tokenize(s)
	if got, want := gramsOf(from, to, toks), oldGramsOf(from, to, toks); !slices.Equal(got, want) {
		t.Fatalf("gramsOf(%q, %q, %q) = %v, want %v", from, to, s, got, want)
	}
}

func gramSeeds(t testing.TB) []string {
	return append([]string{"", "a", "a a a", "The <1>cat</1> &amp; the cat.", "Ŧĥé qüíck, 3,000 dead"}, testenv.FixtureLines(t)...)
}

func TestGramsOfMatchesOracle(t *testing.T) {
	for _, s := range gramSeeds(t) {
		for _, p := range [][2]string{{"en", "es"}, {"en", "pt-BR"}, {"", ""}} {
			checkGrams(t, p[0], p[1], s)
		}
	}
}

func FuzzGramsOfMatchesOracle(f *testing.F) {
	for _, s := range gramSeeds(f) {
		f.Add("en", "es", s)
	}
	f.Fuzz(checkGrams)
}
