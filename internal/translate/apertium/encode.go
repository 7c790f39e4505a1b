package apertium

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// atom is a piece of a segment that Apertium must not touch: a standalone
// placeholder, a placeholder of an empty paired code, a protected term, or a
// character Apertium uses as a mark. It travels as a superblank "[<aN>]",
// which every stage copies through unchanged and in place.
type atom struct {
	text string // tagged text to put back
	ids  []int  // paired codes open around it in the source
}

// encoded is a segment in Apertium's stream format.
type encoded struct {
	stream string
	atoms  []atom
	// terms are the protected terms' replacements, by name token index.
	terms []string
	// lowerAfterLead is set when the segment opens with a protected term
	// followed by a lower-case word ("Trump bombed"): Apertium capitalises
	// the word after an unknown sentence-initial word, and decode undoes it.
	lowerAfterLead bool
	// depth is each paired code's nesting depth in the source (1 = outermost);
	// only codes that enclose words are carried as word-bound blanks.
	depth map[int]int
	// anchor is, per paired code, the atom marking where it opened.
	anchor map[int]int
}

// term is a string to protect and what to put in its place.
type term struct{ source, target string }

// encode turns tagged text into stream format. Words inside paired codes get
// word-bound blanks "[[t:1; t:2]]word[[/]]": Apertium's wblank-attach and
// wblank-detach move them with their words when transfer reorders a phrase
// ("<1>red</1> car" → "coche <1>rojo</1>"), which plain superblanks, the
// stock HTML deformatter's carrier, cannot do.
func encode(seg translate.Segment, protect []term) (encoded, error) {
	toks, err := inline.Parse(seg.Text)
	if err != nil {
		return encoded{}, err
	}
	terms := termPlaceholders(seg)
	empty := emptyCodes(toks, terms)
	e := &encoder{enc: encoded{depth: map[int]int{}, anchor: map[int]int{}}}
	lastText := -1
	for i, t := range toks {
		if t.Kind == inline.TextToken && strings.TrimSpace(t.Text) != "" {
			lastText = i
		}
	}
	for i, t := range toks {
		e.last = i == lastText
		switch t.Kind {
		case inline.OpenToken:
			if empty[t.ID] {
				e.atom(fmt.Sprintf("<%d>", t.ID))
				continue
			}
			// An anchor where the code opens: if Apertium drops every word
			// the code held ("<1>it would</1> also" → "también"), decode
			// can still put the code at the right place.
			e.enc.anchor[t.ID] = len(e.enc.atoms)
			e.atom("")
			e.active = append(e.active, t.ID)
			e.enc.depth[t.ID] = len(e.active)
		case inline.CloseToken:
			if empty[t.ID] {
				e.atom(fmt.Sprintf("</%d>", t.ID))
				continue
			}
			if n := len(e.active); n > 0 {
				e.active = e.active[:n-1]
			}
		case inline.SelfToken:
			if terms[t.ID] {
				// A glossary term travels as a name, so the words around
				// it are analysed as they would be around the term.
				e.plain(nameToken(len(e.enc.terms)))
				e.enc.terms = append(e.enc.terms, fmt.Sprintf("<%d/>", t.ID))
				continue
			}
			e.atom(fmt.Sprintf("<%d/>", t.ID))
		case inline.TextToken:
			e.text(dropControls(t.Text), protect)
		}
	}
	e.enc.lowerAfterLead = leadTermThenLower(inline.Plain(seg.Text), protect) || leadPlaceholderThenLower(toks, terms)
	e.b.WriteString("[]") // a final blank: without it the last word waits for EOF
	e.enc.stream = e.b.String()
	return e.enc, nil
}

func leadTermThenLower(plain string, protect []term) bool {
	i, t := findTerm(plain, protect)
	if i < 0 || strings.TrimSpace(plain[:i]) != "" {
		return false
	}
	rest := strings.TrimLeftFunc(plain[i+len(t.source):], func(r rune) bool { return !unicode.IsLetter(r) })
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLower(r)
}

// termPlaceholders returns the ids of the segment's standalone
// placeholders that stand for glossary terms (translate.TermTag).
func termPlaceholders(seg translate.Segment) map[int]bool {
	out := map[int]bool{}
	for _, t := range seg.Tags {
		if t.Name == translate.TermTag && !t.Paired {
			out[t.ID] = true
		}
	}
	return out
}

