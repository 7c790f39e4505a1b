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
// markers. Without an original to point x-default at (original is empty),
// the head's region also names the cluster's x-default: the same live
// edition on every page of the article (see xDefault), so that the
// hreflang annotations of its pages agree.
func alternateHTML(self Alternate, alts []Alternate, original string, loc Localizer) (head, foot template.HTML) {
	var h, f strings.Builder
	for _, a := range alts {
		fmt.Fprintf(&h, "\n<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">", html.EscapeString(a.Lang), html.EscapeString(a.URL))
	}
	if original == "" {
		fmt.Fprintf(&h, "\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\">", html.EscapeString(xDefault(self, alts).URL))
	}
	if len(alts) == 0 {
		return template.HTML(headOpen + h.String() + headClose), footOpen + footClose
	}
	f.WriteString("<p>" + html.EscapeString(loc.T("PageOtherLanguages")) + ": ")
	for i, a := range alts {
		if i > 0 {
			f.WriteString(" · ")
		}
		fmt.Fprintf(&f, "<a href=\"%s\" hreflang=\"%s\">%s</a>", html.EscapeString(a.URL), html.EscapeString(a.Lang), html.EscapeString(loc.LangName(a.Lang)))
	}
	f.WriteString("</p>")
	return template.HTML(headOpen + h.String() + headClose), template.HTML(footOpen + f.String() + footClose)
}

// xDefault is the x-default of an article without an original address:
// of its live editions (self and alts), the one whose language tag sorts
// first, which every page of the article names alike.
func xDefault(self Alternate, alts []Alternate) Alternate {
	d := self
	for _, a := range alts {
		if a.Lang < d.Lang {
			d = a
		}
	}
	return d
}

// WithAlternates replaces a stored page's alternates with the current ones:
// alts are the other live editions of self's article, original the
// address of the source article (empty when unknown). A published version's
// content never changes, but which other languages are live does: the
// first edition published would otherwise never link to the ones published
// after it.
func WithAlternates(page string, self Alternate, alts []Alternate, original string, loc Localizer) string {
	if original == "" {
		// Pages stored before x-default moved into the region named
		// themselves as x-default right after it.
		page = strings.Replace(page, headClose+"\n<link rel=\"alternate\" hreflang=\"x-default\" href=\""+html.EscapeString(self.URL)+"\">", headClose, 1)
	}
	head, foot := alternateHTML(self, alts, original, loc)
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
