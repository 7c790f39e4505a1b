package importer

import (
	"path/filepath"
	"regexp"
	"strings"
)

// FormatOfName is the format a file name implies: .md and .markdown are
// markdown, .html and .htm are html, .txt and .text are text. It returns ""
// for any other name, so the caller can fall back to Detect.
func FormatOfName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return "markdown"
	case ".html", ".htm":
		return "html"
	case ".txt", ".text":
		return "text"
	}
	return ""
}

var (
	// htmlStart is a body that opens with an HTML element or doctype.
	htmlStart = regexp.MustCompile(`(?i)^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|section|main|header|div|p|h[1-6]|ul|ol|li|blockquote|figure|table|a|em|strong|span|br|img)[\s>/]`)
	// markdownSyntax is inline or block Markdown that the text importer
	// would keep as words: links and images, emphasis, code, ATX headings,
	// fences.
	markdownSyntax = regexp.MustCompile("(?m)" + strings.Join([]string{
		`!?\[[^\]\n]+\]\([^)\s]+(\s+"[^"\n]*")?\)`,  // [text](url), ![alt](src)
		`!?\[[^\]\n]+\]\[[^\]\n]*\]`,                // [text][ref]
		`^\[[^\]\n]+\]:\s+\S+`,                      // [ref]: url
		`(^|[\s(])(\*\*|__)[^\s*_][^\n]*?(\*\*|__)`, // **strong**, __strong__
		`(^|[\s(])\*[^\s*][^*\n]*\*($|[\s.,;:!?)])`, // *em*
		`(^|[\s(])_[^\s_][^_\n]*_($|[\s.,;:!?)])`,   // _em_
		"`[^`\\n]+`",      // `code`
		`^#{1,6}[ \t]+\S`, // # heading
		"^(```|~~~)",      // fenced code
	}, "|"))
)

// Detect guesses the format of a body whose name says nothing: "html" when
// it opens with an HTML element, "markdown" when it holds Markdown syntax
// that the text importer would pass on as words (links, emphasis, code,
// # headings), else "text". Plain prose without such syntax reads the same
// either way, so "text" is the safe default.
func Detect(body []byte) string {
	head := body
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	switch {
	case htmlStart.Match(head):
		return "html"
	case markdownSyntax.Match(head):
		return "markdown"
	}
	return "text"
}