// leadPlaceholderThenLower: the segment opens with a term placeholder
// followed by a lower-case word (see encoded.lowerAfterLead).
func leadPlaceholderThenLower(toks []inline.Token, terms map[int]bool) bool {
	for i, t := range toks {
		switch {
		case t.Kind == inline.OpenToken, t.Kind == inline.TextToken && strings.TrimSpace(t.Text) == "":
			continue
		case t.Kind == inline.SelfToken && terms[t.ID]:
			for _, u := range toks[i+1:] {
				if u.Kind != inline.TextToken {
					continue
				}
				rest := strings.TrimLeftFunc(u.Text, func(r rune) bool { return !unicode.IsLetter(r) })
				if rest == "" {
					continue
				}
				r, _ := utf8.DecodeRuneInString(rest)
				return unicode.IsLower(r)
			}
		}
		return false
	}
	return false
}

// emptyCodes returns the paired codes that enclose no letter or digit (nor
// a glossary term); they have no word to ride on, so they travel as atoms.
func emptyCodes(toks []inline.Token, terms map[int]bool) map[int]bool {
	content := map[int]bool{}
	var open []int
	for _, t := range toks {
		switch t.Kind {
		case inline.OpenToken:
			open = append(open, t.ID)
			content[t.ID] = false
		case inline.CloseToken:
			if n := len(open); n > 0 {
				open = open[:n-1]
			}
		case inline.TextToken, inline.SelfToken:
			if t.Kind == inline.SelfToken && !terms[t.ID] {
				continue
			}
			if t.Kind == inline.SelfToken || strings.IndexFunc(t.Text, isWordRune) >= 0 {
				for _, id := range open {
					content[id] = true
				}
			}
		}
	}
	empty := map[int]bool{}
	for id, has := range content {
		if !has {
			empty[id] = true
		}
	}
	return empty
}

// dropControls removes NUL (our segment separator) and \x01, \x02 (our
// term markers in decode).
func dropControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= 2 {
			return -1
		}
		return r
	}, s)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

type encoder struct {
	b      strings.Builder
	enc    encoded
	active []int
	// singles counts the ‘ seen and not yet closed, so that a ’ after them
	// is read as a closing quote rather than an apostrophe.
	singles int
	// last is set while the segment's last words are written.
	last bool
}

func (e *encoder) atom(text string) {
	n := len(e.enc.atoms)
	e.enc.atoms = append(e.enc.atoms, atom{text: text, ids: append([]int(nil), e.active...)})
	e.b.WriteString("[<a" + strconv.Itoa(n) + ">]")
}

