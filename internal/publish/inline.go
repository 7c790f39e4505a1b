package publish

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// allowed are the inline elements a published page may contain; anything
// else an importer let through is dropped (its text stays).
var allowed = map[string]bool{"a": true, "em": true, "strong": true, "i": true, "b": true, "code": true,
	"br": true, "img": true, "sub": true, "sup": true, "s": true, "u": true, "span": true,
	"q": true, // a browser draws q's quotation marks in the page's language
	// Text-level semantics the importer keeps: a correction's <del>5</del>
	// <ins>6</ins> must not read "5 6".
	"del": true, "ins": true, "cite": true, "abbr": true, "mark": true, "small": true,
	"dfn": true, "kbd": true, "samp": true, "var": true, "time": true}

// safeURL accepts http(s), mailto and relative URLs: a javascript: or data:
// link in an article never reaches a reader.
func safeURL(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return u.String(), true
	}
	return "", false
}

func byID(tags []inline.Tag) map[int]inline.Tag {
	defs := make(map[int]inline.Tag, len(tags))
	for _, t := range tags {
		defs[t.ID] = t
	}
	return defs
}

// HTML renders tagged text with its tag definitions as safe HTML.
func HTML(text string, tags []inline.Tag) (string, error) {
	toks, err := inline.Parse(text)
	if err != nil {
		return "", err
	}
	defs := byID(tags)
	var b strings.Builder
	for _, tok := range toks {
		t, known := defs[tok.ID]
		ok := known && allowed[t.Name]
		switch tok.Kind {
		case inline.TextToken:
			b.WriteString(html.EscapeString(tok.Text))
		case inline.OpenToken:
			if ok {
				b.WriteString(openTag(t))
			}
		case inline.CloseToken:
			if ok {
				fmt.Fprintf(&b, "</%s>", t.Name)
			}
		case inline.SelfToken:
			if ok {
				b.WriteString(openTag(t))
			}
		}
	}
	return b.String(), nil
}

func openTag(t inline.Tag) string {
	var b strings.Builder
	b.WriteString("<" + t.Name)
	for _, k := range []string{"href", "src", "alt", "title"} {
		v, ok := t.Attrs[k]
		if !ok {
			continue
		}
		if k == "href" || k == "src" {
			if v, ok = safeURL(v); !ok {
				continue
			}
		}
		fmt.Fprintf(&b, ` %s="%s"`, k, html.EscapeString(v))
	}
	if t.Name == "a" {
		if href, ok := safeURL(t.Attrs["href"]); ok && strings.Contains(href, "://") {
			b.WriteString(` rel="noopener"`)
		}
	}
	b.WriteString(">")
	return b.String()
}

// markdownEscaper escapes the characters that would start Markdown syntax.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`)

// Markdown renders tagged text as CommonMark. Text inside a code span is
// written as is (backslashes are literal there) between backtick fences
// longer than any run of backticks it holds.
func Markdown(text string, tags []inline.Tag) (string, error) {
	toks, err := inline.Parse(text)
	if err != nil {
		return "", err
	}
	defs := byID(tags)
	var b strings.Builder
	var code *strings.Builder // the open code span's text, else nil
	for _, tok := range toks {
		t := defs[tok.ID]
		switch tok.Kind {
		case inline.TextToken:
			if code != nil {
				code.WriteString(tok.Text)
				continue
			}
			b.WriteString(markdownEscaper.Replace(tok.Text))
		case inline.OpenToken:
			if code != nil {
				continue
			}
			switch t.Name {
			case "a":
				b.WriteString("[")
			case "em", "i":
				b.WriteString("*")
			case "strong", "b":
				b.WriteString("**")
			case "code":
				code = &strings.Builder{}
			case "q": // Markdown has no q: its quotation marks are written
				b.WriteString(`"`)
			}
		case inline.CloseToken:
			if code != nil {
				if t.Name == "code" {
					b.WriteString(codeSpan(code.String()))
					code = nil
				}
				continue
			}
			switch t.Name {
			case "a":
				href, _ := safeURL(t.Attrs["href"])
				fmt.Fprintf(&b, "](%s)", markdownDestination(href, t.Attrs["title"]))
			case "em", "i":
				b.WriteString("*")
			case "strong", "b":
				b.WriteString("**")
			case "q":
				b.WriteString(`"`)
			}
		case inline.SelfToken:
			if code != nil {
				continue
			}
			switch t.Name {
			case "br":
				b.WriteString("\\\n")
			case "img":
				src, _ := safeURL(t.Attrs["src"])
				fmt.Fprintf(&b, "![%s](%s)", markdownEscaper.Replace(t.Attrs["alt"]), markdownDestination(src, t.Attrs["title"]))
			}
		}
	}
	if code != nil { // an unclosed code span keeps its text
		b.WriteString(markdownEscaper.Replace(code.String()))
	}
	return b.String(), nil
}

// markdownDestination is a link's or image's destination, with its title
// when it has one: `url "title"`. An address with parentheses or spaces
// goes in <…>, CommonMark's form in which neither ends it (a ")" ended the
// link early, an unbalanced "(" left it unparsed); it reads back unchanged.
func markdownDestination(url, title string) string {
	if strings.ContainsAny(url, "() \t<>") {
		url = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(url) + ">"
	}
	if title == "" {
		return url
	}
	return url + ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title) + `"`
}

// longestBackticks is the longest run of backticks in s: a code span's or
// block's fence must be longer.
func longestBackticks(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// codeSpan writes s as a CommonMark code span: fenced by one more backtick
// than its longest run, padded with a space when s starts or ends with a
// backtick or both ends are spaces (the parser strips one space each side).
func codeSpan(s string) string {
	fence := strings.Repeat("`", longestBackticks(s)+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		(len(s) >= 2 && strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.TrimSpace(s) != "") {
		s = " " + s + " "
	}
	return fence + s + fence
}
