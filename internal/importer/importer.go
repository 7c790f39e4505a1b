// Package importer turns an article's raw body (plain text, Markdown or HTML)
// into a document.Document.
package importer

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/document"
)

// Formats lists the accepted input formats.
var Formats = []string{"text", "markdown", "html"}

// ErrInput is wrapped by every error caused by the input itself (as opposed to
// a failure of the program), so callers can answer 4xx / exit 2.
var ErrInput = errors.New("invalid input")

// Parse validates body (UTF-8, not empty), NFC-normalises it and imports it in
// the given format.
func Parse(format string, body []byte) (document.Document, error) {
	if !utf8.Valid(body) {
		return document.Document{}, fmt.Errorf("%w: body is not valid UTF-8", ErrInput)
	}
	text := norm.NFC.String(string(body))
	var (
		doc document.Document
		err error
	)
	switch format {
	case "text", "":
		doc, err = parseText(text)
	case "markdown":
		doc, err = parseMarkdown(text)
	case "html":
		doc, err = parseHTML(text)
	default:
		return document.Document{}, fmt.Errorf("%w: unknown format %q (want text, markdown or html)", ErrInput, format)
	}
	if err != nil {
		return document.Document{}, err
	}
	if len(doc.Blocks) == 0 {
		return document.Document{}, fmt.Errorf("%w: body has no text", ErrInput)
	}
	return doc, nil
}
