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
		not no also only even still just already very too more most less least own its his her their our my your
		he she it they we you i me him them us there here then now said says say told tells`) {
		m[w] = true
	}
	return m
}()

// titleNouns may precede a name as part of the possessor ("Cuban poet Jose
// Martí", "US President Donald Trump").
var titleNouns = map[string]bool{"poet": true, "president": true, "leader": true, "minister": true, "writer": true,
	"ally": true, "acolyte": true, "envoy": true, "general": true, "senator": true, "governor": true,
	"mayor": true, "secretary": true, "chancellor": true, "candidate": true, "dictator": true, "king": true, "queen": true}

// rewritePossessives rewrites the possessives of the protected terms in
// tagged English text. Only plain stretches (no placeholders) are touched.
func rewritePossessives(text string, protect []term) (string, []note.Note) {
	var notes []note.Note
	for _, t := range protect {
		name := t.source
		if name == "" || !strings.Contains(text, name) {
			continue
		}
		from := 0
		for {
			i := strings.Index(text[from:], name)
			if i < 0 {
				break
			}
			i += from
			j := i + len(name)
			from = j
			suffix := ""
			for _, s := range []string{"’s", "'s"} {
				if strings.HasPrefix(text[j:], s) {
					suffix = s
				}
			}
			if suffix == "" || !wordBoundary(text, i, j) {
				continue
			}
			rest := j + len(suffix)
			np, end := possessedPhrase(text, rest)
			if np == "" {
				continue
			}
			start := possessorStart(text, i)
			det := "the "
			if sentenceStart(text, start) {
				det = "The "
			}
			repl := det + np + " of " + text[start:j]
			text = text[:start] + repl + text[end:]
			from = start + len(repl)
			notes = append(notes, note.New(note.PossessiveReordered, "name", name))
		}
	}
	return text, notes
}

// possessedPhrase reads the phrase after a possessive at text[i:] (which
// must start with a space), returning it and where it ends.
func possessedPhrase(text string, i int) (string, int) {
	if !strings.HasPrefix(text[i:], " ") {
		return "", i
	}
	p := i + 1
	end, n := p, 0
	for n < maxPossessed && p < len(text) {
		var w string
		var q int
		if strings.HasPrefix(text[p:], "“") {
			c := strings.Index(text[p:], "”")
			if c < 0 || c > 80 || strings.ContainsAny(text[p:p+c], "<>") {
				break
			}
			q = p + c + len("”")
			w = text[p:q]
		} else {
			q = p
			for q < len(text) {
				r, sz := utf8.DecodeRuneInString(text[q:])
				if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
					break
				}
				q += sz
			}
			w = text[p:q]
			if w == "" || stopWords[strings.ToLower(w)] || strings.HasSuffix(strings.ToLower(w), "ly") {
				break
			}
		}
		end, n = q, n+1
		if !strings.HasPrefix(text[q:], " ") {
			break // punctuation or a placeholder ends the phrase
		}
		p = q + 1
	}
	if n == 0 {
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
