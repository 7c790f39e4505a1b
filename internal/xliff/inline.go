package xliff

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// role says how a placeholder token is written.
type role int

const (
	roleText     role = iota
	roleOpen          // opens a pair closed in the same text: pc / g
	roleClose         // closes such a pair
	roleIsoOpen       // opens a code closed elsewhere: sc isolated / bx
	roleIsoClose      // closes a code opened elsewhere: ec isolated / ex
	roleSelf          // standalone: ph / x
)

// roles pairs the open and close placeholders of tagged text so that the
// pairs nest properly; an open or close without a partner (a link split
// across segments, or crossing codes) is isolated.
func roles(toks []inline.Token) []role {
	out := make([]role, len(toks))
	var stack []int // indexes of open tokens
	for i, t := range toks {
		switch t.Kind {
		case inline.SelfToken:
			out[i] = roleSelf
		case inline.OpenToken:
			out[i] = roleIsoOpen
			stack = append(stack, i)
		case inline.CloseToken:
			out[i] = roleIsoClose
			for d := len(stack) - 1; d >= 0; d-- {
				if toks[stack[d]].ID == t.ID {
					// Everything opened after it stays isolated.
					out[stack[d]], out[i] = roleOpen, roleClose
					stack = stack[:d]
					break
				}
			}
		}
	}
	return out
}

func tagMap(tags []inline.Tag) map[int]inline.Tag {
	m := make(map[int]inline.Tag, len(tags))
	for _, t := range tags {
		m[t.ID] = t
	}
	return m
}

// type2 is the XLIFF 2 type and subType of a code.
func type2(t inline.Tag, known bool) (typ, sub string) {
	if !known {
		return "", ""
	}
	switch t.Name {
	case "a":
		return "link", ""
	case "img":
		return "image", ""
	case "br":
		return "fmt", "xlf:lb"
	case "b", "strong":
		return "fmt", "xlf:b"
	case "i", "em":
		return "fmt", "xlf:i"
	case "u":
		return "fmt", "xlf:u"
	case "code", "s", "sub", "sup", "span":
		return "fmt", ""
	}
	return "other", ""
}

// ctype12 is the XLIFF 1.2 ctype of a code.
func ctype12(t inline.Tag, known bool) string {
	if !known || t.Name == "" || strings.ContainsAny(t.Name, " \t\r\n") {
		return ""
	}
	switch t.Name {
	case "a":
		return "link"
	case "b", "strong":
		return "bold"
	case "i", "em":
		return "italic"
	case "u":
		return "underlined"
	case "br":
		return "lb"
	case "img":
		return "image"
	}
	return "x-html-" + t.Name
}

// inline2 writes tagged text as XLIFF 2 content. With data, codes refer to
// the unit's originalData (see dataRefs); characters XML cannot carry are
// written as <cp>.
func inline2(b *strings.Builder, tagged string, tags map[int]inline.Tag, data bool) {
	toks, err := inline.Parse(tagged)
	if err != nil {
		text2(b, inline.Unescape(tagged))
		return
	}
	rs := roles(toks)
	for i, t := range toks {
		if rs[i] == roleText {
			text2(b, t.Text)
			continue
		}
		id := strconv.Itoa(t.ID)
		def, known := tags[t.ID]
		typ, sub := type2(def, known)
		var a strings.Builder
		a.WriteString(attr("id", id))
		switch rs[i] {
		case roleClose:
			b.WriteString("</pc>")
			continue
		case roleIsoClose:
			b.WriteString(`<ec` + attr("id", id) + ` isolated="yes" canCopy="no" canDelete="no"`)
			if data && known {
				b.WriteString(attr("dataRef", "close"+id))
			}
			b.WriteString(typeAttrs(typ, sub) + "/>")
			continue
		}
		a.WriteString(` canCopy="no" canDelete="no"`)
		switch rs[i] {
		case roleOpen:
			if data && known {
				a.WriteString(attr("dataRefStart", "open"+id) + attr("dataRefEnd", "close"+id))
			}
			b.WriteString("<pc" + a.String() + typeAttrs(typ, sub) + ">")
		case roleIsoOpen:
			if data && known {
				a.WriteString(attr("dataRef", "open"+id))
			}
			b.WriteString("<sc" + a.String() + ` isolated="yes"` + typeAttrs(typ, sub) + "/>")
		case roleSelf:
			if data && known {
				a.WriteString(attr("dataRef", "self"+id))
			}
			b.WriteString("<ph" + a.String() + typeAttrs(typ, sub) + "/>")
		}
	}
}

func typeAttrs(typ, sub string) string {
	s := ""
	if typ != "" {
		s += attr("type", typ)
	}
	if sub != "" {
		s += attr("subType", sub)
	}
	return s
}

// text2 writes text, with <cp> for characters XML cannot carry.
func text2(b *strings.Builder, s string) {
	start := 0
	for i, r := range s {
		if xmlChar(r) {
			continue
		}
		writeText(b, s[start:i])
		fmt.Fprintf(b, `<cp hex="%04X"/>`, r)
		_, w := utf8.DecodeRuneInString(s[i:])
		start = i + w
	}
	writeText(b, s[start:])
}

// dataRefs returns the originalData entries (id → markup) the codes of
// tagged text refer to, in order.
func dataRefs(tagged string, tags map[int]inline.Tag) [][2]string {
	toks, err := inline.Parse(tagged)
	if err != nil {
		return nil
	}
	rs := roles(toks)
	var out [][2]string
	seen := map[string]bool{}
	add := func(id, v string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, [2]string{id, v})
		}
	}
	for i, t := range toks {
		def, ok := tags[t.ID]
		if rs[i] == roleText || !ok {
			continue
		}
		open, closing := markup(def)
		id := strconv.Itoa(t.ID)
		switch rs[i] {
		case roleOpen:
			add("open"+id, open)
			add("close"+id, closing)
		case roleIsoOpen:
			add("open"+id, open)
		case roleIsoClose:
			add("close"+id, "</"+def.Name+">")
		case roleSelf:
			add("self"+id, open)
		}
	}
	return out
}

// inline12 writes tagged text as XLIFF 1.2 content (g, x, bx, ex).
func inline12(b *strings.Builder, tagged string, tags map[int]inline.Tag) {
	toks, err := inline.Parse(tagged)
	if err != nil {
		writeText(b, cleanText(inline.Unescape(tagged)))
		return
	}
	rs := roles(toks)
	for i, t := range toks {
		if rs[i] == roleText {
			writeText(b, cleanText(t.Text))
			continue
		}
		id := strconv.Itoa(t.ID)
		def, known := tags[t.ID]
		ct := ""
		if c := ctype12(def, known); c != "" {
			ct = attr("ctype", c)
		}
		switch rs[i] {
		case roleOpen:
			b.WriteString("<g" + attr("id", id) + ct + ` clone="no">`)
		case roleClose:
			b.WriteString("</g>")
		case roleIsoOpen:
			b.WriteString("<bx" + attr("id", id) + ct + ` clone="no"/>`)
		case roleIsoClose:
			b.WriteString("<ex" + attr("id", id) + "/>")
		case roleSelf:
			b.WriteString("<x" + attr("id", id) + ct + ` clone="no"/>`)
		}
	}
}
