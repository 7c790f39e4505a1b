// Package importer turns an article's raw body (plain text, Markdown or HTML)
// into a document.Document.
//
// Every importer produces the same block model (heading, paragraph, quote,
// list item, caption) with inline markup as protected tags (package inline):
// a link's URL is an attribute of its tag, never part of the text that a
// translation backend sees.
package importer

import (
	"errors"
	"fmt"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/document"
)

// Formats lists the accepted input formats.
var Formats = []string{"text", "markdown", "html"}

// ErrInput is wrapped by every error caused by the input itself (as opposed to
// a failure of the program), so callers can answer 4xx / exit 2.
var ErrInput = errors.New("invalid input")

// MaxSize is the largest body Parse accepts, in bytes. Every importer runs in
// time linear in the body, so the limit is about memory, not time.
const MaxSize = 32 << 20

// Parse validates body (UTF-8, not binary, not empty, at most MaxSize),
// NFC-normalises it and imports it in the given format ("text" when empty).
func Parse(format string, body []byte) (document.Document, error) {
	var parse func(string) (document.Document, error)
	switch format {
	case "text", "":
		parse = parseText
	case "markdown", "md":
		parse = parseMarkdown
	case "html":
		parse = parseHTML
	default:
		return document.Document{}, fmt.Errorf("%w: unknown format %q (want text, markdown or html)", ErrInput, format)
	}
	text, err := sanitize(body)
	if err != nil {
		return document.Document{}, err
	}
	text = norm.NFC.String(text)
	var date string
	if format != "html" {
		date, text = leadingDate(text)
		if date != "" {
			text = dateLineHeadline(format, text)
		}
	}
	doc, err := parse(text)
	if err != nil {
		return document.Document{}, err
	}
	if len(doc.Blocks) == 0 {
		return document.Document{}, fmt.Errorf("%w: body has no text", ErrInput)
	}
	if doc.Date == "" {
		doc.Date = date
	}
	if format != "html" {
		leadingByline(format, &doc)
	}
	doc.Title = headline(format, doc)
	dateline(&doc) // a date line, then the byline, or the other way round
	byline(&doc)
	dateline(&doc)
	return doc, nil
}
