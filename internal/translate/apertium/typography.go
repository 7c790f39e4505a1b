package apertium

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// restoreTypography gives text (a run of Apertium's output) back the
// source's apostrophe. Apertium's English analyser reads ’ as an apostrophe
// and generates ASCII "'" ("Trump’s" → "Trump'", "States’" → "States'");
// when the source wrote its apostrophes curly and never straight, every "'"
// in the output stands for one of them. A source that mixes both is left as
// Apertium printed it: there is no telling which is which.
func restoreTypography(text, source string) string {
	if strings.Contains(source, "’") && !strings.Contains(source, "'") {
		return strings.ReplaceAll(text, "'", "’")
	}
	return text
}

// spacing is a blank Apertium puts where the source had none: when transfer
// merges words into one ("would “start now”" → "empezarían “ ahora”",
// "hemisphere.”" → "hemisferio .”") or drops one ("But it should" → "Pero
// tendría" with two spaces), the blanks around the merged words come out
// together. The stock `apertium` command prints the same, so it is
// Apertium's blank handling, not our stream format; it is never a choice of
// translation, so tidySpacing removes it.
type spacing struct {
	// in is the pattern the source must not contain for the rule to apply
	// (a source that itself writes "« " keeps the draft's "« ").
	in  *regexp.Regexp
	fix *regexp.Regexp
	to  string
}

var spacingRules = []spacing{
	{regexp.MustCompile(`[“‘«] `), regexp.MustCompile(`([“‘«]) +`), "$1"},
	{regexp.MustCompile(` [”»]`), regexp.MustCompile(` +([”»])`), "$1"},
	{regexp.MustCompile(` [.,;:!?]`), regexp.MustCompile(` +([.,;:!?])`), "$1"},
	{regexp.MustCompile(`  `), regexp.MustCompile(`  +`), " "},
}

// tidySpacing removes from draft (tagged text) the blanks that Apertium
// adds next to quotes and punctuation, and doubled spaces, unless the
// source plain text has the same shape.
func tidySpacing(draft, source string) string {
	for _, r := range spacingRules {
		if !r.in.MatchString(source) {
			draft = r.fix.ReplaceAllString(draft, r.to)
		}
	}
	return tidyStraightQuotes(draft, source)
}

// tidyStraightQuotes removes the blank Apertium leaves inside straight
// double quotes when transfer drops the word beside it: a Spanish subject
// pronoun ("\"We asked for 20%\"" → "\" Pedimos 20%\"", "said: \"We will
// vote!\"" → "dijo: \" votaremos!\""). A straight quote is an opening
// or a closing mark by its rank (first, third… open), so this is done only
// when the draft has the source's number of them, and a blank the source
// itself has on that side of that quote stays.
func tidyStraightQuotes(draft, source string) string {
	n := strings.Count(source, `"`)
	if n == 0 || n%2 != 0 || strings.Count(draft, `"`) != n {
		return draft
	}
	var srcBlank []bool // whether the source has a blank inside each quote
	for i := 0; i < len(source); i++ {
		if source[i] != '"' {
			continue
		}
		if len(srcBlank)%2 == 0 {
			srcBlank = append(srcBlank, i+1 < len(source) && source[i+1] == ' ')
		} else {
			srcBlank = append(srcBlank, i > 0 && source[i-1] == ' ')
		}
	}
	var b strings.Builder
	k := 0
	for i := 0; i < len(draft); i++ {
		c := draft[i]
		if c == ' ' && k%2 == 1 && !srcBlank[k] {
			if rest := strings.TrimLeft(draft[i:], " "); strings.HasPrefix(rest, `"`) {
				i += len(draft[i:]) - len(rest) - 1
				continue // blanks before a closing quote
			}
		}
		b.WriteByte(c)
		if c != '"' {
			continue
		}
		if k%2 == 0 && !srcBlank[k] {
			for i+1 < len(draft) && draft[i+1] == ' ' {
				i++
			}
		}
		k++
	}
	return b.String()
}

// typographic are the characters a draft must keep from its source, as
// many times: quotes, dashes, the ellipsis and the non-breaking space.
// Apostrophes are not counted: Apertium translates possessives ("Washington’s
// sights" → "las vistas de Washington"), which removes them rightly; a ’
// that closes a ‘ is a quote and is counted as one (see quoteCounts).
const typographic = "‘“”«»—–…\u00a0"

// quoteCounts counts the typographic characters of plain text, with ’ as a
// closing quote only where it closes a ‘ (the rule encode uses).
func quoteCounts(plain string) map[rune]int {
	n := map[rune]int{}
	open := 0
	for i, r := range plain {
		switch {
		case r == '‘':
			open++
			n[r]++
		case r == '’' && open > 0 && !nextIsWordRune(plain[i+utf8.RuneLen(r):]):
			open--
			n[r]++
		case strings.ContainsRune(typographic, r):
			n[r]++
		}
	}
	return n
}

// punctuationDiff names the typographic characters the draft has more or
// fewer of than the source ("“ (1 → 0)"), or "" when they agree.
func punctuationDiff(sourcePlain, draftPlain string) string {
	src, dst := quoteCounts(sourcePlain), quoteCounts(draftPlain)
	var diffs []string
	for _, r := range "‘’“”«»—–…\u00a0" {
		if src[r] != dst[r] {
			diffs = append(diffs, fmt.Sprintf("%s (%d → %d)", charName(r), src[r], dst[r]))
		}
	}
	return strings.Join(diffs, ", ")
}

func charName(r rune) string {
	if r == '\u00a0' {
		return "non-breaking space"
	}
	return "“" + string(r) + "”"
}

// indexFold returns the index of the first occurrence in s of the ASCII
// lower-case word w, matching letters of either case (Apertium may copy a
// capital onto a stand-in when transfer moves it to the start of a
// sentence), or -1. Byte-wise, so indexes stay valid in s.
func indexFold(s, w string) int {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && lowerASCII(s[i+j]) == w[j] {
			j++
		}
		if j == len(w) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
