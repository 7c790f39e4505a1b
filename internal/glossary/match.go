package glossary

import (
	"slices"
	"strings"
)

// form is one written form of a word and whether it is a plural.
type form struct {
	text   string
	plural bool
}

// wordForms returns the forms of a word of language lang that a glossary
// match accepts. Capitalised words of do-not-translate terms are names,
// which take no plural ("Spear" must not match "Spears").
func wordForms(lang, w string, name bool) []form {
	out := []form{{w, false}}
	if name && isCapitalised(w) {
		return out
	}
	switch base(lang) {
	case "en":
		for _, p := range EnglishPlurals(strings.ToLower(w)) {
			out = append(out, form{matchCase(w, p), true})
		}
	case "es":
		out = append(out, romanceForms(w, SpanishPlural, spanishGenders)...)
	case "pt":
		out = append(out, romanceForms(w, PortuguesePlural, portugueseGenders)...)
		if stem, ok := strings.CutSuffix(w, "ão"); ok {
			out = append(out, form{stem + "ães", true}, form{stem + "ãos", true})
		}
	}
	return out
}

func romanceForms(w string, plural func(string) string, genders func(string) []string) []form {
	out := []form{{plural(w), true}}
	for _, g := range genders(w) {
		g = matchCase(w, g)
		out = append(out, form{g, false}, form{plural(g), true})
	}
	return out
}

// Plural returns a term in the plural, for forcing a preferred translation
// when the source used the plural ("unions" → "sindicatos"). In Spanish and
// Portuguese every word before the first preposition agrees ("huelga
// general" → "huelgas generales", "sindicato de trabajadores" →
// "sindicatos de trabajadores"); in English the last word of that part
// takes the plural. Other languages are returned as they are.
func Plural(lang, phrase string) string {
	toks := tokenize(phrase)
	var pluralise func(string) string
	allWords := true
	switch base(lang) {
	case "es":
		pluralise = SpanishPlural
	case "pt":
		pluralise = PortuguesePlural
	case "en":
		pluralise = func(w string) string { return matchCase(w, EnglishPlurals(strings.ToLower(w))[0]) }
		allWords = false
	default:
		return phrase
	}
	head := len(toks)
	for i, t := range toks {
		if i > 0 && isPreposition(t.text) {
			head = i
			break
		}
	}
	var b strings.Builder
	last := 0
	for i, t := range toks {
		b.WriteString(phrase[last:t.start])
		if i < head && (allWords || i == head-1) && !isPreposition(t.text) {
			b.WriteString(pluralise(t.text))
		} else {
			b.WriteString(t.text)
		}
		last = t.end
	}
	b.WriteString(phrase[last:])
	return b.String()
}

// isPreposition: words after which a term's head noun phrase has ended.
func isPreposition(w string) bool {
	return slices.Contains([]string{"de", "del", "da", "do", "das", "dos", "para", "por", "con", "com", "sin", "sem",
		"en", "em", "of", "for", "in", "on", "to", "y", "e", "and", "a", "al", "ao", "à", "contra"}, strings.ToLower(w))
}

// phrase is a term's text compiled for matching.
type phrase struct {
	forms [][]form // per word, accepted forms
	keys  [][]string
	gaps  []string // normalised gaps between words
	cs    bool     // case- and accent-sensitive
}

func compile(lang, text string, cs, name bool) phrase {
	toks := tokenize(text)
	p := phrase{cs: cs}
	for i, t := range toks {
		fs := wordForms(lang, t.text, name)
		keys := make([]string, len(fs))
		for k, f := range fs {
			keys[k] = p.key(f.text)
		}
		p.forms, p.keys = append(p.forms, fs), append(p.keys, keys)
		if i > 0 {
			p.gaps = append(p.gaps, normGap(text[toks[i-1].end:t.start]))
		}
	}
	return p
}

func (p phrase) key(w string) string {
	if p.cs {
		return w
	}
	return fold(w)
}

