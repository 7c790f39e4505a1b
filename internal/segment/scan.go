package segment

import (
	"strings"
	"unicode"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// maxSentence bounds a segment: a "sentence" longer than this many bytes (a
// run-on scrape, a 10 MB paragraph with no punctuation) is cut at the last
// white space outside inline tags, so downstream translation requests stay
// bounded.
const maxSentence = 4096

// maxToken bounds how far the scanner looks back or ahead from a candidate
// boundary for the word around it; longer "words" are not abbreviations.
const maxToken = 64

// scanner holds the state of one Split call.
type scanner struct {
	rules *rules
	text  string

	cuts      []int
	segStart  int        // where the current sentence starts
	forceFrom int        // forceCuts has searched for spaces up to here
	depth     int        // open paired placeholders
	spans     spanCursor // protected quotations and brackets
	items     positions  // list enumerators ("1.", "2.") of the text
}

// run scans the text once and returns ascending cut offsets. The hot loop
// only skips bytes that cannot matter (see interesting); everything else —
// list items, overlong sentences — is settled at the next interesting byte,
// which is exact because placeholder depth cannot change in between.
func (s *scanner) run() []int {
	text := s.text
	s.spans = spanCursor{spans: protectedSpans(text, s.rules.splitQuotes)}
	lists, items := listCuts(text)
	s.items = items
	li := 0
	for i := 0; ; {
		for i < len(text) && !interesting[text[i]] {
			i++
		}
		for li < len(lists) && lists[li] <= i {
			s.cut(lists[li])
			li++
		}
		if i-s.segStart > maxSentence {
			s.forceCuts(i)
		}
		if i >= len(text) {
			return s.cuts
		}
		switch text[i] {
		case '<':
			kind, end, ok := placeholderAt(text, i)
			if !ok {
				i++
				continue
			}
			switch kind {
			case inline.OpenToken:
				s.depth++
			case inline.CloseToken:
				if s.depth > 0 {
					s.depth--
				}
			}
			i = end
			continue
		case 0xE2:
			r, w := runeAt(text, i)
			if !terminal(r) {
				i += w
				continue
			}
		}
		// terminal always advances; the guard keeps a future rule from
		// turning a bug into a hang.
		i = max(s.terminal(i), i+1)
	}
}

// forceCuts cuts a sentence that has grown past maxSentence bytes before
// offset i at a space, repeatedly, so no segment grows without bound. It
// prefers the last space within the limit. s.forceFrom remembers how far
// the text has been searched, so repeated calls stay linear overall even
// when there is no space to cut at, or the only spaces lie inside a tag or
// a quotation.
func (s *scanner) forceCuts(i int) {
	for i-s.segStart > maxSentence {
		lo := max(s.segStart+1, s.forceFrom)
		lim := s.segStart + maxSentence
		p := -1
		if lo < lim {
			if q := strings.LastIndexByte(s.text[lo:lim], ' '); q >= 0 {
				p = lo + q
			}
		}
		if p < 0 {
			from := max(lo, lim)
			q := strings.IndexByte(s.text[from:i], ' ')
			if q < 0 {
				s.forceFrom = i
				return // one long word so far: leave it whole
			}
			p = from + q
		}
		s.forceFrom = p + 1
		s.cut(p) // refused inside a tag or quotation; then try the next space
	}
}

// cut records a boundary at p unless it would split a paired placeholder or
// a protected span.
func (s *scanner) cut(p int) {
	if p <= s.segStart || p >= len(s.text) || s.depth > 0 || s.spans.inside(p) {
		return
	}
	s.cuts = append(s.cuts, p)
	s.segStart = p
}

// terminal handles terminal punctuation at s.text[i] and returns where the
// scan continues.
func (s *scanner) terminal(i int) int {
	text := s.text
	if prev, _ := runeBefore(text, i); (prev == '[' || prev == '(') && (text[i] == '.' || text[i] == 0xE2) {
		// "[...]" or "(…)" marks an omission inside a sentence.
		j := i
		for j < len(text) {
			switch {
			case text[j] == '.':
				j++
				continue
			case strings.HasPrefix(text[j:], "…"):
				j += len("…")
				continue
			}
			break
		}
		return max(j, i+1)
	}
	if text[i] == '.' && i+2 < len(text) && text[i+1] == ' ' && text[i+2] == '.' {
		if j, ok := s.spacedEllipsis(i); ok {
			return j
		}
	}
	// The cluster: terminals, closing quotes/brackets and closing
	// placeholders ("?”.", ".)", ".</1>").
	j := i
	dots, bang, ell, quoted := 0, false, false, false
cluster:
	for j < len(text) {
		r, w := runeAt(text, j)
		switch {
		case r == '.':
			dots++
		case r == '…':
			ell = true
		case terminal(r):
			bang = true
		case closer(r):
			quoted = quoted || (r != ')' && r != ']' && r != '}')
		case r == '<':
			kind, end, ok := placeholderAt(text, j)
			if !ok || kind != inline.CloseToken {
				break cluster
			}
			if s.depth > 0 {
				s.depth--
			}
			j = end
			continue
		default:
			break cluster
		}
		j += w
	}
	if j >= len(text) {
		return j
	}
	// Footnote markers stay with the sentence they annotate:
	// "…a martyr.[1] The emperor…", "…twice.[3][4] Prices…".
	if end := footnotes(text, j); end > j {
		if j = end; j >= len(text) {
			return j
		}
	}
	// A standalone placeholder right after the punctuation (a <br>) ends
	// the line like white space does: "call.<2/>Thanks…".
	afterTag := false
	if text[j] == '<' {
		if kind, end, ok := placeholderAt(text, j); ok && kind == inline.SelfToken {
			j, afterTag = end, true
			if j >= len(text) {
				return j
			}
		}
	}
	if r, _ := runeAt(text, j); !space(r) && !afterTag {
		if j == i+1 && dots == 1 && s.noSpaceBreak(i) {
			s.cut(j)
		}
		return j
	}
	cls, k, m := s.peek(j)
	if k >= len(text) {
		return j
	}
	var brk bool
	switch {
	case bang:
		brk = cls == classUpper || cls == classDigit || (m > k && cls != classLower && cls != classOther) ||
			(cls == classLower && !quoted && question(text[i:j]) && s.rules.lowerStart(text, m))
	case ell || dots >= 3:
		brk = cls == classUpper
	default:
		brk = s.periodBreaks(i, cls, k, m)
		if !brk && cls == classLower && !quoted && s.plainWordBefore(i) {
			brk = s.rules.lowerStart(text, m)
		}
	}
	if brk {
		s.cut(j)
	}
	return j
}

// peek looks past the white space at text[j:] and any opening quotes,
// brackets or placeholders, and classifies the first character of what
// would be the next sentence. k is where the white space ends, m where that
// character is.
func (s *scanner) peek(j int) (cls class, k, m int) {
	text := s.text
	k = j
	for k < len(text) {
		r, w := runeAt(text, k)
		if !space(r) {
			break
		}
		k += w
	}
	m = k
	for m < len(text) && m-k < maxToken {
		r, w := runeAt(text, m)
		if r == '<' {
			kind, end, ok := placeholderAt(text, m)
			if ok && kind != inline.CloseToken {
				m = end
				continue
			}
			break
		}
		if !opener(r) {
			break
		}
		m += w
	}
	if m >= len(text) {
		return classNone, k, m
	}
	r, _ := runeAt(text, m)
	return classify(r), k, m
}

// spacedEllipsis handles ". . ." written with spaces, starting at text[i].
// Three spaced dots are an omission inside a sentence. Four after a space
// end the sentence (". . . . Next"); a period stuck to a word followed by
// three spaced dots ends the sentence at that period and the omission opens
// the next one ("compounds. . . . The practice").
func (s *scanner) spacedEllipsis(i int) (int, bool) {
	text := s.text
	count, end := 1, i+1
	for end+1 < len(text) && text[end] == ' ' && text[end+1] == '.' && count < 16 {
		count++
		end += 2
	}
	if count < 3 {
		return 0, false
	}
	prev, _ := runeBefore(text, i)
	attached := i > 0 && !space(prev)
	j := end
	for j < len(text) {
		r, w := runeAt(text, j)
		if !closer(r) {
			break
		}
		j += w
	}
	if j >= len(text) {
		return j, true
	}
	if r, _ := runeAt(text, j); !space(r) {
		return j, true
	}
	cls, _, _ := s.peek(j)
	switch {
	case attached && count >= 4:
		if cls == classUpper && j == end {
			s.cut(i + 1)
		}
	case attached:
		if cls == classUpper {
			s.cut(j)
		}
	case count >= 4:
		if cls == classUpper {
			s.cut(j)
		}
	}
	return j, true
}

// periodBreaks decides a single period at text[i] followed by white space;
// the next sentence would start with a character of class cls at m.
func (s *scanner) periodBreaks(i int, cls class, k, m int) bool {
	text := s.text
	start := max(tokenStart(text, i), s.segStart)
	lo, hi := trimToken(text[start:i])
	tok, tokAt := text[start+lo:start+hi], start+lo
	if tok == "" {
		return cls == classUpper || cls == classDigit
	}
	if isEnumerator(tok) && (s.sentenceStartsAt(tokAt) || s.items.at(tokAt)) {
		return false // "1. The first item"
	}
	if era := s.rules.era(text, tokAt, tok, m); era != 0 {
		// "a. C." / "d. C.": the first part never ends a sentence, the
		// second behaves like "etc.".
		return era == abbrOrdinary && cls == classUpper
	}
	if kind := s.rules.lookup(tok); kind != 0 {
		switch kind {
		case abbrTitle, abbrNever:
			return false
		case abbrOrdinary:
			return cls == classUpper && !companyForm(text, tok, m)
		case abbrMulti:
			return cls == classUpper && (m > k || s.rules.starter(text, m) || !s.rules.follower(text, m))
		}
	}
	if r, w := runeAt(tok, 0); w == len(tok) && unicode.IsLetter(r) {
		// A single letter: an initial ("Jonas E. Smith"), "p. 55", or the
		// pronoun I at the end of a sentence.
		if cls != classUpper {
			return false
		}
		if unicode.IsLower(r) { // "p. 55", but "a las 10.30 h. Ya…"
			return s.rules.starter(text, m) || prevWordNumber(text, tokAt)
		}
		if !prevWordLower(text, tokAt) {
			return false
		}
		return (s.rules.pronounI && tok == "I") || s.rules.starter(text, m)
	}
	if multiPart(tok) {
		return cls == classUpper && (m > k || s.rules.starter(text, m))
	}
	return cls == classUpper || cls == classDigit || (m > k && cls != classLower && cls != classOther && cls != classNone)
}

// noSpaceBreak decides a period with no space after it, as in
// "Hello world.Today is Tuesday." — only between a lower-case word (or a
// number) and a capitalised word, and never inside e-mail addresses, URLs,
// file names or abbreviations.
func (s *scanner) noSpaceBreak(i int) bool {
	text := s.text
	r1, w1 := runeAt(text, i+1)
	r2, _ := runeAt(text, i+1+w1)
	if !unicode.IsUpper(r1) || !unicode.IsLower(r2) {
		return false
	}
	start := max(tokenStart(text, i), s.segStart)
	lo, hi := trimToken(text[start:i])
	tok := text[start+lo : start+hi]
	if len([]rune(tok)) < 2 || strings.ContainsAny(tok, ".@/:_") || s.rules.lookup(tok) != 0 {
		return false
	}
	last, _ := runeBefore(tok, len(tok))
	if !unicode.IsLower(last) && !unicode.IsDigit(last) {
		return false
	}
	for j := i + 1; j < len(text); {
		r, w := runeAt(text, j)
		if space(r) {
			return true
		}
		if r == '@' || r == '/' || j-i > maxToken {
			return false
		}
		j += w
	}
	return true
}

// sentenceStartsAt reports whether only white space, bullets, openers and
// placeholders lie between the start of the current sentence and p. It looks
// back at most maxToken bytes, so it costs O(1) per candidate.
func (s *scanner) sentenceStartsAt(p int) bool {
	text := s.text
	j := p
	for j > s.segStart {
		if p-j > maxToken {
			return false
		}
		if _, start, ok := placeholderBefore(text, j); ok {
			j = start
			continue
		}
		r, w := runeBefore(text, j)
		if !space(r) && !bullet(r) && !opener(r) {
			return false
		}
		j -= w
	}
	return true
}

// tokenStart returns the start of the white-space-delimited token ending at
// i, looking back at most maxToken bytes.
func tokenStart(text string, i int) int {
	j := i
	for j > 0 && i-j < maxToken {
		r, w := runeBefore(text, j)
		if space(r) {
			return j
		}
		j -= w
	}
	return j
}

// trimToken finds the word inside a token, returning its bounds: leading
// openers, bullets and placeholders and trailing closers and placeholders
// are not part of it.
func trimToken(tok string) (lo, hi int) {
	hi = len(tok)
	for hi > 0 {
		if r, w := runeBefore(tok, hi); closer(r) {
			hi -= w
			continue
		}
		if _, start, ok := placeholderBefore(tok, hi); ok {
			hi = start
			continue
		}
		break
	}
	if i := strings.LastIndexByte(tok[:hi], '>'); i >= 0 {
		if _, _, ok := placeholderBefore(tok, i+1); ok {
			lo = i + 1
		}
	}
	for lo < hi {
		r, w := runeAt(tok, lo)
		if !opener(r) && !bullet(r) {
			break
		}
		lo += w
	}
	return lo, hi
}

// multiPart reports whether tok is written like U.S.A, e.g or Ph.D: short
// letter groups joined by periods.
func multiPart(tok string) bool {
	if !strings.Contains(tok, ".") {
		return false
	}
	for part := range strings.SplitSeq(tok, ".") {
		n := 0
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
			n++
		}
		if n == 0 || n > 2 {
			return false
		}
	}
	return true
}

