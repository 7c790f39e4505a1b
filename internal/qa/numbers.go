package qa

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// number is a number as written in plain text.
type number struct {
	text   string   // as written ("3,000", "4.5", "19th")
	digits string   // without ordinal or decade suffix
	values []string // canonical values it may stand for ("3000", "3")
	// alt are further values it may be written as: an ordinal as a Roman
	// numeral ("19th" → XIX), a decade by its last two digits ("1980s" →
	// "80").
	alt []string
	// scaled are the values times the scale word after the number ("100
	// billion" → 100000000000, "100.000 millones" → the same).
	scaled []string
}

// numberRE finds digits with inner separators (".", ",", spaces used
// between groups of thousands) and an optional suffix.
var numberRE = regexp.MustCompile(`\d+(?:[.,\x{00a0}\x{202f} ]\d+)*(?:st|nd|rd|th|s|’s|'s)?`)

// findNumbers returns the numbers of plain text s, with URLs and e-mail
// addresses left out. strict is the language whose conventions decide an
// ambiguous "3,000" ("en": 3000; "es", "pt": 3); "" accepts both readings.
func findNumbers(s, strict string) []number {
	if !hasDigit(s) {
		return nil // numberRE needs an ASCII digit; skip the slow pattern
	}
	s = blankLinks(s)
	var out []number
	for _, loc := range numberRE.FindAllStringIndex(s, -1) {
		// Digits after letters ("G20", "COVID19", "mp3") are part of a
		// name, not a quantity; letters after digits are a unit or a
		// suffix ("10km", "3er", "1980s") and the number counts.
		if loc[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:loc[0]]); unicode.IsLetter(r) {
				continue
			}
		}
		parts := splitSpaced(s[loc[0]:loc[1]])
		for k, part := range parts {
			n := parseNumber(part, strict)
			if k == len(parts)-1 {
				if z := scaleAfter(s[loc[1]:]); z > 0 {
					for _, v := range n.values {
						n.scaled = append(n.scaled, shift(v, z))
					}
				}
			}
			out = append(out, n)
		}
	}
	return out
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// scales are the powers of ten of scale words (short scale in English and
// Brazilian Portuguese; Spanish "mil millones" is a thousand million).
var scales = map[string]int{
	"thousand": 3, "million": 6, "millions": 6, "billion": 9, "billions": 9, "trillion": 12,
	"mil": 3, "millón": 6, "millones": 6, "millardo": 9, "millardos": 9, "billón": 12, "billones": 12,
	"milhão": 6, "milhões": 6, "bilhão": 9, "bilhões": 9, "bilião": 12, "biliões": 12, "trilhão": 12, "trilhões": 12,
}

// scaleAfter returns the power of ten of the scale words right after a
// number ("billion", "mil millones"), 0 if none.
func scaleAfter(rest string) int {
	z := 0
	for k, w := range strings.Fields(rest) {
		w = strings.ToLower(strings.TrimRight(w, ".,;:!?)”»"))
		e, ok := scales[w]
		if !ok || k == 2 {
			break
		}
		z += e
	}
	return z
}

// shift multiplies a canonical value by 10^z.
func shift(v string, z int) string {
	i, dec, _ := strings.Cut(v, ".")
	for ; z > 0; z-- {
		if dec != "" {
			i, dec = i+dec[:1], dec[1:]
		} else {
			i += "0"
		}
	}
	return canonical(i, dec)
}

// splitSpaced splits "2024 300" into two numbers but keeps "3 000" whole:
// a space separates thousands only between a group of 1–3 digits and groups
// of exactly 3.
func splitSpaced(tok string) []string {
	f := strings.FieldsFunc(tok, isSpaceSep)
	if len(f) == 1 {
		return f
	}
	ok := len(f[0]) <= 3 && allDigits(f[0])
	for _, g := range f[1:] {
		d, _, _ := strings.Cut(strings.NewReplacer(",", " ", ".", " ").Replace(g), " ")
		if len(d) != 3 {
			ok = false
		}
	}
	if ok {
		return []string{tok}
	}
	return f
}

