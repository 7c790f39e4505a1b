package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// goldmark's inline parser is quadratic in the length of a paragraph on
// adversarial delimiter runs ("**a_**a_…", "[a]([a](…": ≈1 s per 64 KB, hours
// for 10 MB), and its block parser in the nesting depth of one line. Real
// articles have short paragraphs and shallow nesting, so guardMarkdown bounds
// both before parsing:
//   - a line nesting quotes or lists deeper than maxMarkdownDepth is refused
//     with a clear error;
//   - a paragraph longer than maxMarkdownPara bytes is cut into paragraphs of
//     at most that size (at line breaks, else at spaces), so parsing stays
//     linear overall. Only such oversized paragraphs change shape.
const (
	maxMarkdownDepth = 32
	maxMarkdownPara  = 8 << 10
)

func guardMarkdown(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s) + len(s)/maxMarkdownPara)
	run := 0 // bytes in the current paragraph
	fence := ""
	for n, line := range strings.Split(s, "\n") {
		if n > 0 {
			b.WriteByte('\n')
		}
		if f := fenceMarker(line); f != "" && (fence == "" || strings.HasPrefix(f, fence)) {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
		}
		if fence != "" {
			b.WriteString(line)
			continue
		}
		if d := nestingDepth(line); d > maxMarkdownDepth {
			return "", fmt.Errorf("%w: Markdown line %d nests quotes or lists %d levels deep (the limit is %d)", ErrInput, n+1, d, maxMarkdownDepth)
		}
		if strings.TrimSpace(line) == "" {
			run = 0
			b.WriteString(line)
			continue
		}
		if run > 0 && run+len(line) > maxMarkdownPara {
			b.WriteByte('\n') // end the paragraph here
			run = 0
		}
		for len(line) > maxMarkdownPara {
			cut := splitPoint(line, maxMarkdownPara)
			b.WriteString(line[:cut])
			b.WriteString("\n\n")
			line = line[cut:]
		}
		b.WriteString(line)
		run += len(line) + 1
	}
	return b.String(), nil
}

// splitPoint returns where to cut a line longer than max: after the last
// space before max, else at a rune boundary.
func splitPoint(line string, max int) int {
	if i := strings.LastIndexByte(line[:max], ' '); i > 0 {
		return i + 1
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	if cut == 0 {
		cut = max
	}
	return cut
}

// fenceMarker returns the fence (``` or ~~~, any length) opening or closing
// a code block on this line, or "".
func fenceMarker(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 {
		return ""
	}
	c := t[0]
	if c != '`' && c != '~' {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	if n < 3 {
		return ""
	}
	return t[:n]
}

// nestingDepth counts the block-quote and list markers a line opens before
// its text ("> > - 1. text" is 4).
func nestingDepth(line string) int {
	d := 0
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '>':
			d++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			d++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				d++
				i = j + 2
				continue
			}
			return d
		default:
			return d
		}
	}
	return d
}
