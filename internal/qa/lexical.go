package qa

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkRepeated flags a word written twice in a row ("de de"). A name
// ("Boutros Boutros-Ghali", "Sirhan Sirhan") and a repetition the source
// has too ("very, very" → "muy, muy") are left alone.
func checkRepeated(t *text, emit func(string, ...string)) {
	if t.srcDoubled {
		return
	}
	ws := t.tgtWords
	for i := 1; i < len(ws); i++ {
		a, b := ws[i-1], ws[i]
		if !strings.EqualFold(a.text, b.text) || capitalised(b.text) {
			continue
		}
		if gap := t.tgt[a.end:b.start]; strings.TrimSpace(gap) != "" && gap != ", " {
			continue
		}
		emit(CodeRepeatedWord, "word", b.text)
	}
}

// englishLooking reports spellings that Spanish and Portuguese words do not
// have: "w", "k", "th", "sh", "ck", doubled consonants other than
// rr/ll/ss/cc/nn, and English endings (-ing, -ly, -ness, -tion, -ed after a
// consonant cluster …). Without a dictionary this is how a word left in
// English is told from a cognate ("total", "normal", "capital").
func englishLooking(w string) bool {
	w = strings.ToLower(w)
	if strings.ContainsAny(w, "wk") {
		return true
	}
	for _, s := range []string{"th", "sh", "ck", "gh", "ph", "bb", "dd", "ff", "gg", "pp", "tt", "zz", "ee", "oo", "ea", "ou", "oa", "ai", "yi"} {
		if strings.Contains(w, s) {
			return true
		}
	}
	for _, s := range []string{"ing", "ly", "ness", "tion", "tions", "ship", "ful", "less", "ment", "ments", "ism", "ised", "ized", "ted", "ded", "xed", "ked"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	if r, n := utf8.DecodeLastRuneInString(w); r == 'y' {
		p, _ := utf8.DecodeLastRuneInString(w[:len(w)-n])
		return !strings.ContainsRune("aeiou", p)
	}
	return false
}

// minLeftover is the shortest word checked as a leftover of another
// language: short words are too often shared ("a", "no", "de", "me").
const minLeftover = 4

// checkUntranslated flags lower-case words of the source that come back
// unchanged in the target and are not words of the target language: by
// the speller when there is one, else by their English spelling. Names are
// capitalised and skipped; so are glossary terms.
func checkUntranslated(ctx context.Context, t *text, sp Speller, emit func(string, ...string)) {
	if t.fromL == t.toL {
		return
	}
	var cands []string
	// The words of a URL or an e-mail address are the source's by right.
	for _, w := range t.noLinkWords {
		lw := w.text
		if utf8.RuneCountInString(lw) < minLeftover || capitalised(lw) || !t.srcWords[lw] || t.glossaryWords[lw] {
			continue
		}
		cands = append(cands, lw)
	}
	for _, w := range notWordsOf(ctx, sp, t.seg.To, cands, englishLooking) {
		emit(CodeUntranslated, "word", w)
	}
}

// spanishOnly are frequent Spanish words that are not Portuguese.
var spanishOnly = wordSet(`el los las del pero muy hay y ellos ella ellas esto eso aquí así sin con una uno
	hoy ayer ahora luego nuevo nueva nuevos nuevas tiene tienen puede pueden hace hacen fue fueron según
	quién quien cuál cuando donde dónde mucho mucha muchos muchas después otro otra otros otras
	siempre nunca también sólo solo año años mientras aunque entonces todavía hasta cual cuyo cuya
	porqué usted ustedes nosotros vosotros mismo misma mismos mismas bien pues allí algo nada nadie
	qué cómo cuánto cuántos le les lo se su sus mi mis tu tus hacia contra desde entre sobre tras`)

// portugueseToo are words on the list above that Portuguese also has.
var portugueseToo = wordSet(`desde entre sobre contra se`)

// listSet is wordSet(strings.Join(ws, " ")) without the joining and
// splitting: a word without white space (all a speller returns for our
// letter runs) is its own field.
func listSet(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		if strings.IndexFunc(w, unicode.IsSpace) < 0 {
			if w != "" {
				m[w] = true
			}
			continue
		}
		for _, f := range strings.Fields(w) {
			m[f] = true
		}
	}
	return m
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// spanishLooking reports frequent Spanish-only words and spellings
// Portuguese does not use: ñ, ll, -ción/-sión, -dad, an unaccented
// -ario/-aria, and cc (Brazilian spelling has none).
func spanishLooking(w string) bool {
	w = strings.ToLower(w)
	if spanishOnly[w] && !portugueseToo[w] {
		return true
	}
	if strings.ContainsAny(w, "ñ") || strings.Contains(w, "ll") || strings.Contains(w, "cc") {
		return true
	}
	for _, s := range []string{"ción", "ciones", "sión", "siones", "dad", "dades", "ario", "aria", "arios", "arias", "ísimo", "ísima"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+1 {
			return true
		}
	}
	return false
}

// checkSpanishInPortuguese flags Spanish words in a Portuguese target: what
// an engine that pivots through Spanish leaves behind ("O reaccionario
// juggernaut"). With a speller, a word that Portuguese lacks and Spanish
// has; without one, Spanish-only spellings and words.
func checkSpanishInPortuguese(ctx context.Context, t *text, sp Speller, emit func(string, ...string)) {
	if t.toL != "pt" || t.fromL == "es" {
		return
	}
	var cands []string
	for _, w := range t.tgtWords {
		lw := strings.ToLower(w.text)
		if utf8.RuneCountInString(lw) < 2 || t.srcWords[lw] || t.glossaryWords[lw] {
			continue
		}
		if capitalised(w.text) && !sentenceInitial(t.tgt, w.start) && !spanishOnly[lw] {
			continue // a name
		}
		cands = append(cands, w.text)
	}
	if len(cands) == 0 {
		return
	}
	flagged := notWordsOf(ctx, sp, t.seg.To, cands, spanishLooking)
	if sp != nil && len(flagged) > 0 {
		// Of the words Portuguese lacks, keep the ones Spanish has.
		bad, err := sp.Misspelt(ctx, "es", flagged)
		if err == nil {
			isBad := listSet(bad)
			var keep []string
			for _, w := range flagged {
				if !isBad[w] || spanishLooking(w) {
					keep = append(keep, w)
				}
			}
			flagged = keep
		}
	}
	for _, w := range flagged {
		emit(CodeSpanishInPortuguese, "word", w)
	}
}

// notWordsOf returns the candidates that are not words of lang: those the
// speller rejects, or, without a speller (or without its dictionary), those
// the heuristic picks.
func notWordsOf(ctx context.Context, sp Speller, lang string, cands []string, heuristic func(string) bool) []string {
	if len(cands) == 0 {
		return nil
	}
	if sp != nil {
		if bad, err := sp.Misspelt(ctx, lang, cands); err == nil {
			set := listSet(bad)
			var out []string
			for _, c := range cands {
				if set[c] {
					out = append(out, c)
				}
			}
			return dedupe(out)
		}
	}
	var out []string
	for _, c := range cands {
		if heuristic(c) {
			out = append(out, c)
		}
	}
	return dedupe(out)
}

func dedupe(ws []string) []string {
	if len(ws) > 32 {
		seen := map[string]bool{}
		var out []string
		for _, w := range ws {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
		return out
	}
	// A segment's few words: a linear look-up in out is cheaper than
	// building a map, with the same result.
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// checkGlued flags tokens where words have run together, as engines glue
// them around protected terms: a lower-case run of three letters or more
// followed by a capital ("liganoOccidental", "operacionesdeCIA") or by a
// digit ("formaciónde4.5"), or a number followed by a word ("4.5meses").
// Tokens the source has ("iPhone", "macOS") and addresses are left alone.
func checkGlued(t *text, emit func(string, ...string)) {
	for _, tok := range t.noLinkTokens {
		// glued first: it is the cheap test and rarely true.
		if !glued(tok.text) || strings.Contains(t.src, tok.text) || strings.ContainsAny(tok.text, "@/#_") {
			continue
		}
		emit(CodeGluedWords, "word", tok.text)
	}
}

// glued reports whether a token looks like words run together.
func glued(tok string) bool {
	lower, digits := 0, 0
	for _, r := range tok {
		switch {
		case unicode.IsLower(r):
			if digits > 0 && lower == 0 {
				lower++
				if digitsThenWord(tok) {
					return true
				}
				continue
			}
			lower++
		case unicode.IsUpper(r):
			if lower >= 3 {
				return true
			}
			lower, digits = 0, 0
		case unicode.IsDigit(r):
			if lower >= 3 {
				return true
			}
			digits++
			lower = 0
		default:
			lower, digits = 0, 0
		}
	}
	return false
}

// digitsThenWord: "4.5meses", "10años" — at least four letters straight
// after a number ("10km", "3er", "1980s" are units and suffixes).
func digitsThenWord(tok string) bool {
	i := strings.IndexFunc(tok, unicode.IsDigit)
	for i >= 0 && i < len(tok) && (tok[i] >= '0' && tok[i] <= '9' || tok[i] == '.' || tok[i] == ',') {
		i++
	}
	n := 0
	for _, r := range tok[i:] {
		if !unicode.IsLower(r) {
			break
		}
		n++
	}
	return n >= 4
}
