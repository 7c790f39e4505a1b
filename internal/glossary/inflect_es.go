package glossary

import (
	"strings"
	"unicode"
)

// Spanish inflection, for forcing a preferred translation in the number of
// the source ("unions" → "sindicatos") and for finding a term in a
// translation whatever its gender and number ("apisonadora/apisonadoras",
// "trabajador/trabajadora/trabajadores").

// spanishApocope maps shortened forms that take the full form's plural.
var spanishApocope = map[string]string{
	"primer": "primeros", "tercer": "terceros", "gran": "grandes", "buen": "buenos", "mal": "malos",
	"algún": "algunos", "ningún": "ningunos", "san": "santos",
}

// SpanishPlural returns the plural of a Spanish noun or adjective by the
// spelling rules: vowel +s ("casa" → "casas"), consonant +es ("trabajador"
// → "trabajadores"), -z → -ces ("luz" → "luces"), a final stressed syllable
// loses its written accent ("unión" → "uniones", "inglés" → "ingleses")
// unless it marks a hiatus ("país" → "países"), a paroxytone in -n gains
// one ("joven" → "jóvenes", "examen" → "exámenes"), unstressed -s and -x
// do not change ("crisis", "lunes"). Acronyms do not change ("ONG").
func SpanishPlural(w string) string {
	if w == "" || isAcronym(w) {
		return w
	}
	lower := strings.ToLower(w)
	if p, ok := spanishApocope[lower]; ok {
		return matchCase(w, p)
	}
	r := []rune(w)
	last := unicode.ToLower(r[len(r)-1])
	switch {
	case last == 's' || last == 'x':
		if syllables(r) == 1 {
			return w + "es" // mes, gas, dios
		}
		if finalStressMarked(r) {
			return string(unaccentFinal(r)) + "es" // inglés → ingleses
		}
		return w // crisis, lunes, tórax
	case last == 'z':
		return string(r[:len(r)-1]) + caseLike(r[len(r)-1], "ces") // luz, lápiz, raíz
	case strings.ContainsRune("aeiou", last):
		return w + "s"
	case strings.ContainsRune("áéó", last):
		return w + "s" // sofá, café, dominó
	case last == 'í':
		return w + "es" // iraní → iraníes
	case last == 'ú':
		return w + "s" // menú → menús
	case last == 'y':
		return w + "es" // ley → leyes
	case strings.ContainsRune("lrndj", last):
		switch {
		case finalStressMarked(r):
			return string(unaccentFinal(r)) + "es" // unión, alemán, almacén
		case last == 'n' && !hasWrittenAccent(r) && syllables(r) >= 2:
			return string(accentPenult(r)) + "es" // joven → jóvenes
		}
		return w + "es"
	}
	return w + "s" // club → clubs, test → tests
}

// spanishGenders returns the other-gender forms of a word, for matching:
// -o ↔ -a, -or ↔ -ora, -ón → -ona, -és → -esa, -án → -ana, -ín → -ina,
// -e → -a ("presidente" → "presidenta").
func spanishGenders(w string) []string {
	r := []rune(strings.ToLower(w))
	n := len(r)
	if n < 3 {
		return nil
	}
	s := string(r)
	var out []string
	switch {
	case strings.HasSuffix(s, "o"):
		out = append(out, s[:len(s)-1]+"a")
	case strings.HasSuffix(s, "ora"):
		out = append(out, s[:len(s)-1])
	case strings.HasSuffix(s, "a"):
		out = append(out, s[:len(s)-1]+"o")
	case strings.HasSuffix(s, "or"):
		out = append(out, s+"a")
	case strings.HasSuffix(s, "ón"), strings.HasSuffix(s, "és"), strings.HasSuffix(s, "án"), strings.HasSuffix(s, "ín"):
		out = append(out, string(unaccentFinal(r))+"a")
	case strings.HasSuffix(s, "e"):
		out = append(out, s[:len(s)-1]+"a")
	}
	return out
}

// SpanishForms returns the forms of a Spanish word a glossary match
// accepts: the word, its plural, and the other gender in both numbers.
func SpanishForms(w string) []string {
	out := []string{w, SpanishPlural(w)}
	for _, g := range spanishGenders(w) {
		out = append(out, g, SpanishPlural(g))
	}
	return out
}

// Letters of Spanish and Portuguese spelling.

func isVowelRune(r rune) bool {
	return strings.ContainsRune("aeiouáéíóúüâêôãõàAEIOUÁÉÍÓÚÜÂÊÔÃÕÀ", r)
}

