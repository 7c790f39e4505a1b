package repair

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/note"
)

// gluedPrepositions are the words engines glue between two others when a
// hyphenated English compound comes apart ("non-Western league" →
// "liganoOccidental", "long-term CIA operations" → "operacionesdeCIA",
// "4.5-month training" → "formaciónde4.5"): longest first.
var gluedPrepositions = map[string][]string{
	"es": {"para", "con", "por", "sin", "del", "de", "no", "en", "al"},
	"pt": {"para", "com", "por", "sem", "não", "dos", "das", "do", "da", "de", "no", "na", "em", "ao"},
}

// splitGlued splits tokens where words have run together: a lower-case
// run of three letters or more followed by a capital or a digit, a
// preposition followed by a number, or a number followed by a word of four
// letters or more. A preposition at the
// end of the lower-case run becomes a word of its own. Tokens the source
// has ("iPhone", "DeepMind") are left alone.
//
// A token is a run of bytes other than ASCII white space (what the
// pattern [^\s]+ matches), scanned by hand: the pattern was a tenth of
// the repair's cost.
func splitGlued(s, source, lang string) (string, []note.Note) {
	var notes []note.Note
	var b strings.Builder
	prev := 0 // s[:prev] is in b, or nothing changed yet when b is empty
	changed := false
	for i := 0; i < len(s); {
		if asciiSpace(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && !asciiSpace(s[j]) {
			j++
		}
		tok := s[i:j]
		if rep, ok := splitGluedToken(tok, source, lang, &notes); ok {
			if !changed {
				b.Grow(len(s) + 8)
				changed = true
			}
			b.WriteString(s[prev:i])
			b.WriteString(rep)
			prev = j
		}
		i = j
	}
	if !changed {
		return s, notes
	}
	b.WriteString(s[prev:])
	return b.String(), notes
}

// asciiSpace reports the bytes of the \s class: tab, newline, form feed,
// carriage return and space.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// splitGluedToken returns tok split at its glue points and true, or false
// when it stays as it is.
func splitGluedToken(tok, source, lang string, notes *[]note.Note) (string, bool) {
	core := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if core == "" {
		return tok, false
	}
	// The split first: it is a cheap scan and rarely finds anything, where
	// looking the token up in the source costs a search of the source.
	split := splitToken(core, lang)
	if split == core || strings.Contains(source, core) || strings.ContainsAny(core, "@/#_&") {
		return tok, false
	}
	*notes = append(*notes, note.New(note.GluedWordsSplit, "from", core, "to", split))
	return strings.Replace(tok, core, split, 1), true
}

// splitToken splits one token at its glue points.
func splitToken(tok, lang string) string {
	lower, digits := 0, 0
	for i, r := range tok {
		switch {
		case unicode.IsLower(r):
			if digits > 0 && lower == 0 && lettersAfter(tok[i:]) >= 4 {
				return tok[:i] + " " + splitToken(tok[i:], lang)
			}
			lower++
			digits = 0
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			if lower >= 3 {
				return withPreposition(tok[:i], lang) + " " + splitToken(tok[i:], lang)
			}
			// A preposition alone glued to a number ("24-year-old" →
			// "de24 años").
			if unicode.IsDigit(r) && lower > 0 && lower == utf8.RuneCountInString(tok[:i]) && slices.Contains(gluedPrepositions[lang], tok[:i]) {
				return tok[:i] + " " + splitToken(tok[i:], lang)
			}
			lower = 0
			if unicode.IsDigit(r) {
				digits++
			} else {
				digits = 0
			}
		case r == '.' || r == ',':
			// inside a number ("4.5")
			lower = 0
		default:
			lower, digits = 0, 0
		}
	}
	return tok
}

func lettersAfter(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsLower(r) {
			break
		}
		n++
	}
	return n
}

// withPreposition separates a glued preposition from the end of left
// ("liganoOccidental" → "liga no"), when a plausible word remains.
func withPreposition(left, lang string) string {
	for _, p := range gluedPrepositions[lang] {
		rest, ok := strings.CutSuffix(left, p)
		if !ok || utf8.RuneCountInString(rest) < 3 {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(rest)
		if strings.ContainsRune("aeiouáéíóúãõâêônslrdzm", last) {
			return rest + " " + p
		}
	}
	return left
}

// removeDoubledStops removes the second of two full stops after a word
// ("EE.UU.." → "EE.UU."): an abbreviation's period also ends the
// sentence. An ellipsis ("...") is left alone, and so is a doubled stop the
// source has.
func removeDoubledStops(s, source string) (string, []note.Note) {
	if !strings.Contains(s, "..") || strings.Contains(source, "..") && !strings.Contains(source, "...") {
		return s, nil
	}
	var notes []note.Note
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && i+1 < len(s) && s[i+1] == '.' && (i+2 >= len(s) || s[i+2] != '.') && (i == 0 || s[i-1] != '.') {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) {
				w := s[:i+1]
				if k := strings.LastIndexAny(w, " \t\n"); k >= 0 {
					w = w[k+1:]
				}
				notes = append(notes, note.New(note.DoubledStopRemoved, "text", w))
				b.WriteByte('.')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String(), notes
}
