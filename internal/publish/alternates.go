package publish

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// The regions WithAlternates rewrites are marked by comments, which are
// part of the rendered values (html/template drops comments written in a
// template).
const (
	headOpen, headClose = "<!--alternates-->", "<!--/alternates-->"
	footOpen, footClose = "<!--other-languages-->", "<!--/other-languages-->"
)

// alternateHTML renders the <link rel="alternate"> elements for the head
// and the "also available in" line for the foot of a page, each inside its
// markers.
func alternateHTML(alts []Alternate, loc Localizer) (head, foot template.HTML) {
	if len(alts) == 0 {
		return headOpen + headClose, footOpen + footClose
	}
	var h, f strings.Builder
	f.WriteString("<p>" + html.EscapeString(loc.T("PageOtherLanguages")) + ": ")
	for i, a := range alts {
		lang, url := html.EscapeString(a.Lang), html.EscapeString(a.URL)
		fmt.Fprintf(&h, "\n<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">", lang, url)
		if i > 0 {
			f.WriteString(" · ")
		}
		fmt.Fprintf(&f, "<a href=\"%s\" hreflang=\"%s\">%s</a>", url, lang, html.EscapeString(loc.LangName(a.Lang)))
	}
	f.WriteString("</p>")
	return template.HTML(headOpen + h.String() + headClose), template.HTML(footOpen + f.String() + footClose)
}

// WithAlternates replaces a stored page's alternates with the current ones.
// A published version's content never changes, but which other languages
// are live does: the first edition published would otherwise never link to
// the ones published after it.
func WithAlternates(page string, alts []Alternate, loc Localizer) string {
	head, foot := alternateHTML(alts, loc)
	page = replaceRegion(page, headOpen, headClose, string(head))
	return replaceRegion(page, footOpen, footClose, string(foot))
}

// replaceRegion replaces s's region from open to close (inclusive) by with.
func replaceRegion(s, open, close, with string) string {
	i := strings.Index(s, open)
	j := strings.Index(s, close)
	if i < 0 || j < i {
		return s
	}
	return s[:i] + with + s[j+len(close):]
}
