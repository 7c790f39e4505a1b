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
	// lowerStarters are the starters in lower case, minus conjunctions:
	// informal text starts sentences in lower case ("…went home. the bus
	// had gone"), but "¡basta! y se fue" goes on.
	lowerStarters map[string]bool
	// followers are capitalised words that continue a phrase after a
	// multi-part abbreviation ("the U.S. Navy", "7 a.m. Eastern time");
	// before any other capital the abbreviation ends the sentence ("the
	// U.S. Millions attended"). With acronymsFollow, words in capitals do
	// too ("the U.S. GDP").
	followers      map[string]bool
	acronymsFollow bool
	// eras enables "a. C." and "d. C." (Spanish, Portuguese).
	eras bool
	// splitQuotes splits quoted passages of several sentences (see
	// protectedSpans).
	splitQuotes bool
}

var (
	rulesEN = newRules(abbrevEN, exactEN, startersEN, `and or nor but`, true, func(r *rules) {
		r.followers, r.acronymsFollow = wordSet(followersEN), true
	})
	rulesES = newRules(abbrevES, nil, startersES, `y e o u ni que pero`, false, func(r *rules) { r.eras = true })
	rulesPT = newRules(abbrevPT, nil, startersPT, `e ou nem mas que`, false, func(r *rules) { r.eras, r.splitQuotes = true, true })
)

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

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

// newRules builds a language's rules; conjunctions (lower case) never start
// a sentence written in lower case.
func newRules(t abbrevTable, exact map[string]abbrKind, starters, conjunctions string, pronounI bool, more func(*rules)) *rules {
	r := &rules{abbr: map[string]abbrKind{}, exact: exact, starters: map[string]bool{}, pronounI: pronounI,
		lowerStarters: map[string]bool{}}
	more(r)
	add := func(list string, k abbrKind) {
		for _, w := range strings.Fields(list) {
			r.abbr[w] = k
		}
	}
	add(t.ordinary, abbrOrdinary)
	add(t.multi, abbrMulti)
	add(t.never, abbrNever)
	add(t.title, abbrTitle)
	never := wordSet(conjunctions)
	for _, w := range strings.Fields(starters) {
		r.starters[w] = true
		if l := strings.ToLower(w); !never[l] {
			r.lowerStarters[l] = true
		}
	}
	return r
}

// wordAt returns the run of letters at s[i:] (at most 24 bytes).
func wordAt(s string, i int) string {
	j := i
	for j < len(s) && j-i < 24 {
		c, n := runeAt(s, j)
		if !unicode.IsLetter(c) {
			break
		}
		j += n
	}
	return s[i:j]
}

// follower reports whether the word at s[i:] continues a phrase after a
// multi-part abbreviation (see rules.followers).
func (r *rules) follower(s string, i int) bool {
	w := wordAt(s, i)
	if r.followers[w] {
		return true
	}
	if !r.acronymsFollow || len(w) < 2 {
		return false
	}
	for _, c := range w {
		if !unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// lowerStart reports whether the word at s[i:] is a sentence starter
// written in lower case.
func (r *rules) lowerStart(s string, i int) bool {
	w := wordAt(s, i)
	return w != "" && r.lowerStarters[w]
}

// era recognises the parts of "a. C." and "d. C." (antes/después de
// Cristo): abbrNever for "a"/"d" before "C.", abbrOrdinary for "C" after
// them, else 0.
func (r *rules) era(s string, tokAt int, tok string, m int) abbrKind {
	if !r.eras {
		return 0
	}
	switch tok {
	case "a", "d":
		if strings.HasPrefix(s[m:], "C.") {
			return abbrNever
		}
	case "C":
		if w := prevWord(s, tokAt); w == "a." || w == "d." {
			return abbrOrdinary
		}
	}
	return 0
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
	w := wordAt(s, i)
	return w != "" && r.starters[w]
}
