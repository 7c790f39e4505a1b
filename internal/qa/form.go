package qa

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/segment"
)

// checkSame flags a target identical to a source that has words to
// translate: a heading that is a name ("Venezuela", "CNN") is left alone.
func checkSame(t *text, emit func(string, ...string)) {
	if strings.TrimSpace(t.src) != strings.TrimSpace(t.tgt) {
		return
	}
	for _, w := range letterWords(plainNoCode(t.seg.Source, t.seg.Tags)) { // code is not translated
		if !capitalised(w.text) && utf8.RuneCountInString(w.text) >= 3 {
			emit(CodeSameAsSource)
			return
		}
	}
}

// minRatioLength is the shortest source (in characters) whose length ratio
// means something.
const minRatioLength = 20

// checkLength flags a target much shorter or longer than its source: an
// engine that drops or summarises, or one that repeats itself.
func checkLength(t *text, lo, hi float64, emit func(string, ...string)) {
	s := utf8.RuneCountInString(strings.TrimSpace(t.src))
	if s < minRatioLength {
		return
	}
	r := float64(utf8.RuneCountInString(strings.TrimSpace(t.tgt))) / float64(s)
	if r < lo || r > hi {
		emit(CodeLengthRatio, "ratio", strconv.FormatFloat(r, 'f', 2, 64),
			"min", strconv.FormatFloat(lo, 'f', -1, 64), "max", strconv.FormatFloat(hi, 'f', -1, 64))
	}
}

// checkSentences compares the number of sentences, each side segmented by
// its own language's rules. A count that differs only because the rules
// differ is no finding: Portuguese splits a quoted passage of several
// sentences, English and Spanish keep it whole, so the source is counted
// by the target's rules too.
func checkSentences(t *text, emit func(string, ...string)) {
	s := len(segment.Split(t.seg.From, t.src))
	g := len(segment.Split(t.seg.To, t.tgt))
	if s != g && s > 0 && g > 0 && len(segment.Split(t.seg.To, t.src)) != g {
		emit(CodeSentenceCount, "source", strconv.Itoa(s), "target", strconv.Itoa(g))
	}
}

// endMark returns the final punctuation of s, closing quotes and brackets
// skipped: ".", "?", "!", ":", ";", "…" ("..." counts as "…"), or "" for
// none.
func endMark(s string) string {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'”’»)]}›", r)
	})
	if strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") {
		return "…"
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '?', '!', ':', ';':
		return string(r)
	}
	return ""
}

// checkEndPunctuation wants the target to end like the source: a question
// stays a question, a heading without a full stop gets none.
func checkEndPunctuation(t *text, emit func(string, ...string)) {
	s, g := endMark(t.src), endMark(t.tgt)
	if s == g {
		return
	}
	name := func(m string) string {
		if m == "" {
			return "—"
		}
		return m
	}
	emit(CodeEndPunctuation, "source", name(s), "target", name(g))
}

// checkSpaces flags white space at either end, doubled spaces and spaces
// before closing punctuation that the source does not have.
func checkSpaces(t *text, emit func(string, ...string)) {
	tgt := t.tgt
	if r, _ := utf8.DecodeRuneInString(tgt); unicode.IsSpace(r) {
		emit(CodeLeadingSpace)
	}
	if r, _ := utf8.DecodeLastRuneInString(tgt); unicode.IsSpace(r) {
		emit(CodeTrailingSpace)
	}
	trimmed := strings.TrimSpace(tgt)
	if strings.Contains(trimmed, "  ") && !strings.Contains(t.src, "  ") {
		emit(CodeDoubleSpace)
	}
	for _, m := range []string{",", ".", ";", ":", "?", "!"} {
		if strings.Contains(trimmed, " "+m) && !strings.Contains(t.src, " "+m) && !spacedEllipsis(trimmed, m) {
			emit(CodeSpaceBeforePunct, "mark", m)
		}
	}
}

// spacedEllipsis: " ." in ". . ." is the ellipsis, not a stray space.
func spacedEllipsis(s, m string) bool { return m == "." && strings.Contains(s, ". . .") }
