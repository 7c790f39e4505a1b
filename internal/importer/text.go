package importer

import (
	"strings"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

// parseText is a first version: one paragraph per non-empty line.
func parseText(s string) (document.Document, error) {
	var doc document.Document
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		doc.Blocks = append(doc.Blocks, document.Block{Kind: document.Paragraph, Text: inline.Escape(line)})
	}
	return doc, nil
}

func parseMarkdown(s string) (document.Document, error) { return parseText(s) }
func parseHTML(s string) (document.Document, error)     { return parseText(s) }
