// Package document is the format-independent model of an article's body: an
// ordered list of blocks (headings, paragraphs, quotes, list items, captions),
// each holding tagged text (see package inline). Importers build it from text,
// Markdown or HTML; the segmenter splits its blocks into sentences; the
// publisher renders it back.
package document

import "github.com/pressroom-dev/pressroom/internal/inline"

// Kind is the role of a block in the article.
type Kind string

// Block kinds.
const (
	Heading   Kind = "heading"
	Paragraph Kind = "paragraph"
	Quote     Kind = "quote"
	ListItem  Kind = "list_item"
	Caption   Kind = "caption"
)

// Block is one unit of the article's reading order.
type Block struct {
	Kind Kind `json:"kind"`
	// Level is the heading level (1–6) for headings and the nesting depth
	// (1 = top level) for list items and quotes; 0 otherwise.
	Level int `json:"level,omitempty"`
	// Ordered marks list items of a numbered list.
	Ordered bool `json:"ordered,omitempty"`
	// Text is the block's content as tagged text.
	Text string `json:"text"`
	// Tags defines the placeholders that Text uses.
	Tags []inline.Tag `json:"tags,omitempty"`
}

// Document is an imported article body plus the metadata the importer found.
type Document struct {
	// Title is the first heading or an explicit title, if the source had one.
	Title string `json:"title,omitempty"`
	// Date is a publication date found in the source (e.g. a leading
	// "date 2026-01-29" line), as YYYY-MM-DD; empty if none.
	Date string `json:"date,omitempty"`
	// Byline is the author line found under the headline ("By Jane Doe"),
	// without "By"; empty if none.
	Byline string  `json:"byline,omitempty"`
	Blocks []Block `json:"blocks"`
}
