package store

import (
	"database/sql/driver"
	"fmt"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

// Text refused by every write and lookup, whichever door it came through:
// SQLite would store it and PostgreSQL refuses NUL with an internal error.
// The codes are stable; doors show them as they are (a 400).
const (
	// CodeControlCharacter: a C0 control other than tab, newline and
	// carriage return, DEL, or a C1 control (U+0080–U+009F).
	CodeControlCharacter = "control_character"
	// CodeInvalidText: invalid UTF-8 (which includes encoded surrogates) or
	// a Unicode noncharacter (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
	CodeInvalidText = "invalid_text"
)

// BadRune reports the first rune of s no stored text may hold: a control
// character other than tab, newline and carriage return, or a
// noncharacter; and whether s is valid UTF-8. Doors with single-line fields
// also refuse newlines themselves (see CheckLine).
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

// CheckText returns derrors.Invalid (control_character or invalid_text,
// naming field and the code point) when s holds a rune BadRune refuses.
func CheckText(field, s string) error {
	r, bad := BadRune(s)
	if !bad {
		return nil
	}
	return textError(field, r, s)
}

// CheckLine is CheckText for single-line fields (titles, names, slugs,
// languages): tab, newline and carriage return are refused too.
func CheckLine(field, s string) error {
	if err := CheckText(field, s); err != nil {
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

// key is text the store computes itself (a glossary entry's key joins its
// parts with U+001F): checkArgs lets it through.
type key string

// Value makes key a driver value.
func (k key) Value() (driver.Value, error) { return string(k), nil }

// checkArgs is the last line: every string a query sends is checked by
// CheckText, so no door can store a NUL in SQLite or make PostgreSQL fail
// on one. Doors check their fields first to name them.
func checkArgs(args []any) error {
	for _, a := range args {
		var s string
		switch v := a.(type) {
		case string:
			s = v
		case *string:
			if v == nil {
				continue
			}
			s = *v
		default:
			continue
		}
		if err := CheckText("text", s); err != nil {
			return err
		}
	}
	return nil
}