func isSpaceSep(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func parseNumber(tok, strict string) number {
	n := number{text: tok, digits: tok}
	for _, suf := range []string{"st", "nd", "rd", "th", "’s", "'s", "s"} {
		if d, ok := strings.CutSuffix(tok, suf); ok && d != "" && d[len(d)-1] >= '0' && d[len(d)-1] <= '9' {
			n.digits = d
			if suf == "s" || suf == "’s" || suf == "'s" {
				if len(d) == 4 {
					n.alt = append(n.alt, canonical(d[2:], ""))
				}
			} else if v := canonical(d, ""); len(v) <= 4 {
				if r := roman(v); r != "" {
					n.alt = append(n.alt, r)
				}
			}
			break
		}
	}
	n.values = readings(n.digits, strict)
	return n
}

// readings returns the canonical values a written number may stand for.
func readings(d, strict string) []string {
	d = strings.Map(func(r rune) rune {
		if isSpaceSep(r) {
			return -1
		}
		return r
	}, d)
	dots, commas := strings.Count(d, "."), strings.Count(d, ",")
	switch {
	case dots == 0 && commas == 0:
		return []string{canonical(d, "")}
	case dots > 0 && commas > 0:
		// The later kind is the decimal mark.
		dec := byte('.')
		if strings.LastIndexByte(d, ',') > strings.LastIndexByte(d, '.') {
			dec = ','
		}
		i := strings.LastIndexByte(d, dec)
		if strings.Count(d, string(dec)) > 1 || !thousandGroups(d[:i]) {
			return []string{d}
		}
		return []string{canonical(stripSeps(d[:i]), d[i+1:])}
	}
	sep := "."
	if commas > 0 {
		sep = ","
	}
	if strings.Count(d, sep) > 1 {
		if thousandGroups(d) {
			return []string{canonical(stripSeps(d), "")}
		}
		return []string{d} // a version or a date: compare as written
	}
	a, b, _ := strings.Cut(d, sep)
	thousands := canonical(a+b, "")
	decimal := canonical(a, b)
	if len(b) != 3 || len(a) > 3 {
		return []string{decimal}
	}
	switch {
	case strict == "en" && sep == ",", (strict == "es" || strict == "pt") && sep == ".":
		return []string{thousands}
	case strict == "en" && sep == ".", (strict == "es" || strict == "pt") && sep == ",":
		return []string{decimal}
	}
	return []string{thousands, decimal}
}

// thousandGroups reports whether d is 1–3 digits then groups of 3 joined by
// one kind of separator.
func thousandGroups(d string) bool {
	parts := strings.FieldsFunc(d, func(r rune) bool { return r == '.' || r == ',' })
	if len(parts) < 2 || len(parts[0]) > 3 || !allDigits(parts[0]) {
		return len(parts) == 1 && allDigits(parts[0])
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return false
		}
	}
	return strings.Count(d, ".") == 0 || strings.Count(d, ",") == 0
}

func stripSeps(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == ',' {
			return -1
		}
		return r
	}, s)
}

// canonical writes an integer and a decimal part without leading or
// trailing zeros: "0012", "50" → "12.5".
func canonical(i, dec string) string {
	i = strings.TrimLeft(i, "0")
	if i == "" {
		i = "0"
	}
	dec = strings.TrimRight(dec, "0")
	if dec == "" {
		return i
	}
	return i + "." + dec
}

// roman writes 1–3999 in Roman numerals ("" otherwise).
func roman(v string) string {
	n := 0
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return ""
		}
		n = n*10 + int(v[i]-'0')
	}
	if n <= 0 || n >= 4000 {
		return ""
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// checkNumbers matches the numbers of source and target by value, whatever
// separators each writes ("3,000" ↔ "3.000" ↔ "3 000", "4.5" ↔ "4,5",
// "65%" ↔ "65 %"). A number written as a word on the other side ("three",
// "tres", "três") is no mismatch, nor is an ordinal written in Roman
// numerals ("19th century" ↔ "siglo XIX"). A matched number written with
// the other convention's separators gets number_format.
func checkNumbers(t *text, emit func(string, ...string)) {
	srcText, tgtText := t.src, t.tgt
	if t.fromL == "en" {
		srcText, tgtText = blankTimes(srcText, tgtText) // "4:12 p.m." ↔ "16.12"
	}
	src := findNumbers(srcText, t.fromL)
	if len(src) == 0 && !strings.ContainsAny(tgtText, "0123456789") {
		return
	}
	tgt := findNumbers(tgtText, "")
	used := make([]bool, len(tgt))
	// Target numbers by value, so matching stays linear.
	byValue, byScaled := map[string][]int{}, map[string][]int{}
	for j, g := range tgt {
		for _, v := range g.values {
			byValue[v] = append(byValue[v], j)
		}
		for _, v := range g.scaled {
			byScaled[v] = append(byScaled[v], j)
		}
	}
	take := func(m map[string][]int, vs ...string) int {
		for _, v := range vs {
			for len(m[v]) > 0 {
				j := m[v][0]
				m[v] = m[v][1:]
				if !used[j] {
					return j
				}
			}
		}
		return -1
	}
	tgtWords := upperWords(t.tgt)
	tgtNumberWords := numberWordValues(t.tgt, t.toL)
	for _, s := range src {
		var matched string
		k := -1
		for _, v := range s.values {
			if k = take(byValue, v); k >= 0 {
				matched = v
				break
			}
		}
		if k < 0 {
			k = take(byValue, s.alt...)
		}
		if k < 0 {
			k = take(byValue, s.scaled...)
		}
		if k < 0 {
			k = take(byScaled, append(append([]string{}, s.values...), s.scaled...)...)
		}
		if k >= 0 {
			used[k] = true
			if want, bad := wrongConvention(tgt[k].digits, matched, t.toL); bad && !scaledRightly(s, tgt[k], t.toL) {
				emit(CodeNumberFormat, "number", tgt[k].digits, "want", want)
			}
			continue
		}
		if anyIn(s.alt, tgtWords) || anyIn(s.values, tgtNumberWords) {
			continue
		}
		emit(CodeNumberMissing, "number", s.text)
	}
	srcNumberWords := numberWordValues(t.src, t.fromL)
	for j, g := range tgt {
		if !used[j] && !anyIn(g.values, srcNumberWords) {
			emit(CodeNumberExtra, "number", g.text)
		}
	}
}

// scaledRightly reports whether target number g, read with its scale word,
// is source number s with its own, written in lang's convention: "2.060
// millones" for "2.06 billion" is 2060 millions, not a decimal point in
// the wrong place, although 2.06 is also one of its readings.
func scaledRightly(s, g number, lang string) bool {
	for i, v := range g.scaled {
		if slices.Contains(s.scaled, v) {
			if _, bad := wrongConvention(g.digits, g.values[i], lang); !bad {
				return true
			}
		}
	}
	return false
}

func anyIn(vs []string, set map[string]bool) bool {
	for _, v := range vs {
		if set[v] {
			return true
		}
	}
	return false
}

// upperWords is the set of words of s written in capitals (Roman numerals
// among them).
func upperWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range letterWords(s) {
		if allUpper(w.text) {
			m[w.text] = true
		}
	}
	return m
}

