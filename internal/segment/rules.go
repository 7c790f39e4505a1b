package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrKind says how an abbreviation followed by a period behaves at a
// candidate boundary. The kinds are the "no-break rules" of an SRX file,
// grouped so that a language is described by data, not code.
type abbrKind uint8

const (
	// abbrOrdinary may end a sentence: it breaks before a capital letter but
	// not before a digit or a lower-case word ("Co. It closed." / "Nov. 23",
	// "art. 4", "p. 55").
	abbrOrdinary abbrKind = iota + 1
	// abbrTitle precedes a name and never ends a sentence (Mr., Dr., Sra.).
	abbrTitle
	// abbrNever never ends a sentence (e.g., i.e., vs.).
	abbrNever
	// abbrMulti is a multi-part abbreviation (U.S., E.U., a.m., UU.) that ends
	// a sentence only before a word that typically starts one ("in the U.S.
	// How about you?" but "the U.S. Government").
	abbrMulti
)

// rules is one language's segmentation data. Tables are immutable after
// construction and shared by all calls.
type rules struct {
	// abbr maps a lower-cased abbreviation (without its final period; inner
	// periods kept, e.g. "u.s") to its behaviour.
	abbr map[string]abbrKind
	// exact overrides abbr for a case-sensitive spelling ("P.M" ends
	// sentences before capitals, while "p.m" behaves like U.S.).
	exact map[string]abbrKind
	// starters are words that commonly begin a sentence (cased as at the
	// start of one).
	starters map[string]bool
	// pronounI makes a lone "I." after a lower-case word end a sentence
	// ("you and I. Did you…") while "Albert I. Jones" does not.
	pronounI bool
}

var (
	rulesEN = newRules(abbrevEN, exactEN, startersEN, true)
	rulesES = newRules(abbrevES, nil, startersES, false)
	rulesPT = newRules(abbrevPT, nil, startersPT, false)
)

// rulesFor picks the rules for a BCP 47 tag by its primary language.
func rulesFor(lang string) *rules {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch primary {
	case "es":
		return rulesES
	case "pt":
		return rulesPT
	}
	return rulesEN
}

// abbrevTable lists abbreviations by kind, space-separated, lower case.
type abbrevTable struct {
	title, ordinary, never, multi string
}

func newRules(t abbrevTable, exact map[string]abbrKind, starters string, pronounI bool) *rules {
	r := &rules{abbr: map[string]abbrKind{}, exact: exact, starters: map[string]bool{}, pronounI: pronounI}
	add := func(list string, k abbrKind) {
		for _, w := range strings.Fields(list) {
			r.abbr[w] = k
		}
	}
	add(t.ordinary, abbrOrdinary)
	add(t.multi, abbrMulti)
	add(t.never, abbrNever)
	add(t.title, abbrTitle)
	for _, w := range strings.Fields(starters) {
		r.starters[w] = true
	}
	return r
}

// lookup returns the kind of abbreviation tok is, 0 if none. It lower-cases
// into a stack buffer so the hot path does not allocate.
func (r *rules) lookup(tok string) abbrKind {
	if k, ok := r.exact[tok]; ok {
		return k
	}
	if len(tok) > 24 {
		return 0
	}
	var buf [32]byte
	b := buf[:0]
	for _, c := range tok {
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, byte(c))
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(c))
		}
		if len(b) > 28 {
			return 0
		}
	}
	return r.abbr[string(b)]
}

// starter reports whether the word at s[i:] is one that typically begins a
// sentence.
func (r *rules) starter(s string, i int) bool {
	j := i
	for j < len(s) && j-i < 24 {
		c, n := runeAt(s, j)
		if !unicode.IsLetter(c) {
			break
		}
		j += n
	}
	return j > i && r.starters[s[i:j]]
}
