package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is a word of a text, with its byte offsets.
type token struct {
	start, end int
	text       string
}

// tokenize splits s into words: runs of letters, digits and combining
// marks, with an apostrophe inside a word kept ("O'Brien", "union's"). Other
// characters separate words; what lies between two words is their gap.
func tokenize(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		word := isWordRune(r)
		if !word && isApostrophe(r) && start >= 0 {
			// Inside a word only if a letter follows.
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			word = unicode.IsLetter(next)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, token{start, i, s[start:i]})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{start, len(s), s[start:]})
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// normGap makes the text between two words comparable: every run of
// spaces (including no-break spaces) becomes one space.
func normGap(g string) string {
	if strings.TrimSpace(g) == "" && g != "" {
		return " "
	}
	return strings.Join(strings.FieldsFunc(g, unicode.IsSpace), " ")
}

// fold is the comparison key of a word when case and accents do not matter
// ("Unión" and "union" meet).
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isCapitalised: an upper-case letter first.
func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