func isStrong(r rune) bool {
	return strings.ContainsRune("aeoáéóâêôãõàAEOÁÉÓÂÊÔÃÕÀ", r)
}

func isMarked(r rune) bool { return strings.ContainsRune("áéíóúâêôÁÉÍÓÚÂÊÔ", r) }

// nuclei returns the index ranges [start, end) of the syllable nuclei of a
// word: runs of vowels split where two strong vowels meet or a marked weak
// vowel (í, ú) stands beside another (a hiatus: "pa-ís", "le-ón").
func nuclei(r []rune) [][2]int {
	var out [][2]int
	for i := 0; i < len(r); i++ {
		if !isVowelRune(r[i]) {
			continue
		}
		if i > 0 && isVowelRune(r[i-1]) && len(out) > 0 && out[len(out)-1][1] == i && !hiatus(r[i-1], r[i]) {
			out[len(out)-1][1] = i + 1
			continue
		}
		out = append(out, [2]int{i, i + 1})
	}
	return out
}

func hiatus(a, b rune) bool {
	weakMarked := func(r rune) bool { return strings.ContainsRune("íúÍÚ", r) }
	return (isStrong(a) && isStrong(b)) || weakMarked(a) || weakMarked(b)
}

func syllables(r []rune) int { return len(nuclei(r)) }

func hasWrittenAccent(r []rune) bool {
	for _, c := range r {
		if isMarked(c) {
			return true
		}
	}
	return false
}

// finalStressMarked: the last syllable carries a written accent.
func finalStressMarked(r []rune) bool {
	ns := nuclei(r)
	if len(ns) == 0 {
		return false
	}
	last := ns[len(ns)-1]
	for _, c := range r[last[0]:last[1]] {
		if isMarked(c) {
			return true
		}
	}
	return false
}

// unaccentFinal removes the written accent of the last syllable, except on
// a weak vowel in hiatus ("país" keeps it: "países").
func unaccentFinal(r []rune) []rune {
	out := append([]rune(nil), r...)
	ns := nuclei(out)
	if len(ns) == 0 {
		return out
	}
	last := ns[len(ns)-1]
	for i := last[0]; i < last[1]; i++ {
		c := out[i]
		if strings.ContainsRune("íúÍÚ", c) && ((i > 0 && isVowelRune(out[i-1])) || (i+1 < len(out) && isVowelRune(out[i+1]))) {
			continue
		}
		out[i] = plainVowel(c)
	}
	return out
}

// accentPenult puts an acute accent on the second-last syllable, on its
// strong vowel if it has one.
func accentPenult(r []rune) []rune {
	out := append([]rune(nil), r...)
	ns := nuclei(out)
	if len(ns) < 2 {
		return out
	}
	n := ns[len(ns)-2]
	at := n[1] - 1
	for i := n[0]; i < n[1]; i++ {
		if isStrong(out[i]) {
			at = i
			break
		}
	}
	out[at] = acute(out[at])
	return out
}

var plainVowels = map[rune]rune{
	'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'â': 'a', 'ê': 'e', 'ô': 'o',
	'Á': 'A', 'É': 'E', 'Í': 'I', 'Ó': 'O', 'Ú': 'U', 'Â': 'A', 'Ê': 'E', 'Ô': 'O',
}

var acuteVowels = map[rune]rune{'a': 'á', 'e': 'é', 'i': 'í', 'o': 'ó', 'u': 'ú', 'A': 'Á', 'E': 'É', 'I': 'Í', 'O': 'Ó', 'U': 'Ú'}

// plainVowel drops an acute or circumflex accent.
func plainVowel(c rune) rune {
	if p, ok := plainVowels[c]; ok {
		return p
	}
	return c
}

func acute(c rune) rune {
	if a, ok := acuteVowels[c]; ok {
		return a
	}
	return c
}

// isAcronym: two or more letters, none lower-case ("ONG", "EE. UU.").
func isAcronym(w string) bool {
	letters := 0
	for _, c := range w {
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsLetter(c) {
			letters++
		}
	}
	return letters >= 2
}

// caseLike writes suffix in upper case when the letter it replaces was.
func caseLike(prev rune, suffix string) string {
	if unicode.IsUpper(prev) {
		return strings.ToUpper(suffix)
	}
	return suffix
}

// matchCase gives form the capitalisation of like: "Gran" → "Grandes".
func matchCase(like, form string) string {
	r := []rune(like)
	if len(r) > 0 && unicode.IsUpper(r[0]) {
		f := []rune(form)
		f[0] = unicode.ToUpper(f[0])
		return string(f)
	}
	return form
}
