package glossary

import (
	"strings"
	"unicode"
)

// Portuguese inflection, the same two uses as Spanish: a preferred term
// forced in the number of the source, and a term found in a translation in
// any gender and number ("trabalhador/trabalhadora/trabalhadores",
// "sindicalização/sindicalizações", "jornal/jornais").

var portugueseIrregular = map[string]string{"mal": "males", "cônsul": "cônsules", "cal": "cales"}

// PortuguesePlural returns the plural of a Portuguese noun or adjective:
// vowel +s ("greve" → "greves"), -ão → -ões ("ação" → "ações"), -m → -ns
// ("homem" → "homens"), -al/-ol/-ul → -ais/-óis/-uis, -el → -éis ("papel"
// → "papéis", but "nível" → "níveis"), stressed -il → -is ("funil" →
// "funis"), unstressed -il → -eis ("fóssil" → "fósseis"), -r/-z +es,
// stressed -s +es losing its accent ("inglês" → "ingleses"), unstressed -s
// and -x unchanged ("lápis", "tórax"). Acronyms do not change.
func PortuguesePlural(w string) string {
	if w == "" || isAcronym(w) {
		return w
	}
	if p, ok := portugueseIrregular[strings.ToLower(w)]; ok {
		return matchCase(w, p)
	}
	r := []rune(w)
	n := len(r)
	lower := strings.ToLower(w)
	last := unicode.ToLower(r[n-1])
	upper := unicode.IsUpper(r[n-1])
	suffix := func(s string) string {
		if upper {
			return strings.ToUpper(s)
		}
		return s
	}
	accentedBefore := func(k int) bool { return hasWrittenAccent(r[:n-k]) }
	switch {
	case strings.HasSuffix(lower, "ão"):
		return string(r[:n-2]) + suffix("ões")
	case last == 'm':
		return string(r[:n-1]) + suffix("ns")
	case strings.HasSuffix(lower, "al"):
		return string(r[:n-1]) + suffix("is")
	case strings.HasSuffix(lower, "el"):
		if accentedBefore(2) {
			return string(r[:n-1]) + suffix("is") // nível → níveis
		}
		return string(r[:n-2]) + suffix("éis") // papel → papéis
	case strings.HasSuffix(lower, "ol"):
		if accentedBefore(2) {
			return string(r[:n-1]) + suffix("is") // álcool → álcoois
		}
		return string(r[:n-2]) + suffix("óis") // farol → faróis
	case strings.HasSuffix(lower, "ul"):
		return string(r[:n-1]) + suffix("is")
	case strings.HasSuffix(lower, "il"):
		if accentedBefore(2) {
			return string(r[:n-2]) + suffix("eis") // fóssil → fósseis
		}
		return string(r[:n-1]) + suffix("s") // funil → funis
	case last == 'r' || last == 'z':
		return w + suffix("es")
	case last == 's':
		if syllables(r) == 1 || finalStressMarked(r) {
			return string(unaccentFinal(r)) + suffix("es") // mês, inglês, país
		}
		return w // lápis, ônibus
	case last == 'x':
		return w
	}
	return w + suffix("s") // vowels, -n (hífen → hífens), loans
}

// portugueseGenders returns the other-gender forms of a word, for matching:
// -o ↔ -a, -or ↔ -ora, -ão → -ã/-ona/-oa, -ês ↔ -esa, -e → -a.
func portugueseGenders(w string) []string {
	s := strings.ToLower(w)
	if len([]rune(s)) < 3 {
		return nil
	}
	switch {
	case strings.HasSuffix(s, "ão"):
		stem := strings.TrimSuffix(s, "ão")
		return []string{stem + "ã", stem + "ona", stem + "oa"}
	case strings.HasSuffix(s, "ã"):
		return []string{strings.TrimSuffix(s, "ã") + "ão"}
	case strings.HasSuffix(s, "ês"):
		return []string{strings.TrimSuffix(s, "ês") + "esa"}
	case strings.HasSuffix(s, "esa"):
		return []string{strings.TrimSuffix(s, "esa") + "ês"}
	case strings.HasSuffix(s, "ora"):
		return []string{strings.TrimSuffix(s, "a")}
	case strings.HasSuffix(s, "or"):
		return []string{s + "a"}
	case strings.HasSuffix(s, "o"):
		return []string{strings.TrimSuffix(s, "o") + "a"}
	case strings.HasSuffix(s, "a"):
		return []string{strings.TrimSuffix(s, "a") + "o"}
	case strings.HasSuffix(s, "e"):
		return []string{strings.TrimSuffix(s, "e") + "a"}
	}
	return nil
}

// PortugueseForms returns the forms of a Portuguese word a glossary match
// accepts: the word, its plural (all three plurals of -ão: "ações",
// "pães", "mãos"), and the other gender in both numbers.
func PortugueseForms(w string) []string {
	out := []string{w, PortuguesePlural(w)}
	if stem, ok := strings.CutSuffix(strings.ToLower(w), "ão"); ok {
		out = append(out, stem+"ães", stem+"ãos")
	}
	for _, g := range portugueseGenders(w) {
		out = append(out, g, PortuguesePlural(g))
	}
	return out
}
