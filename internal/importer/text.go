package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

// parseText imports plain text as it arrives from scrapers and e-mail.
//
// Paragraphs are separated by blank lines or, when a text has no blank lines
// at all, by single newlines. Inside a paragraph, a line break is kept as a
// paragraph break unless the line visibly continues (see joinLines), so a
// PDF- or e-mail-wrapped sentence is rejoined while one-paragraph-per-line
// scrapes stay apart. A short unpunctuated line standing alone is a heading.
// Lines with no letters or digits ("* * *", "_____") are decoration and are
// dropped.
func parseText(s string) (document.Document, error) {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	var doc document.Document
	var chunk []string
	flush := func() {
		if len(chunk) == 0 {
			return
		}
		paras := joinLines(chunk, len(lines) > len(chunk))
		for _, p := range paras {
			blk := document.Block{Kind: document.Paragraph, Text: inline.Escape(p)}
			if len(paras) == 1 && looksLikeHeading(p, len(chunk) == 1) {
				blk.Kind, blk.Level = document.Heading, 2
				if len(doc.Blocks) == 0 {
					blk.Level = 1
				}
			}
			doc.Blocks = append(doc.Blocks, blk)
		}
		chunk = chunk[:0]
	}
	for _, line := range lines {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case !hasLetterOrDigit(line):
			flush() // decoration acts as a separator
		default:
			chunk = append(chunk, strings.TrimLeftFunc(line, unicode.IsSpace))
		}
	}
	flush()
	return doc, nil
}

// joinLines turns the lines of one chunk (text between blank lines, or the
// whole text when it has none) into paragraphs.
//
// A chunk of long lines is hard-wrapped prose (e-mail) when blank lines
// separate the paragraphs: it becomes one paragraph. Otherwise each line is
// a paragraph, except that a run of lines is joined when every line but the
// last visibly continues (it ends with a comma or dash, the next starts in
// lower case, or it is long and unpunctuated) and the last line ends a
// sentence: "It was a cold\nnight in the city." is one sentence, while
// "features\ncontact manager\nevents" stays three lines.
func joinLines(lines []string, blankSeparated bool) []string {
	if len(lines) == 1 {
		return lines
	}
	if blankSeparated && wrapped(lines) {
		return []string{strings.Join(lines, " ")}
	}
	var out []string
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && continues(lines[j], lines[j+1]) {
			j++
		}
		if j > i && endsSentence(lines[j]) {
			out = append(out, strings.Join(lines[i:j+1], " "))
		} else {
			out = append(out, lines[i:j+1]...)
		}
		i = j + 1
	}
	return out
}

// wrapped reports whether every line but the last is long enough to be
// hard-wrapped prose and none starts a list item.
func wrapped(lines []string) bool {
	for i, l := range lines {
		if listMarker(l) {
			return false
		}
		if i < len(lines)-1 && utf8.RuneCountInString(l) < 40 {
			return false
		}
	}
	return true
}

// continues reports whether line visibly continues on next.
func continues(line, next string) bool {
	if listMarker(next) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	switch last {
	case ',', ';', '-', '–', '—', '(':
		return true
	case '.', '!', '?', '…', ':', '"', '”', '»', ')', ']', '\'', '’':
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) || endsWithFunctionWord(line) {
		return true
	}
	return utf8.RuneCountInString(line) >= 60 && (unicode.IsLetter(last) || unicode.IsDigit(last))
}

// endsSentence reports whether line ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(line string) bool {
	for line != "" {
		r, n := utf8.DecodeLastRuneInString(line)
		switch r {
		case '.', '!', '?', '…', ':':
			return true
		case '"', '”', '’', '\'', '»', ')', ']':
			line = line[:len(line)-n]
			continue
		}
		return false
	}
	return false
}

// looksLikeHeading reports whether a paragraph is a heading: short, starting
// with a capital or a digit, and not ending like a sentence — or, when it
// stands alone between blank lines, a short question ("What next for
// Venezuela?").
func looksLikeHeading(p string, alone bool) bool {
	n := utf8.RuneCountInString(p)
	if n > 100 || listMarker(p) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if unicode.IsLetter(last) || unicode.IsDigit(last) {
		return true
	}
	return alone && last == '?' && n <= 80 && strings.Count(p, "?")+strings.Count(p, ".")+strings.Count(p, "!") == 1
}

// listMarker reports whether a line starts like a list item.
func listMarker(line string) bool {
	r, n := utf8.DecodeRuneInString(line)
	switch r {
	case '•', '◦', '▪', '‣', '⁃', '●', '■', '➢', '►':
		return true
	case '-', '*', '+':
		return len(line) > n && line[n] == ' '
	}
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// functionWords are words (English, Spanish, Portuguese) that cannot end a
// sentence or a heading: a line ending in one was cut by a wrap.
var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of on in at to for with by from and or but nor that as into
		than onto upon via de del la el los las y o en con por para que un una unos unas
		su sus al lo do da dos das e os as em no na nos nas um uma pelo pela pelos pelas ao aos`) {
		m[w] = true
	}
	return m
}()

func endsWithFunctionWord(line string) bool {
	i := strings.LastIndexFunc(line, unicode.IsSpace)
	if i < 0 {
		return false
	}
	return functionWords[strings.ToLower(line[i+1:])]
}