// matchAt tries the phrase at word i of toks; possessive allows an English
// possessive ending on the last word. It returns the number of words
// matched (0 for no match), whether an inflected plural form matched, and
// the possessive ending found.
func (p phrase) matchAt(text string, toks []token, i int, possessive bool) (n int, plural bool, suffix string) {
	if len(p.forms) == 0 || i+len(p.forms) > len(toks) {
		return 0, false, ""
	}
	for j := range p.forms {
		t := toks[i+j]
		if j > 0 && normGap(text[toks[i+j-1].end:t.start]) != p.gaps[j-1] {
			return 0, false, ""
		}
		w, suf := t.text, ""
		k := slices.Index(p.keys[j], p.key(w))
		if k < 0 && possessive && j == len(p.forms)-1 {
			w, suf = englishPossessive(w)
			if suf != "" {
				k = slices.Index(p.keys[j], p.key(w))
			}
		}
		if k < 0 {
			return 0, false, ""
		}
		plural = plural || p.forms[j][k].plural
		suffix = suf
	}
	return len(p.forms), plural, suffix
}

// Hit is a term found in a text.
type Hit struct {
	Term Term
	// Start and End are the byte offsets of the term in the text, a
	// possessive ending excluded.
	Start, End int
	// Text is the term as written there ("unions").
	Text string
	// Plural is set when the term was found in an inflected plural form.
	Plural bool
	// Suffix is a possessive ending that followed the term ("'s").
	Suffix string
	idx    int // the term's index in the matcher
}

// Shown is a hit as editors and exports show it: the term as the source
// has it, and what the translation should have — the preferred
// translation (in the plural when the source has the plural), a
// do-not-translate term itself, or for a forbidden entry the word not to
// use. to is the pair's target language.
func (h Hit) Shown(to string) (source, target string) {
	switch h.Term.Kind {
	case DoNotTranslate:
		return h.Text, h.Text
	case Preferred:
		if h.Plural {
			return h.Text, Plural(to, h.Term.Target)
		}
	}
	return h.Text, h.Term.Target
}

// Matcher finds a language pair's terms in sources and their translations
// in targets. Build one per batch with NewMatcher; it is safe for
// concurrent use once built.
type Matcher struct {
	from, to string
	terms    []Term
	src      []phrase         // by term index; empty for terms without a source
	tgt      []phrase         // target phrases compiled up front (see NewMatcher)
	first    map[string][]int // folded first-word forms → term indexes
}

// NewMatcher compiles terms of the pair from→to.
func NewMatcher(from, to string, terms []Term) *Matcher {
	m := &Matcher{from: from, to: to, terms: terms, src: make([]phrase, len(terms)), tgt: make([]phrase, len(terms)),
		first: map[string][]int{}}
	for i, t := range terms {
		if t.Source != "" {
			p := compile(from, t.Source, t.CaseSensitive, t.Kind == DoNotTranslate)
			m.src[i] = p
			if len(p.forms) > 0 {
				seen := map[string]bool{}
				for _, f := range p.forms[0] {
					k := fold(f.text)
					if !seen[k] {
						seen[k] = true
						m.first[k] = append(m.first[k], i)
					}
				}
			}
		}
		// Target phrases are compiled when a check needs them (targetPhrase),
		// except forbidden words without a source term, which every check
		// looks for.
		if t.Kind == Forbidden && t.Source == "" {
			m.tgt[i] = compile(to, t.Target, t.CaseSensitive, false)
		}
	}
	return m
}

// Terms returns the matcher's terms.
func (m *Matcher) Terms() []Term { return m.terms }

