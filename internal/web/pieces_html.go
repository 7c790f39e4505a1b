package web

import (
	"html"
	"html/template"
	"strings"
)

// piecesHTML draws tagged text's pieces: placeholders as atomic tokens,
// glossary terms marked, text escaped. It is the "pieces" template written
// in Go, because a long article's editor draws thousands of pieces and a
// template walk per piece dominated the page's rendering time. Every value
// is escaped with html.EscapeString.
func piecesHTML(ps []piece) template.HTML {
	var b strings.Builder
	for _, p := range ps {
		switch {
		case p.Ph != "":
			b.WriteString(`<span class="tag tag-`)
			b.WriteString(html.EscapeString(p.Kind))
			b.WriteString(`" contenteditable="false" draggable="true" data-ph="`)
			b.WriteString(html.EscapeString(p.Ph))
			b.WriteByte('"')
			if p.Title != "" {
				b.WriteString(` title="`)
				b.WriteString(html.EscapeString(p.Title))
				b.WriteByte('"')
			}
			b.WriteByte('>')
			b.WriteString(html.EscapeString(p.Label))
			b.WriteString(`</span>`)
		case p.Term:
			b.WriteString(`<mark class="term" title="`)
			b.WriteString(html.EscapeString(p.Title))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(p.Text))
			b.WriteString(`</mark>`)
		default:
			b.WriteString(html.EscapeString(p.Text))
		}
	}
	return template.HTML(b.String()) // every value escaped above
}