// prevWordNumber reports whether the word before offset p is a number
// ("10.30 h.", "5 m.").
func prevWordNumber(text string, p int) bool {
	w := prevWord(text, p)
	return w != "" && w[len(w)-1] >= '0' && w[len(w)-1] <= '9'
}

// prevWord returns the white-space-delimited word before offset p.
func prevWord(text string, p int) string {
	j := p
	for j > 0 && p-j < maxToken {
		r, w := runeBefore(text, j)
		if !space(r) {
			break
		}
		j -= w
	}
	end := j
	for j > 0 && end-j < maxToken {
		r, w := runeBefore(text, j)
		if space(r) {
			break
		}
		j -= w
	}
	return text[j:end]
}

// prevWordLower reports whether the word before offset p starts with a
// lower-case letter ("you and I." as opposed to "Albert I.").
func prevWordLower(text string, p int) bool {
	for _, r := range prevWord(text, p) {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
	}
	return false
}

// question reports whether a cluster of terminal punctuation asks a
// question and does not exclaim ("?", "?”" but not "!" or "?!"): only a
// question is taken to end before a lower-case starter ("did anyone see
// it? we lost"), since "Yahoo! for a decade" goes on.
func question(cluster string) bool {
	return strings.ContainsRune(cluster, '?') && !strings.ContainsRune(cluster, '!')
}

