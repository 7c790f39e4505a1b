package omegat

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// TMX writes pairs as a TMX 1.4 document (valid against the LISA DTD) in
// the segment form OmegaT matches (see xliff.OmegaTSegment): the inline
// codes are OmegaT's shortcuts, as text. Pairs whose codes do not fit, and
// repeats, are left out. A pair with a Context is written as an alternative
// translation (props file, prev and next).
func TMX(srcLang, tgtLang string, pairs []Pair, created time.Time) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="pressroom" creationtoolversion="1" segtype="sentence" o-tmf="pressroom" adminlang="en"` +
		` srclang="` + escape(srcLang) + `" datatype="plaintext" creationdate="` + created.UTC().Format("20060102T150405Z") + `"/>
<body>
`)
	seen := map[[2]string]bool{}
	for _, p := range pairs {
		src, tgt, ok := xliff.OmegaTSegment(p.Source, p.Target)
		if !ok || src == "" || tgt == "" {
			continue
		}
		if p.Context == nil { // alternatives are one per unit, never repeats
			if seen[[2]string{src, tgt}] {
				continue
			}
			seen[[2]string{src, tgt}] = true
		}
		b.WriteString("<tu>")
		if p.Origin != "" {
			b.WriteString(`<prop type="x-pressroom-origin">` + escape(clean(p.Origin)) + "</prop>")
		}
		if c := p.Context; c != nil {
			prev, _, _ := xliff.OmegaTSegment(c.Prev, c.Prev)
			next, _, _ := xliff.OmegaTSegment(c.Next, c.Next)
			b.WriteString(`<prop type="file">` + escape(clean(c.File)) + `</prop><prop type="prev">` + escape(clean(prev)) +
				`</prop><prop type="next">` + escape(clean(next)) + "</prop>")
		}
		b.WriteString(`<tuv xml:lang="` + escape(srcLang) + `"><seg>` + escape(clean(src)) + "</seg></tuv>")
		b.WriteString(`<tuv xml:lang="` + escape(tgtLang) + `"><seg>` + escape(clean(tgt)) + "</seg></tuv></tu>\n")
	}
	b.WriteString("</body>\n</tmx>\n")
	return []byte(b.String())
}

// clean replaces what XML cannot carry with U+FFFD.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return utf8.RuneError
	}, s)
}