// Hits returns the terms found in a source text (plain text, not tagged),
// in order of position. At each place the longest term wins; terms with
// the same text there (a preferred and a forbidden entry for "union") are
// all reported. Hits do not overlap.
func (m *Matcher) Hits(text string) []Hit {
	toks := tokenize(text)
	english := base(m.from) == "en"
	var out []Hit
	for i := 0; i < len(toks); {
		w := toks[i].text
		cands := m.first[fold(w)]
		if english {
			if stem, suf := englishPossessive(w); suf != "" {
				cands = append(slices.Clone(cands), m.first[fold(stem)]...)
			}
		}
		best := 0
		var found []Hit
		for _, ti := range cands {
			n, plural, suffix := m.src[ti].matchAt(text, toks, i, english)
			if n == 0 || n < best {
				continue
			}
			if n > best {
				best, found = n, found[:0]
			}
			end := toks[i+n-1].end - len(suffix)
			h := Hit{Term: m.terms[ti], Start: toks[i].start, End: end, Text: text[toks[i].start:end], Plural: plural, Suffix: suffix, idx: ti}
			if !slices.ContainsFunc(found, func(f Hit) bool { return f.idx == h.idx }) {
				found = append(found, h)
			}
		}
		if best == 0 {
			i++
			continue
		}
		slices.SortStableFunc(found, func(a, b Hit) int { return kindRank(a.Term.Kind) - kindRank(b.Term.Kind) })
		out = append(out, found...)
		i += best
	}
	return out
}

// kindRank orders terms found at the same place: do-not-translate first.
func kindRank(k string) int { return slices.Index(Kinds, k) }

// findTarget returns the first occurrence of term i's target phrase in a
// translation (any gender and number), as written there.
func (m *Matcher) findTarget(i int, text string) (string, bool) {
	p := m.tgt[i]
	if p.forms == nil {
		t := m.terms[i]
		p = compile(m.to, t.Target, t.CaseSensitive, false)
	}
	return find(p, text)
}

func find(p phrase, text string) (string, bool) {
	toks := tokenize(text)
	for i := range toks {
		if n, _, _ := p.matchAt(text, toks, i, false); n > 0 {
			return text[toks[i].start:toks[i+n-1].end], true
		}
	}
	return "", false
}

// containsVerbatim reports whether text contains s as whole words, the
// same apart from case unless cs (a do-not-translate term in a
// translation: no inflection, accents as written).
func containsVerbatim(text, s string, cs bool) bool {
	p := phrase{cs: cs}
	toks := tokenize(s)
	for i, t := range toks {
		p.keys = append(p.keys, []string{exactKey(t.text, cs)})
		if i > 0 {
			p.gaps = append(p.gaps, normGap(s[toks[i-1].end:t.start]))
		}
	}
	if len(p.keys) == 0 {
		return false
	}
	_, ok := findKeyed(p, text)
	return ok
}

// alteredVariant finds in text the words of s written with other accents
// ("Qualtrón" for "Qualtron"): the same once accents and case are folded,
// but not once only case is. A variant in case alone is left to
// containsVerbatim: "porto livre" beside the name "Porto Livre" may be the
// common noun.
func alteredVariant(text, s string) (string, bool) {
	want := tokenize(s)
	if len(want) == 0 {
		return "", false
	}
	toks := tokenize(text)
	for i := 0; i+len(want) <= len(toks); i++ {
		same, folded := true, true
		for j, w := range want {
			t := toks[i+j]
			if j > 0 && normGap(text[toks[i+j-1].end:t.start]) != normGap(s[want[j-1].end:w.start]) {
				folded = false
				break
			}
			if fold(t.text) != fold(w.text) {
				folded = false
				break
			}
			same = same && strings.EqualFold(t.text, w.text)
		}
		if folded && !same {
			return text[toks[i].start:toks[i+len(want)-1].end], true
		}
	}
	return "", false
}

func exactKey(w string, cs bool) string {
	if cs {
		return w
	}
	return strings.ToLower(w)
}

// findKeyed is find for phrases whose keys are exact or lower-cased (not
// accent-folded).
func findKeyed(p phrase, text string) (string, bool) {
	toks := tokenize(text)
	for i := range toks {
		if i+len(p.keys) > len(toks) {
			break
		}
		ok := true
		for j := range p.keys {
			t := toks[i+j]
			if j > 0 && normGap(text[toks[i+j-1].end:t.start]) != p.gaps[j-1] {
				ok = false
				break
			}
			if exactKey(t.text, p.cs) != p.keys[j][0] {
				ok = false
				break
			}
		}
		if ok {
			return text[toks[i].start:toks[i+len(p.keys)-1].end], true
		}
	}
	return "", false
}