// linkRE matches the URLs and e-mail addresses of plain text, as the QA
// check finds them: they travel as atoms, for Apertium would translate
// the words of "budget@valencia.es" ("presupuesto@…") or of a URL cut at
// a mark atom ("…/budget#spending-cuts" → "…#pasando-cortes").
var linkRE = regexp.MustCompile(`(?i)\b(?:https?://|ftp://|www\.)[^\s<>"“”«»‘’]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

// text writes plain text, keeping URLs and e-mail addresses whole and
// protecting terms and mark characters.
func (e *encoder) text(s string, protect []term) {
	for len(s) > 0 {
		loc := linkRE.FindStringIndex(s)
		if loc == nil {
			e.textNo(s, protect, e.last)
			return
		}
		// Punctuation that ends the sentence is not part of the link.
		end := loc[0] + len(strings.TrimRight(s[loc[0]:loc[1]], ".,;:!?)"))
		e.textNo(s[:loc[0]], protect, false)
		e.atom(inline.Escape(s[loc[0]:end]))
		s = s[end:]
	}
}

// noStopRE finds the word "no" (or "No") followed by a full stop.
var noStopRE = regexp.MustCompile(`(^|[^\pL\pN])[Nn]o\.`)

// textNo writes plain text like textTerms, with a blank between the word
// "no" and a full stop after it, unless a number follows ("No. 10"):
// Apertium's English dictionary reads "no." as the abbreviation of number
// ("They said no." came back "Dijeron núm.", "She answered: No." as
// "Contestó: Núm."). last says that s ends the segment's words, so a "no."
// at its end is the word.
func (e *encoder) textNo(s string, protect []term, last bool) {
	for {
		m := noStopRE.FindStringIndex(s)
		if m == nil {
			e.textTerms(s, protect)
			return
		}
		dot := m[1] - 1
		after := strings.TrimLeft(s[dot+1:], " \u00a0")
		r, _ := utf8.DecodeRuneInString(after)
		if (after == "" && !last) || unicode.IsDigit(r) {
			e.textTerms(s[:dot+1], protect)
			s = s[dot+1:]
			continue
		}
		e.textTerms(s[:dot], protect)
		e.atom("")
		s = s[dot:]
	}
}

// textTerms writes plain text, protecting terms and mark characters.
func (e *encoder) textTerms(s string, protect []term) {
	for len(s) > 0 {
		i, t := findTerm(s, protect)
		if i < 0 {
			e.words(s)
			return
		}
		e.words(s[:i])
		e.plain(nameToken(len(e.enc.terms)))
		e.enc.terms = append(e.enc.terms, inline.Escape(t.target))
		s = s[i+len(t.source):]
	}
}

// words writes a run of unprotected text. '*', '@', '#' and '~' become
// atoms: Apertium prints them as marks (unknown word, untranslated word,
// generation error, postgen cue) and would make a literal one ambiguous.
// A ’ that closes a ‘ becomes an atom too: Apertium's English analyser reads
// every ’ as an apostrophe and prints it back as ASCII "'" (“‘Donroe
// Doctrine’” came back as “‘Donroe Doctrina'”), whereas an atom, like the
// “ ” « » that Apertium already leaves alone, keeps the quote as it is.
// Apostrophes inside or after words (“Trump’s”, “States’”) stay words for
// the analyser, which needs them to read possessives; decode restores their
// curly form (see restoreTypography).
func (e *encoder) words(s string) {
	start := 0
	for i, r := range s {
		var lit string
		switch {
		case r == '‘':
			e.singles++
		case r == '’' && e.singles > 0 && !nextIsWordRune(s[i+len("’"):]):
			e.singles--
			lit = "’"
		case r == '*' || r == '@' || r == '#' || r == '~':
			lit = string(r)
		}
		if lit != "" {
			e.plain(s[start:i])
			e.atom(lit)
			start = i + len(lit)
		}
	}
	e.plain(s[start:])
}

// nextIsWordRune reports whether s starts with a letter or digit.
func nextIsWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func (e *encoder) plain(s string) {
	if len(e.active) == 0 {
		e.b.WriteString(escapeStream(s))
		return
	}
	wb := "[[" + wblank(e.active) + "]]"
	for len(s) > 0 {
		sp := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if sp < 0 {
			e.b.WriteString(s)
			return
		}
		e.b.WriteString(s[:sp])
		s = s[sp:]
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		e.b.WriteString(wb + escapeStream(s[:end]) + "[[/]]")
		s = s[end:]
	}
}

func wblank(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = "t:" + strconv.Itoa(id)
	}
	return strings.Join(parts, "; ")
}

// findTerm returns the earliest whole-word occurrence in s of a protected
// term (longest first at the same position), or -1.
func findTerm(s string, protect []term) (int, term) {
	best, bt := -1, term{}
	for _, t := range protect {
		if t.source == "" {
			continue
		}
		from := 0
		for {
			i := strings.Index(s[from:], t.source)
			if i < 0 {
				break
			}
			i += from
			if wordBoundary(s, i, i+len(t.source)) {
				if best < 0 || i < best || (i == best && len(t.source) > len(bt.source)) {
					best, bt = i, t
				}
				break
			}
			from = i + 1
		}
	}
	return best, bt
}

func wordBoundary(s string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[j:])
	return !isWordRune(before) && !isWordRune(after)
}

// nameTokenPrefix starts the stand-in words for protected terms. A term
// travels as one word Apertium does not know ("zxqvb"): unknown words pass
// through unchanged and are treated as nouns, so the sentence around them is
// analysed as it would be around the name, the word keeps its word-bound
// blank (a linked name stays linked), and the next word is not mistaken for a
// sentence start — which a superblank would cause.
const nameTokenPrefix = "zxqv"

// nameToken returns the stand-in for term n: the prefix and n in base 26.
func nameToken(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
		if n == 0 {
			break
		}
	}
	return nameTokenPrefix + string(b)
}

// nameIndex parses a stand-in word back into its index.
func nameIndex(w string) (int, bool) {
	v, ok := strings.CutPrefix(w, nameTokenPrefix)
	if !ok || v == "" {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < 'a' || c > 'z' {
			return 0, false
		}
		n = n*26 + int(c-'a')
	}
	return n, true
}

var streamEscaper = strings.NewReplacer(
	`\`, `\\`, `[`, `\[`, `]`, `\]`, `^`, `\^`, `$`, `\$`, `/`, `\/`,
	`@`, `\@`, `<`, `\<`, `>`, `\>`, `{`, `\{`, `}`, `\}`,
)

// escapeStream escapes the characters Apertium's stream format reserves.
func escapeStream(s string) string { return streamEscaper.Replace(s) }