// plainWordBefore reports whether the token before the period at text[i]
// is an ordinary word — letters, at least two, ending in lower case, not
// an abbreviation — so that a lower-case starter after it begins a new
// sentence of informal text ("…the station late. the last bus…").
func (s *scanner) plainWordBefore(i int) bool {
	text := s.text
	start := max(tokenStart(text, i), s.segStart)
	lo, hi := trimToken(text[start:i])
	tok := text[start+lo : start+hi]
	n := 0
	for _, r := range tok {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	if n < 2 || s.rules.lookup(tok) != 0 {
		return false
	}
	last, _ := runeBefore(tok, len(tok))
	return unicode.IsLower(last)
}

// companyForm reports whether the abbreviation tok before the word at
// text[m:] is part of a company's legal form: "GmbH & Co. KG", "Ruiz & Co.
// Ltd.", "Smith Bros. Inc.", "Ruiz y Cía. Ltda." go on.
func companyForm(text, tok string, m int) bool {
	switch tok {
	case "Co", "co", "Cos", "Bros", "Corp", "Cía", "Cia":
	default:
		return false
	}
	switch wordAt(text, m) {
	case "KG", "KGaA", "OHG", "oHG", "Ltd", "Inc", "LLC", "LLP", "PLC", "plc", "AG", "Pty", "Ltda":
		return true
	}
	return false
}

// footnotes returns the end of the footnote markers at text[j:] ("[1]",
// "[3][4]", "[a]", "¹²"), or j when there are none.
func footnotes(text string, j int) int {
	end := j
	for end < len(text) {
		if text[end] == '[' {
			k := end + 1
			for k < len(text) && k-end <= 4 && (text[k] >= '0' && text[k] <= '9' || text[k] >= 'a' && text[k] <= 'z') {
				k++
			}
			if k == end+1 || k >= len(text) || text[k] != ']' {
				break
			}
			end = k + 1
			continue
		}
		if r, w := runeAt(text, end); superscriptDigit(r) {
			end += w
			continue
		}
		break
	}
	return end
}

func superscriptDigit(r rune) bool {
	switch r {
	case '¹', '²', '³', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹':
		return true
	}
	return false
}
