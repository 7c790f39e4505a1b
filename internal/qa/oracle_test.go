package qa

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

var listSetSeeds = [][]string{nil, {""}, {"a"}, {"a", "b", "a"}, {"a b", "c"}, {" x\u00a0y ", "\t"}, {"não", "está"}}

// listSet must give the set wordSet gave for the joined words.
func checkListSet(t *testing.T, ws []string) {
	t.Helper()
	got, want := listSet(ws), wordSet(strings.Join(ws, " "))
	if len(got) != len(want) {
		t.Fatalf("listSet(%q) = %v, want %v", ws, got, want)
	}
	for w := range want {
		if !got[w] {
			t.Fatalf("listSet(%q) = %v, want %v", ws, got, want)
		}
	}
}

func TestListSetOracle(t *testing.T) {
	for _, ws := range listSetSeeds {
		checkListSet(t, ws)
	}
}

func FuzzListSetOracle(f *testing.F) {
	f.Add("a", "b c", "\u2003d")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		checkListSet(t, []string{a, b, c})
		checkListSet(t, []string{a})
	})
}

// oldLetterWords is letterWords before its ASCII fast path.
func oldLetterWords(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, word{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start, len(s)})
	}
	return out
}

func checkLetterWords(t *testing.T, s string) {
	t.Helper()
	if got, want := letterWords(s), oldLetterWords(s); !slices.Equal(got, want) {
		t.Fatalf("letterWords(%q) = %v, want %v", s, got, want)
	}
}

func FuzzLetterWordsOracle(f *testing.F) {
	for _, s := range []string{"", "a b", "Ŧĥé qüíck 4.5 d’água mudou-se", "\xffab\u0301c", "x_y@z.com", "ǅemal ﬁn"} {
		f.Add(s)
	}
	f.Fuzz(checkLetterWords)
}
