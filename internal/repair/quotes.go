package repair

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/note"
)

// Engines that reorder words often leave quotation marks where they were
// and move the words: 'a “total and complete” blockade' came back as
// 'un “bloqueo total y” completo'. moveQuotes puts a pair back around the
// words it enclosed in the source when the mapping is unambiguous: the
// first and the last quoted source words each match exactly one target
// word (the same word, a number, or a cognate sharing a long prefix:
// "complete"/"completo"; never a word of one or two lower-case letters),
// in order, and the quote does not already enclose exactly them.

// quotePairs are the pairs moved; the target may use another pair than
// the source (“ ” → « »).
var quotePairs = [][2]string{{"“", "”"}, {"«", "»"}, {"\"", "\""}}

// quoteOpeners are the opening marks of quotePairs.
const quoteOpeners = "“«\""

// qspan is a quotation in text: byte offsets of its marks.
type qspan struct {
	open, close   int // offsets of the opening and closing marks
	openW, closeW int // their widths
}

// quotations returns the quotation spans of tagged text in order.
func quotations(s string) []qspan {
	var out []qspan
	for i := 0; i < len(s); {
		// Jump to the next opening mark: IndexAny reads the runes as the
		// loop below does, so it stops where the loop would match.
		k := strings.IndexAny(s[i:], quoteOpeners)
		if k < 0 {
			break
		}
		i += k
		found := false
		for _, p := range quotePairs {
			if !strings.HasPrefix(s[i:], p[0]) {
				continue
			}
			j := strings.Index(s[i+len(p[0]):], p[1])
			if j < 0 {
				break
			}
			c := i + len(p[0]) + j
			out = append(out, qspan{i, c, len(p[0]), len(p[1])})
			i = c + len(p[1])
			found = true
			break
		}
		if !found {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	return out
}

// tword is a word of tagged text at byte offsets, placeholders skipped.
type tword struct {
	text       string
	start, end int
}

func taggedWords(s string) []tword {
	var out []tword
	start := -1
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if n := placeholderLen(s[i:]); n > 0 {
				if start >= 0 {
					out = append(out, tword{s[start:i], start, i})
					start = -1
				}
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = append(out, tword{s[start:i], start, i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, tword{s[start:], start, len(s)})
	}
	return out
}

// similarFolded reports whether a source and a target word, both folded,
// are the same word, the same number, or cognates sharing a prefix of at
// least five letters (four when one of them is that short).
func similarFolded(a, b string) bool {
	if a == b {
		return true
	}
	// The common prefix in runes, decoded in place: no []rune copies.
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		ra, wa := utf8.DecodeRuneInString(a[i:])
		rb, wb := utf8.DecodeRuneInString(b[j:])
		if ra != rb {
			break
		}
		n++
		i += wa
		j += wb
	}
	if n >= 5 {
		return true
	}
	short := min(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	return n >= 4 && n == short
}

// maxQuotations bounds the quotations of a segment worth repairing: a
// sentence has a few; a segment with hundreds is not prose, and each costs
// a pass over the words.
const maxQuotations = 16

// moveQuotes repairs the i-th quotation of the target against the i-th of
// the source, when both have the same number of quotations.
func moveQuotes(source, target string) (string, []note.Note) {
	sq, tq := quotations(source), quotations(target)
	if len(sq) == 0 || len(sq) != len(tq) || len(sq) > maxQuotations {
		return target, nil
	}
	var notes []note.Note
	// Work from the last quotation back, so earlier offsets stay valid.
	for k := len(sq) - 1; k >= 0; k-- {
		inner := taggedWords(source[sq[k].open+sq[k].openW : sq[k].close])
		if len(inner) == 0 {
			continue
		}
		words := taggedWords(target)
		folded := foldWords(words) // once for both matches
		if !anchors(inner[0].text) || !anchors(inner[len(inner)-1].text) {
			continue
		}
		first := uniqueMatch(fold(inner[0].text), folded)
		last := uniqueMatch(fold(inner[len(inner)-1].text), folded)
		if first < 0 || last < 0 || last < first {
			continue
		}
		q := tq[k]
		from, to := words[first].start, words[last].end
		// Already right: the marks enclose exactly these words.
		if quotedExactly(target, q, words, first, last) {
			continue
		}
		// The new span must not cross another quotation.
		if crosses(tq, k, from, to) {
			continue
		}
		open := target[q.open : q.open+q.openW]
		cls := target[q.close : q.close+q.closeW]
		t := target[:q.close] + target[q.close+q.closeW:]
		t = t[:q.open] + t[q.open+q.openW:]
		shift := func(p int) int {
			if p > q.close {
				p -= q.closeW
			}
			if p > q.open {
				p -= q.openW
			}
			return p
		}
		f, e := shift(from), shift(to)
		t = t[:e] + cls + t[e:]
		t = t[:f] + open + t[f:]
		target = tidyQuoteSpaces(t)
		tq = quotations(target)
		notes = append(notes, note.New(note.QuotesMoved, "text", stripTags(target[f+len(open):e+len(open)])))
	}
	return target, notes
}

// anchors reports whether a quoted source word may anchor a move: a word
// of one or two lower-case letters ("a", "as", "no") is as likely to be
// another word of the target language spelt the same ("a" is "to" in
// Spanish, "as" is "the" in Portuguese) as its translation.
func anchors(w string) bool {
	if utf8.RuneCountInString(w) >= 3 {
		return true
	}
	for _, r := range w {
		if !unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// uniqueMatch returns the index of the only target word similar to w, or
// -1 when there is none or more than one; w and words are folded.
func uniqueMatch(w string, words []string) int {
	found := -1
	for i, t := range words {
		if similarFolded(w, t) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// foldWords returns the folded text of each word.
func foldWords(words []tword) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = fold(w.text)
	}
	return out
}

// quotedExactly reports whether quotation q encloses words first..last and
// no others.
func quotedExactly(s string, q qspan, words []tword, first, last int) bool {
	for i, w := range words {
		inside := w.start > q.open && w.end <= q.close
		if inside != (i >= first && i <= last) {
			return false
		}
	}
	return true
}

func crosses(tq []qspan, k, from, to int) bool {
	for i, o := range tq {
		if i != k && from < o.close && to > o.open {
			return true
		}
	}
	return false
}

// tidyQuoteSpaces fixes the spacing the move leaves: "un  “bloqueo" and
// "“ total" become "un “bloqueo", "“total".
func tidyQuoteSpaces(s string) string {
	for _, p := range quotePairs[:2] {
		s = strings.ReplaceAll(s, p[0]+" ", p[0])
		s = strings.ReplaceAll(s, " "+p[1], p[1])
	}
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

func stripTags(s string) string { return placeholderRE.ReplaceAllString(s, "") }

// fold lower-cases and removes accents ("Rápida" → "rapida").
func fold(s string) string {
	if isASCII(s) { // nothing to decompose: the common case, and cheap
		return strings.ToLower(s)
	}
	if f, ok := foldLatin(s); ok {
		return f
	}
	return foldSlow(s)
}

// foldBelow bounds the runes foldLatin folds from its table: below
// U+0300 every character is a starter (no combining mark, canonical class
// 0), so a string of them decomposes, lower-cases and loses its marks
// rune by rune, and folding each rune alone gives the same as folding the
// whole string.
const foldBelow = 0x300

// foldTable is foldSlow of each rune below foldBelow, worked out once.
var foldTable = func() (t [foldBelow]string) {
	for r := range rune(foldBelow) {
		t[r] = foldSlow(string(r))
	}
	return t
}()

// foldLatin folds s from foldTable when every rune of it is below
// foldBelow (Spanish, Portuguese and pseudo-localised text): NFD of the
// whole string costs several times more.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= foldBelow { // also utf8.RuneError for invalid bytes
			return "", false
		}
		b.WriteString(foldTable[r])
	}
	return b.String(), true
}

// foldSlow is fold for any text.
func foldSlow(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
