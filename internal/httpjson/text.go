package httpjson

import (
	"strconv"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// checkText refuses a JSON body whose strings hold what no stored text may
// (see package textcheck), whether written as it is or as a \u escape, and
// lone surrogate escapes ("\ud800"), which encoding/json would quietly turn
// into U+FFFD. raw is valid UTF-8 already; its structure is ASCII, so any
// refused rune outside an escape is in a string or is not JSON at all.
func checkText(raw []byte) error {
	if r, bad := textcheck.BadRune(string(raw)); bad {
		return textcheck.Text("request body", string(r))
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		i++ // the escaped character
		if raw[i] != 'u' {
			continue
		}
		r, ok := hex4(raw, i+1)
		if !ok {
			continue // encoding/json reports the malformed escape
		}
		i += 4
		switch {
		case r >= 0xd800 && r <= 0xdbff:
			lo, ok := hex4(raw, i+3)
			if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' && ok && lo >= 0xdc00 && lo <= 0xdfff {
				i += 6
				continue
			}
			return loneSurrogate(r)
		case r >= 0xdc00 && r <= 0xdfff:
			return loneSurrogate(r)
		}
		if err := textcheck.Text("request body", string(r)); err != nil {
			return err
		}
	}
	return nil
}

func hex4(raw []byte, at int) (rune, bool) {
	if at+4 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[at:at+4]), 16, 32)
	return rune(n), err == nil
}

func loneSurrogate(r rune) error {
	return derrors.New(derrors.Invalid, textcheck.CodeInvalidText,
		"request body has a lone surrogate escape (\\u%04x); send characters as UTF-8 or as a surrogate pair", r).
		WithDetail(map[string]any{"field": "request body", "char": "\\u" + strconv.FormatInt(int64(r), 16)})
}
