package apertium

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/note"
)

// Possessives of protected names. A protected name travels through
// Apertium as a word it does not know, and Apertium's genitive rule, which
// turns "Venezuela’s oil" into "el petróleo de Venezuela", does not fire on
// unknown words: "Trump’s war" came back as "Trump guerra". So before
// translating, "Trump’s war" is rewritten as "the war of Trump", which
// Apertium renders naturally ("la guerra de Trump"). The possessed phrase
// runs from the possessive to the first function word, verb-like word or
// punctuation, at most maxPossessed words; a quoted phrase counts as one
// word. Words naming the possessor that precede it ("Cuban poet Jose
// Martí’s words") move with it.

const maxPossessed = 5

// stopWords end the possessed phrase (and the possessor phrase on the
// left): articles, prepositions, conjunctions, pronouns, auxiliaries.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the this that these those of in on at to for from by with about against
		over under between into through after before during without within across along around behind beyond
		and or but nor so yet as than if when while where who whom whose which what whether because since
		is are was were be been being has have had do does did will would shall should can could may might must
		not no also only even still just already very too own its his her their our my your
		he she it they we you i me him them us there here then now said says say told tells`) {
		m[w] = true
	}
	return m
}()

// verbs are common irregular past forms, which end the possessed phrase
// ("Al-Assad’s regime fell"); a regular past ("-ed") ends it after its
// first word.
var verbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`fell went came took made got saw gave knew began ran rose grew won lost left kept
		held brought thought stood met led sent fought paid spent built set put cut hit let became seemed remains remained
		shows showed means meant goes comes takes makes gets gives stands`) {
		m[w] = true
	}
	return m
}()

// titleNouns may precede a name as part of the possessor ("Cuban poet Jose
// Martí", "US President Donald Trump").
var titleNouns = map[string]bool{"poet": true, "president": true, "leader": true, "minister": true, "writer": true,
	"ally": true, "acolyte": true, "envoy": true, "general": true, "senator": true, "governor": true,
	"mayor": true, "secretary": true, "chancellor": true, "candidate": true, "dictator": true, "king": true, "queen": true}

// rewritePossessives rewrites, in tagged English text, the possessives of
// names — a protected term or any capitalised word that is not a pronoun or
// a day ("Trump’s war" → "the war of Trump", "China’s allies" → "the allies
// of China") — and those whose possessed phrase starts with a protected
// name ("Mexico’s Benito Juárez" → "Benito Juárez of Mexico"). Apertium's
// genitive rule handles a known name ("Venezuela’s oil" → "el óleo de
// Venezuela") and the rewrite gives the same; it fails on a name it does
// not know or reads as a word ("Maduro" is "ripe"). Only plain stretches
// (no placeholders) are touched.
func rewritePossessives(text string, protect []term) (string, []note.Note) {
	var notes []note.Note
	from := 0
	for from < len(text) {
		k, suffix := nextPossessive(text, from)
		if k < 0 {
			break
		}
		rest := k + len(suffix)
		from = rest
		name := termEndingAt(text, k, protect)
		if name == "" {
			if w := text[wordStart(text, k):k]; isCapitalised(w) && !notPossessor[strings.ToLower(w)] {
				name = w
			}
		}
		np, end := possessedPhrase(text, rest)
		if np == "" {
			continue
		}
		possessedName := termStartingAt(text, rest+1, protect)
		if name == "" && !possessedName {
			continue
		}
		var start int
		if name != "" {
			start = possessorStart(text, k-len(name))
		} else {
			start = possessorStart(text, wordStart(text, k))
		}
		if start >= k {
			continue
		}
		det := ""
		if !possessedName {
			det = "the "
			if sentenceStart(text, start) {
				det = "The "
			}
		}
		repl := det + np + " of " + text[start:k]
		notes = append(notes, note.New(note.PossessiveReordered, "name", text[start:k]))
		text = text[:start] + repl + text[end:]
		from = start + len(repl)
	}
	return text, notes
}

// notPossessor are capitalised words whose possessive is not a name's:
// pronouns and words of time ("Today’s meeting", "Everyone’s job").
var notPossessor = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`today yesterday tomorrow tonight this that it everyone everybody nobody
		somebody someone anyone anybody one other another each either neither last next year week month
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july
		august september october november december`) {
		m[w] = true
	}
	return m
}()

// nextPossessive finds the next "’s" or "'s" that ends a word, from from.
func nextPossessive(text string, from int) (int, string) {
	for {
		a := strings.Index(text[from:], "’s")
		b := strings.Index(text[from:], "'s")
		k, suffix := a, "’s"
		if a < 0 || (b >= 0 && b < a) {
			k, suffix = b, "'s"
		}
		if k < 0 {
			return -1, ""
		}
		k += from
		after, _ := utf8.DecodeRuneInString(text[k+len(suffix):])
		before, _ := utf8.DecodeLastRuneInString(text[:k])
		if !isWordRune(after) && isWordRune(before) {
			return k, suffix
		}
		from = k + len(suffix)
	}
}

// termEndingAt returns the protected term that ends at text[:k] as a whole
// word, or "".
func termEndingAt(text string, k int, protect []term) string {
	best := ""
	for _, t := range protect {
		if t.source != "" && len(t.source) > len(best) && strings.HasSuffix(text[:k], t.source) && wordBoundary(text, k-len(t.source), k) {
			best = t.source
		}
	}
	return best
}

// termStartingAt reports whether a protected name starts at text[i:].
func termStartingAt(text string, i int, protect []term) bool {
	if i > len(text) {
		return false
	}
	for _, t := range protect {
		if t.source != "" && strings.HasPrefix(text[i:], t.source) && wordBoundary(text, i, i+len(t.source)) && isCapitalised(t.source) {
			return true
		}
	}
	return false
}

// wordStart returns where the word ending at text[:k] starts.
func wordStart(text string, k int) int {
	for k > 0 {
		r, sz := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		k -= sz
	}
	return k
}

// possessedPhrase reads the phrase after a possessive at text[i:] (which
// must start with a space), returning it and where it ends.
func possessedPhrase(text string, i int) (string, int) {
	if !strings.HasPrefix(text[i:], " ") {
		return "", i
	}
	p := i + 1
	end, n, adverbs := p, 0, 0
	ends := []int{}
	for n < maxPossessed && p < len(text) {
		var q int
		if strings.HasPrefix(text[p:], "“") {
			c := strings.Index(text[p:], "”")
			if c < 0 || c > 80 || strings.ContainsAny(text[p:p+c], "<>") {
				break
			}
			q = p + c + len("”")
		} else {
			q = p
			for q < len(text) {
				r, sz := utf8.DecodeRuneInString(text[q:])
				if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
					break
				}
				q += sz
			}
			w := text[p:q]
			lw := strings.ToLower(w)
			if w == "" || stopWords[lw] || verbs[lw] || (n > 0 && adverbs == 0 && strings.HasSuffix(lw, "ed")) {
				break
			}
			if strings.HasSuffix(lw, "ly") {
				adverbs++ // "increasingly unbridled aggression": kept if a word follows
			} else {
				adverbs = 0
			}
		}
		end, n = q, n+1
		ends = append(ends, q)
		if !strings.HasPrefix(text[q:], " ") {
			break // punctuation or a placeholder ends the phrase
		}
		p = q + 1
	}
	// The phrase does not end on an adverb ("Trump’s assault deliberately").
	n -= adverbs
	if n <= 0 {
		return "", i
	}
	end = ends[n-1]
	if adverbs > 0 && end < len(text) && text[end] != ' ' {
		return "", i
	}
	return text[i+1 : end], end
}

// possessorStart extends a name to the left over capitalised words and
// title nouns ("Cuban poet Jose Martí"), stopping at function words, other
// words and placeholders.
func possessorStart(text string, i int) int {
	start := i
	for start > 0 && text[start-1] == ' ' {
		j := start - 1
		k := j
		for k > 0 {
			r, sz := utf8.DecodeLastRuneInString(text[:k])
			if !unicode.IsLetter(r) && r != '-' {
				break
			}
			k -= sz
		}
		w := text[k:j]
		if w == "" || stopWords[strings.ToLower(w)] || sentenceStart(text, k) {
			break
		}
		if !isCapitalised(w) && !titleNouns[strings.ToLower(w)] && !(w == strings.ToUpper(w) && len(w) > 1) {
			break
		}
		start = k
	}
	return start
}

// sentenceStart reports whether only white space, opening quotes or a
// sentence's end come before text[i].
func sentenceStart(text string, i int) bool {
	for i > 0 {
		r, sz := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == ' ' || r == '“' || r == '‘' || r == '"' || r == '(':
			i -= sz
			continue
		case r == '.' || r == '!' || r == '?' || r == '>':
			return true
		}
		return false
	}
	return true
}
