package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

// maxHeadline is the longest line (in characters) taken for a headline.
const maxHeadline = 140

// dateLineHeadline handles the scrapers' "date 2026-01-29 Headline of the
// piece." first line: when what follows the date on that line is a single
// short sentence standing alone, it is the headline, and it is given a
// paragraph of its own (without its full stop, as headlines are written) so
// the importer sees it as the article's first, level-1 heading. Other text
// is returned unchanged.
func dateLineHeadline(format, rest string) string {
	line, body, ok := strings.Cut(rest, "\n")
	if !ok || strings.TrimSpace(body) == "" {
		return rest
	}
	line = strings.TrimSpace(line)
	if !isHeadlineLine(line) {
		return rest
	}
	line = strings.TrimSuffix(line, ".")
	if format == "markdown" || format == "md" {
		line = "# " + line
	}
	return line + "\n\n" + body
}

// isHeadlineLine reports whether line reads like a headline: short, starting
// with a capital or a digit, at most one sentence.
func isHeadlineLine(line string) bool {
	n := utf8.RuneCountInString(line)
	if n == 0 || n > maxHeadline || listMarker(line) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	inner := strings.TrimRight(line, ".!?…")
	return !strings.ContainsAny(inner, "!?…") && !strings.Contains(inner, ". ")
}

// headline finds the article's headline in an imported document: for HTML
// the first h1, else the page's <title>; for text and Markdown the first
// block when it is a level-1 heading. A heading further down the article is
// a section heading and never the headline.
func headline(format string, doc document.Document) string {
	if format == "html" {
		for _, b := range doc.Blocks {
			if b.Kind == document.Heading && b.Level == 1 {
				return plainLine(b.Text)
			}
		}
		return doc.Title
	}
	if len(doc.Blocks) > 0 && doc.Blocks[0].Kind == document.Heading && doc.Blocks[0].Level == 1 {
		return plainLine(doc.Blocks[0].Text)
	}
	return ""
}

func plainLine(tagged string) string { return strings.Join(strings.Fields(inline.Plain(tagged)), " ") }

// byline takes an author line standing right under the headline ("By Jane
// Doe", "by Jane Doe and John Roe") out of the blocks: it is metadata, shown
// as the page's byline, not a sentence to translate.
func byline(doc *document.Document) {
	if len([]rune(doc.Byline)) > 80 {
		doc.Byline = "" // not a name
	}
	if doc.Byline != "" || doc.Title == "" || len(doc.Blocks) < 3 || doc.Blocks[0].Kind != document.Heading {
		return
	}
	if name, ok := bylineOf(doc.Blocks[1]); ok {
		doc.Byline = name
		doc.Blocks = append(doc.Blocks[:1], doc.Blocks[2:]...)
	}
}

// leadingByline takes an author line that opens the body (the headline
// sent apart, or none) out of the blocks, before the headline is looked
// for: "By Jane Doe" alone on the first line is no headline. In plain text
// a heading line right after it is then the first line, the headline.
func leadingByline(format string, doc *document.Document) {
	if doc.Byline != "" || len(doc.Blocks) < 2 {
		return
	}
	if name, ok := bylineOf(doc.Blocks[0]); ok {
		doc.Byline = name
		doc.Blocks = doc.Blocks[1:]
		if (format == "text" || format == "") && doc.Blocks[0].Kind == document.Heading {
			doc.Blocks[0].Level = 1
		}
	}
}

// bylineOf reads a block as an author line: a paragraph or heading "By …"
// of at most 80 characters without sentence punctuation; it returns the
// names.
func bylineOf(b document.Block) (string, bool) {
	if b.Kind != document.Paragraph && b.Kind != document.Heading {
		return "", false
	}
	s := plainLine(b.Text)
	// Initials and "Jr." are a name's full stops ("By Michael S. Schmidt",
	// "By D. K. O'Brien"); any other ends a sentence ("By Monday the
	// harbour reopened.").
	names := nameStopsRE.ReplaceAllString(s, "$1")
	if len(s) < 4 || !strings.EqualFold(s[:3], "by ") || utf8.RuneCountInString(s) > 80 || strings.ContainsAny(names, ".!?") {
		return "", false
	}
	return strings.TrimSpace(s[3:]), true
}

// nameStopsRE finds initials ("S.", "D.K.") and "Jr."/"Sr." in a name.
var nameStopsRE = regexp.MustCompile(`(^|[\s\-'’(])(?:(?:\p{Lu}\.)+|Jr\.|Sr\.)`)

// dateline takes a date line standing right under the headline (after the
// byline, if any: "Nov. 27, 2026", "<time>Nov. 28, 2026, 11:15 p.m.</time>")
// out of the blocks as the article's date, when it has none yet: it is
// metadata, shown as the page's date, not a section heading to translate.
func dateline(doc *document.Document) {
	if doc.Date != "" || doc.Title == "" || len(doc.Blocks) < 3 || doc.Blocks[0].Kind != document.Heading {
		return
	}
	b := doc.Blocks[1]
	if b.Kind != document.Paragraph && b.Kind != document.Heading {
		return
	}
	d, ok := parseDateline(plainLine(b.Text))
	if !ok {
		return
	}
	doc.Date = d
	doc.Blocks = append(doc.Blocks[:1], doc.Blocks[2:]...)
}
