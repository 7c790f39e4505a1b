package xliff

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// cleanText replaces what XML cannot carry (control characters, invalid
// UTF-8) with U+FFFD. XLIFF 2 has <cp> for such characters; 1.2 and
// attributes do not.
func cleanText(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s { // invalid UTF-8 ranges as U+FFFD
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanTagged is cleanText for tagged text: placeholders are kept.
func cleanTagged(tagged string) string {
	toks, err := inline.Parse(tagged)
	if err != nil {
		return inline.Escape(cleanText(inline.Unescape(tagged)))
	}
	for i := range toks {
		if toks[i].Kind == inline.TextToken {
			toks[i].Text = cleanText(toks[i].Text)
		}
	}
	return inline.Format(toks)
}

// writeText escapes character data. \r is written as a reference, because
// a parser turns a literal one into \n.
func writeText(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
}

// attr formats ` name="value"`, escaped; white space other than a space is
// written as references, which attribute normalisation would otherwise
// turn into spaces.
func attr(name, value string) string {
	var b strings.Builder
	b.WriteString(" " + name + `="`)
	for _, r := range cleanText(value) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		case '\t':
			b.WriteString("&#x9;")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"`)
	return b.String()
}

// element writes <name attrs>text</name> with escaped text.
func element(b *strings.Builder, name, attrs, text string) {
	b.WriteString("<" + name + attrs + ">")
	writeText(b, cleanText(text))
	b.WriteString("</" + name + ">")
}

// markup is the original HTML a tag stands for, for the translator's
// information: the opening tag (with its attributes in a fixed order) and
// the closing one for paired codes.
func markup(t inline.Tag) (open, closing string) {
	var b strings.Builder
	b.WriteString("<" + t.Name)
	keys := make([]string, 0, len(t.Attrs))
	for k := range t.Attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, ` %s="%s"`, k, html.EscapeString(t.Attrs[k]))
	}
	b.WriteString(">")
	if t.Paired {
		return b.String(), "</" + t.Name + ">"
	}
	return b.String(), ""
}
