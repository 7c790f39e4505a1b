// Package textcheck decides which text pressroom accepts anywhere: no
// control character but tab, newline and carriage return (none of those in
// single-line fields), valid UTF-8, no Unicode noncharacter. The store
// applies it to every query argument, so no door can store a NUL in SQLite or
// make PostgreSQL fail on one; doors and the workflow apply it to their fields
// first to name them in the error.
package textcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

// The codes of refused text, stable for clients (a 400).
const (
	// CodeControlCharacter: a C0 control other than tab, newline and
	// carriage return, DEL, or a C1 control (U+0080–U+009F); in single-line
	// fields tab, newline and carriage return too.
	CodeControlCharacter = "control_character"
	// CodeInvalidText: invalid UTF-8 (which includes encoded surrogates) or
	// a Unicode noncharacter (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
	CodeInvalidText = "invalid_text"
)

// BadRune reports the first rune of s no stored text may hold: a control
// character other than tab, newline and carriage return, or a
// noncharacter; and whether s is valid UTF-8. Doors with single-line fields
// also refuse newlines themselves (see Line).
func BadRune(s string) (r rune, bad bool) {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f {
				return rune(b), true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return utf8.RuneError, true
		}
		if (r >= 0x80 && r <= 0x9f) || isNonchar(r) {
			return r, true
		}
		i += n
	}
	return 0, false
}

func isNonchar(r rune) bool {
	return (r >= 0xfdd0 && r <= 0xfdef) || r&0xfffe == 0xfffe
}

// Text returns derrors.Invalid (control_character or invalid_text,
// naming field and the code point) when s holds a rune BadRune refuses.
func Text(field, s string) error {
	r, bad := BadRune(s)
	if !bad {
		return nil
	}
	return textError(field, r, s)
}

// Line is Text for single-line fields (titles, names, slugs,
// languages): tab, newline and carriage return are refused too.
func Line(field, s string) error {
	if err := Text(field, s); err != nil {
		return err
	}
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' {
			return textError(field, r, s)
		}
	}
	return nil
}

func textError(field string, r rune, s string) error {
	if r == utf8.RuneError && !utf8.ValidString(s) {
		return derrors.New(derrors.Invalid, CodeInvalidText, "%s is not valid UTF-8", field).
			WithDetail(map[string]any{"field": field})
	}
	if r >= 0x80 && isNonchar(r) {
		return derrors.New(derrors.Invalid, CodeInvalidText, "%s contains the noncharacter %U", field, r).
			WithDetail(map[string]any{"field": field, "char": fmt.Sprintf("%U", r)})
	}
	return derrors.New(derrors.Invalid, CodeControlCharacter, "%s contains the control character %U", field, r).
		WithDetail(map[string]any{"field": field, "char": fmt.Sprintf("%U", r)})
}

// Clean makes text from outside pressroom's users storable — a feed item's
// title, a machine translation — instead of refusing it: invalid UTF-8
// becomes U+FFFD and every rune BadRune refuses becomes a space.
func Clean(s string) string {
	if _, bad := BadRune(s); !bad {
		return s
	}
	s = strings.ToValidUTF8(s, "\ufffd")
	return strings.Map(func(r rune) rune {
		if _, bad := BadRune(string(r)); bad {
			return ' '
		}
		return r
	}, s)
}
