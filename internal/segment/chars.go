package segment

import (
	"unicode"
	"unicode/utf8"
)

// Character classes used by the scanner. They work on runes decoded at a byte
// offset so that the scanner can stay on bytes in the common case.

// terminal reports whether r can end a sentence.
func terminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// closer reports whether r may follow the terminal punctuation of a sentence
// and still belong to it (closing quotes and brackets).
func closer(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›', '」', '』':
		return true
	}
	return false
}

// opener reports whether r may precede the first word of a sentence
// (opening quotes and brackets, inverted marks, a dialogue dash).
func opener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '¿', '¡', '„', '—', '「', '『':
		return true
	}
	return false
}

// bullet reports whether r is a list bullet that may start an item inside a
// block ("• first item • second item").
func bullet(r rune) bool {
	switch r {
	case '•', '⁃', '◦', '▪', '‣', '●', '■', '□', '○', '➢', '➤', '►':
		return true
	}
	return false
}

// class is what kind of character starts the text after a candidate break.
type class int

const (
	classNone  class = iota // end of text
	classUpper              // an upper- or title-case letter
	classLower
	classDigit
	classOther // punctuation, symbols
)

func classify(r rune) class {
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return classUpper
	case unicode.IsLower(r):
		return classLower
	case unicode.IsDigit(r):
		return classDigit
	case unicode.IsLetter(r): // scripts without case
		return classUpper
	}
	return classOther
}

// runeAt decodes the rune at byte offset i (utf8.RuneError, 0 at the end).
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// runeBefore decodes the rune that ends at byte offset i.
func runeBefore(s string, i int) (rune, int) {
	if i <= 0 {
		return utf8.RuneError, 0
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func space(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

// interesting marks the bytes the scanner must look at: ASCII terminals, the
// start of placeholders, and lead bytes of multi-byte runes that may be
// terminals. Every other byte is skipped in the hot loop.
var interesting = func() (t [256]bool) {
	for _, c := range []byte{'.', '!', '?', '<'} {
		t[c] = true
	}
	t[0xE2] = true // lead byte of …, ‼, ⁇, ⁈, ⁉

	return t
}()