// wrongConvention reports whether written (a number whose value is v) uses
// the separators of another convention than lang's, and how lang writes
// it: Spanish and Portuguese write "3.000" and "4,5", English "3,000" and
// "4.5".
func wrongConvention(written, v, lang string) (string, bool) {
	if v == "" || !strings.ContainsAny(written, ".,") {
		return "", false
	}
	var dec byte
	if strings.Contains(v, ".") {
		dec = written[strings.LastIndexAny(written, ".,")]
	}
	thousands := stripDecimal(written, dec)
	var bad bool
	switch lang {
	case "es", "pt":
		bad = dec == '.' || strings.Contains(thousands, ",")
	case "en":
		bad = dec == ',' || strings.Contains(thousands, ".")
	default:
		return "", false
	}
	if !bad {
		return "", false
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return ','
		case ',':
			return '.'
		}
		return r
	}, written), true
}

func stripDecimal(written string, dec byte) string {
	if dec == 0 {
		return written
	}
	return written[:strings.LastIndexByte(written, dec)]
}

// numberWords maps number words to their values, per language.
var numberWords = map[string]map[string]string{
	"en": words2values(`zero:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11
		twelve:12 dozen:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19
		twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100
		thousand:1000 million:1000000 billion:1000000000 first:1 second:2 third:3 fourth:4 fifth:5 sixth:6
		seventh:7 eighth:8 ninth:9 tenth:10 half:0.5`),
	"es": words2values(`cero:0 un:1 uno:1 una:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9
		diez:10 once:11 doce:12 docena:12 trece:13 catorce:14 quince:15 dieciséis:16 diecisiete:17 dieciocho:18
		diecinueve:19 veinte:20 treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80
		noventa:90 cien:100 ciento:100 mil:1000 millón:1000000 millones:1000000 primero:1 primer:1 primera:1
		segundo:2 segunda:2 tercero:3 tercer:3 tercera:3 cuarto:4 cuarta:4 quinto:5 quinta:5 sexto:6 sexta:6
		séptimo:7 séptima:7 octavo:8 octava:8 noveno:9 novena:9 décimo:10 décima:10 medio:0.5 media:0.5`),
	"pt": words2values(`zero:0 um:1 uma:1 dois:2 duas:2 três:3 quatro:4 cinco:5 seis:6 sete:7 oito:8 nove:9
		dez:10 onze:11 doze:12 dúzia:12 treze:13 catorze:14 quatorze:14 quinze:15 dezesseis:16 dezasseis:16
		dezessete:17 dezassete:17 dezoito:18 dezenove:19 dezanove:19 vinte:20 trinta:30 quarenta:40
		cinquenta:50 sessenta:60 setenta:70 oitenta:80 noventa:90 cem:100 cento:100 mil:1000 milhão:1000000
		milhões:1000000 bilhão:1000000000 bilhões:1000000000 primeiro:1 primeira:1 segundo:2 segunda:2
		terceiro:3 terceira:3 quarto:4 quarta:4 quinto:5 quinta:5 sexto:6 sexta:6 sétimo:7 sétima:7
		oitavo:8 oitava:8 nono:9 nona:9 décimo:10 décima:10 meio:0.5 meia:0.5`),
}

func words2values(s string) map[string]string {
	m := map[string]string{}
	for _, f := range strings.Fields(s) {
		w, v, _ := strings.Cut(f, ":")
		m[w] = v
	}
	return m
}

// numberWordValues is the set of values written as words in s.
func numberWordValues(s, lang string) map[string]bool {
	table := numberWords[lang]
	out := map[string]bool{}
	if table == nil {
		return out
	}
	for _, w := range letterWords(s) {
		if v, ok := table[strings.ToLower(w.text)]; ok {
			out[v] = true
		}
	}
	return out
}
