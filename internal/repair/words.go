package repair

import (
	"regexp"
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

var tokenRE = regexp.MustCompile(`[^\s]+`)

// splitGlued splits tokens where words have run together: a lower-case
// run of three letters or more followed by a capital or a digit, or a
// number followed by a word of four letters or more. A preposition at the
// end of the lower-case run becomes a word of its own. Tokens the source
// has ("iPhone", "DeepMind") are left alone.
func splitGlued(s, source, lang string) (string, []note.Note) {
	var notes []note.Note
	out := tokenRE.ReplaceAllStringFunc(s, func(tok string) string {
		core := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" || strings.Contains(source, core) || strings.ContainsAny(core, "@/#_&") {
			return tok
		}
		split := splitToken(core, lang)
		if split == core {
			return tok
		}
		notes = append(notes, note.New(note.GluedWordsSplit, "from", core, "to", split))
		return strings.Replace(tok, core, split, 1)
	})
	return out, notes
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
