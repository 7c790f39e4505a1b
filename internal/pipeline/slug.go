package pipeline

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

const maxSlug = 60

// Slugify makes a URL slug from a title: diacritics removed, lowercase ASCII
// letters and digits joined by single hyphens, cut at a word boundary to at
// most 60 characters.
func Slugify(title string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, err := transform.String(t, title)
	if err != nil {
		s = title
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > maxSlug {
		out = out[:maxSlug+1]
		if i := strings.LastIndexByte(out, '-'); i > maxSlug/2 {
			out = out[:i]
		} else {
			out = out[:maxSlug]
		}
	}
	out = strings.Trim(out, "-")
	if out == "" {
		return "article"
	}
	return out
}
