package importer

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// sanitize rejects bodies that are not text and normalises the rest: a
// leading byte-order mark is dropped, CR LF and lone CR become LF, and C0
// control characters other than tab and newline become spaces (they are
// invisible in an article and break XML-based translation backends).
func sanitize(body []byte) (string, error) {
	if len(body) > MaxSize {
		return "", fmt.Errorf("%w: body is %d bytes; the limit is %d", ErrInput, len(body), MaxSize)
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return "", fmt.Errorf("%w: body looks like a binary file (NUL byte at offset %d)", ErrInput, i)
	}
	if !utf8.Valid(body) {
		return "", fmt.Errorf("%w: body is not valid UTF-8 (first bad byte at offset %d)", ErrInput, firstInvalid(body))
	}
	s := string(body)
	s = strings.TrimPrefix(s, "\uFEFF")
	controls := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' && c != '\r' {
			controls++
		}
	}
	if controls > 0 && controls*100 > len(s) {
		return "", fmt.Errorf("%w: body looks like a binary file (%d control characters)", ErrInput, controls)
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if controls > 0 {
		s = strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' && r != '\t' {
				return ' '
			}
			return r
		}, s)
	}
	if strings.TrimSpace(s) == "" {
		return "", fmt.Errorf("%w: body has no text", ErrInput)
	}
	return s, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
