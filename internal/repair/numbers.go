package repair

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/note"
)

// englishNumberRE finds numbers written the English way: thousands with
// commas ("3,000", "12,500.75") or a decimal point ("4.5").
var englishNumberRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+`)

// localNumbers rewrites the numbers an engine copied from an English
// source into Spanish or Portuguese convention: "3,000" → "3.000", "4.5" →
// "4,5". Only numbers the source writes the same way are touched, and
// never versions or codes ("Web 2.0", "1.2.3", "v2.5").
func localNumbers(s, source, lang string) (string, []note.Note) {
	if lang != "es" && lang != "pt" {
		return s, nil
	}
	if !digitSepDigit(s) {
		return s, nil // no number the pattern could match: skip it, it is slow
	}
	var notes []note.Note
	locs := englishNumberRE.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s, nil
	}
	links := linkRE.FindAllStringIndex(s, -1)
	var b strings.Builder
	prev := 0
	for _, l := range locs {
		num := s[l[0]:l[1]]
		if !inSourceAsNumber(source, num) || versionLike(s, l[0], l[1]) || insideAny(links, l[0]) {
			continue
		}
		swapped := strings.Map(func(r rune) rune {
			switch r {
			case '.':
				return ','
			case ',':
				return '.'
			}
			return r
		}, num)
		b.WriteString(s[prev:l[0]])
		b.WriteString(swapped)
		prev = l[1]
		notes = append(notes, note.New(note.NumberFormatChanged, "from", num, "to", swapped))
	}
	b.WriteString(s[prev:])
	return b.String(), notes
}

// digitSepDigit reports whether s has a digit, a comma or full stop, and a
// digit in a row: every match of englishNumberRE has.
func digitSepDigit(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if (s[i+1] == '.' || s[i+1] == ',') && isDigit(s[i]) && isDigit(s[i+2]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// linkRE finds URLs and e-mail addresses, whose digits are not numbers.
var linkRE = regexp.MustCompile(`(?i)(?:https?://|ftp://|www\.)[^\s<>"“”«»]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

func insideAny(spans [][]int, i int) bool {
	for _, sp := range spans {
		if i >= sp[0] && i < sp[1] {
			return true
		}
	}
	return false
}

// inSourceAsNumber reports whether num occurs in source as a whole number.
func inSourceAsNumber(source, num string) bool {
	for from := 0; ; {
		i := strings.Index(source[from:], num)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(num)
		if !digitOrSep(source, i-1) && !digitAfter(source, j) {
			return true
		}
		from = j
	}
}

func digitOrSep(s string, i int) bool {
	if i < 0 {
		return false
	}
	c := s[i]
	return c >= '0' && c <= '9' || ((c == '.' || c == ',') && i > 0 && s[i-1] >= '0' && s[i-1] <= '9')
}

func digitAfter(s string, j int) bool {
	if j >= len(s) {
		return false
	}
	c := s[j]
	if c >= '0' && c <= '9' {
		return true
	}
	return (c == '.' || c == ',') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9'
}

// versionLike: glued to letters ("v2.5", "2.5GHz"), part of a longer dotted
// sequence ("1.2.3"), or after a capitalised word ("Web 2.0") — which a
// number with thousands groups never is ("Around 2,800", "Spain: 1,150").
// An amount after a currency sign is money whatever follows it ("$2.4m",
// "€1.2bn").
func versionLike(s string, i, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.Is(unicode.Sc, r) && !digitAfter(s, j) {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(r) {
		return true
	}
	if digitAfter(s, j) || digitOrSep(s, i-1) {
		return true
	}
	if strings.Contains(s[i:j], ",") {
		return false // thousands groups: a count, not a version
	}
	before := strings.TrimRight(s[:i], " ")
	if k := strings.LastIndexAny(before, " \t\n"); k >= 0 || before != "" {
		w := before[k+1:]
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !strings.ContainsAny(w, ".!?") && k >= 0 {
			return true
		}
		lw := strings.ToLower(w)
		if lw == "versión" || lw == "versão" || lw == "version" {
			return true
		}
	}
	return false
}
