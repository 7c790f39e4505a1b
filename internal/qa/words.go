package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a run of text at byte offsets [start, end) of a plain string.
type word struct {
	text       string
	start, end int
}

// letterWords returns the runs of letters (with marks) of s.
func letterWords(s string) []word {
	// About one word in six bytes of text: one allocation for most
	// segments instead of the five or six of growing from empty.
	out := make([]word, 0, len(s)/6+1)
	start := -1
	for i, r := range s {
		var in bool
		if r < utf8.RuneSelf { // ASCII: no table lookups
			in = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		} else {
			in = unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, word{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start, len(s)})
	}
	return out
}

// tokens returns the white-space-separated tokens of s with the punctuation
// around them trimmed (inner punctuation kept: "EE.UU.", "4.5").
func tokens(s string) []word {
	var out []word
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		lo, hi := i, j
		for lo < hi {
			r, n := utf8.DecodeRuneInString(s[lo:hi])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			lo += n
		}
		for hi > lo {
			r, n := utf8.DecodeLastRuneInString(s[lo:hi])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			hi -= n
		}
		if hi > lo {
			out = append(out, word{s[lo:hi], lo, hi})
		}
		i = j
	}
	return out
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// allUpper reports whether every letter of w is upper case (an acronym).
func allUpper(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// sentenceInitial reports whether the word at offset i of s starts a
// sentence: only openers lie between it and the start or a terminal mark.
func sentenceInitial(s string, i int) bool {
	for j := i; j > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		switch {
		case unicode.IsSpace(r) || strings.ContainsRune("\"'“‘«¿¡([—–-", r):
			j -= n
			continue
		case strings.ContainsRune(".!?…:", r):
			return true
		}
		return false
	}
	return true
}
