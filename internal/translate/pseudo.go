package translate

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Pseudo is a deterministic stand-in for machine translation, for tests and
// demos: "[es] " followed by the source with the letters of its text runs
// swapped for accented look-alikes ("Hello" → "Ĥéļļö"). A draft is visibly
// machine-made and still readable, and because placeholders and escapes
// (&lt; &amp; …) are copied byte for byte, it exercises the whole tag
// pipeline without an engine.
type Pseudo struct{}

// PseudoName is the pseudo backend's name, and the Backend of its drafts.
const PseudoName = "pseudo"

// NewPseudo returns the pseudo backend.
func NewPseudo() Pseudo { return Pseudo{} }

// Name implements Backend.
func (Pseudo) Name() string { return PseudoName }

// Translate implements Backend.
func (Pseudo) Translate(ctx context.Context, req Request) ([]Draft, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	prefix := "[" + req.To + "] "
	out := make([]Draft, len(req.Segments))
	for i, s := range req.Segments {
		out[i] = Draft{ID: s.ID, Text: prefix + Pseudolocalize(s.Text), Backend: PseudoName, Engine: PseudoName}
	}
	return out, nil
}

var pseudoLetters = map[rune]rune{
	'a': 'á', 'b': 'ƀ', 'c': 'ç', 'd': 'ď', 'e': 'é', 'g': 'ĝ', 'h': 'ĥ', 'i': 'í', 'j': 'ĵ',
	'k': 'ķ', 'l': 'ļ', 'n': 'ñ', 'o': 'ö', 'r': 'ŕ', 's': 'š', 't': 'ţ', 'u': 'ú', 'w': 'ŵ',
	'y': 'ý', 'z': 'ž',
	'A': 'Á', 'C': 'Ç', 'D': 'Ď', 'E': 'É', 'G': 'Ĝ', 'H': 'Ĥ', 'I': 'Í', 'J': 'Ĵ', 'K': 'Ķ',
	'L': 'Ļ', 'N': 'Ñ', 'O': 'Ö', 'R': 'Ŕ', 'S': 'Š', 'T': 'Ţ', 'U': 'Ú', 'W': 'Ŵ', 'Y': 'Ý',
	'Z': 'Ž',
}

// Pseudolocalize accents the letters of tagged text's text runs, leaving
// placeholders (<1>, </1>, <2/>), character references (&amp;, &#39;, …),
// URLs and e-mail addresses exactly as they are (a real engine keeps those
// too, and the quality checks want them unchanged).
func Pseudolocalize(tagged string) string {
	var b strings.Builder
	b.Grow(len(tagged) * 2)
	var keep [][]int
	if mayKeep(tagged) {
		keep = keepRE.FindAllStringIndex(tagged, -1)
	}
	for i := 0; i < len(tagged); {
		if len(keep) > 0 && i >= keep[0][0] {
			if i < keep[0][1] {
				b.WriteString(tagged[i:keep[0][1]])
				i = keep[0][1]
			}
			keep = keep[1:]
			continue
		}
		switch c := tagged[i]; c {
		case '<':
			j := strings.IndexByte(tagged[i:], '>')
			if j < 0 {
				b.WriteString(tagged[i:])
				return b.String()
			}
			b.WriteString(tagged[i : i+j+1])
			i += j + 1
			continue
		case '&':
			if n := entityLen(tagged[i:]); n > 0 {
				b.WriteString(tagged[i : i+n])
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(tagged[i:])
		if p, ok := pseudoLetters[r]; ok {
			b.WriteRune(p)
		} else {
			b.WriteString(tagged[i : i+size])
		}
		i += size
	}
	return b.String()
}

// keepRE finds the URLs and e-mail addresses Pseudolocalize copies as
// they are.
var keepRE = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s<>()\[\]"]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

// mayKeep reports whether s has what every match of keepRE has: "://",
// "@" or "www." in any case. The pattern is slow on ordinary prose (it
// tries the e-mail branch at every letter), and most segments have none.
func mayKeep(s string) bool {
	if strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "://") {
		return true
	}
	for i := 0; i+3 < len(s); i++ {
		if s[i+3] == '.' && s[i]|0x20 == 'w' && s[i+1]|0x20 == 'w' && s[i+2]|0x20 == 'w' {
			return true
		}
	}
	return false
}

// entityLen returns the length of the character reference at the start of s
// ("&amp;", "&#39;", "&#x27;"), or 0 if s does not start with one.
func entityLen(s string) int {
	for i := 1; i < len(s) && i < 32; i++ {
		c := s[i]
		switch {
		case c == ';':
			if i == 1 {
				return 0
			}
			return i + 1
		case c == '#' && i == 1,
			c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return 0
		}
	}
	return 0
}
