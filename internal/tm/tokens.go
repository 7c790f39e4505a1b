package tm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind tells the tokens of a sentence apart for scoring.
type kind uint8

const (
	word   kind = iota // letters, with inner apostrophes and hyphens
	number             // digits, with inner separators: 1,200.50, 10:30
	tag                // an inline placeholder: <1>, </1>, <2/>
	punct              // any other single character
)

// token is one unit of a sentence for matching. Key is what matching
// compares: words lower-cased, every number "#", every placeholder by its
// shape only, so that a changed number or tag is a small penalty and not an
// edit. Text is the token as written; Space is the white space before it.
type token struct {
	Kind  kind
	Key   string
	Text  string
	Space string
}

// weight is how much a token counts in the edit distance: punctuation half
// as much as a word, so "the strike" and "the strike." stay close.
func (t token) weight() float64 {
	if t.Kind == punct {
		return 0.5
	}
	return 1
}

// maxTokens bounds the sentences fuzzy matching looks at: beyond it the
// quadratic alignment would cost more than the match is worth.
const maxTokens = 400

// tokenize splits tagged text (see package inline) into tokens. It never
// fails: a '<' or '&' that does not start a placeholder or an escape is
// punctuation.
func tokenize(s string) []token {
	var out []token
	space := 0 // start of the white space before the next token
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
			continue
		case r == '<':
			if n := placeholderLen(s[i:]); n > 0 {
				text := s[i : i+n]
				key := "<t>"
				switch {
				case strings.HasPrefix(text, "</"):
					key = "</t>"
				case strings.HasSuffix(text, "/>"):
					key = "<t/>"
				}
				out = append(out, token{Kind: tag, Key: key, Text: text, Space: s[space:i]})
				i += n
				space = i
				continue
			}
		case r == '&':
			if e, ok := escapeAt(s[i:]); ok {
				out = append(out, token{Kind: punct, Key: e[1], Text: e[0], Space: s[space:i]})
				i += len(e[0])
				space = i
				continue
			}
		case isWordRune(r):
			n, k := wordLen(s[i:])
			text := s[i : i+n]
			key := "#"
			if k == word {
				key = strings.ToLower(text)
			}
			out = append(out, token{Kind: k, Key: key, Text: text, Space: s[space:i]})
			i += n
			space = i
			continue
		}
		out = append(out, token{Kind: punct, Key: string(r), Text: s[i : i+w], Space: s[space:i]})
		i += w
		space = i
	}
	return out
}

var escapes = [][2]string{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}}

// escapeAt returns the escape (&amp; &lt; &gt;) at the start of s.
func escapeAt(s string) ([2]string, bool) {
	for _, e := range escapes {
		if strings.HasPrefix(s, e[0]) {
			return e, true
		}
	}
	return [2]string{}, false
}

// placeholderLen is the length of the placeholder at the start of s (<1>,
// </1>, <1/>), or 0.
func placeholderLen(s string) int {
	j := 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	start := j
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == start || s[start] == '0' {
		return 0
	}
	if j < len(s) && s[j] == '/' && s[1] != '/' {
		j++
	}
	if j < len(s) && s[j] == '>' {
		return j + 1
	}
	return 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// wordLen measures the word or number at the start of s. Apostrophes and
// hyphens join letters (don't, well-known); '.', ',' and ':' join digits
// (1,200.50).
func wordLen(s string) (int, kind) {
	n := 0
	digitsOnly := true
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if isWordRune(r) {
			if !unicode.IsDigit(r) {
				digitsOnly = false
			}
			n += w
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[n+w:])
		prev, _ := utf8.DecodeLastRuneInString(s[:n])
		switch {
		case (r == '\'' || r == '’' || r == '-') && isWordRune(next) && !unicode.IsDigit(prev):
		case (r == '.' || r == ',' || r == ':') && unicode.IsDigit(next) && unicode.IsDigit(prev):
		default:
			if digitsOnly {
				return n, number
			}
			return n, word
		}
		n += w
	}
	if digitsOnly {
		return n, number
	}
	return n, word
}
