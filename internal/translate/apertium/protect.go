package apertium

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// protectedTerms returns the terms to keep out of Apertium's hands for a
// request: the glossary (do-not-translate terms as they are, other entries
// replaced by their target), e-mail addresses, then, if names is set, personal names found in
// the request. Apertium's dictionaries translate names that are also
// words — "Donald Trump" came back as "Donald Triunfo" — so a name travels
// as an atom instead.
func protectedTerms(req translate.Request, names bool) []term {
	var out []term
	seen := map[string]bool{}
	add := func(src, dst string) {
		if src != "" && !seen[src] {
			seen[src] = true
			out = append(out, term{source: src, target: dst})
		}
	}
	for _, g := range req.Glossary {
		if g.DoNotTranslate || g.Target == "" {
			add(g.Source, g.Source)
		} else {
			add(g.Source, g.Target)
		}
	}
	// E-mail addresses: Apertium translates their words
	// ("security@example.org" came back "seguridad@example.org").
	for _, seg := range req.Segments {
		for _, m := range emailRE.FindAllString(seg.Text, -1) {
			add(m, m)
		}
	}
	if names {
		for _, n := range findNames(req.Segments) {
			add(n, n)
		}
	}
	// Longest first, so "Donald Trump" wins over "Trump" at the same place.
	slices.SortStableFunc(out, func(a, b term) int { return len(b.source) - len(a.source) })
	return out
}

// emailRE finds e-mail addresses (the local part, "@", a dotted domain).
var emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)

// findNames guesses personal names: runs of two or more capitalised words
// ("Donald Trump", "Keir Starmer"), plus the last word of each such run on
// its own ("Trump" later in the article). Runs break at function words
// ("of", "The"), and a run holding a word of places or institutions ("Latin
// America", "White House", "Prime Minister") is not a name: Apertium
// translates those correctly and they should be translated. Such words
// opening a run are titles, left out of the name that follows them
// ("Mayor Patricia O'Connell"). A lone "O'Brien" is a name too.
func findNames(segs []translate.Segment) []string {
	var names []string
	for _, s := range segs {
		words := strings.FieldsFunc(inline.Plain(s.Text), func(r rune) bool {
			return !(unicode.IsLetter(r) || r == '\'' || r == '’' || r == '-' || r == '.')
		})
		var run []string
		end := func() {
			// A title or an institution before a name is not part of it:
			// "Mayor Patricia O'Connell", "President Donald Trump".
			k := 0
			for k < len(run) && isInstitutional(run[k]) {
				k++
			}
			if k > 0 {
				run = append(run[:0], run[k:]...)
			}
			if len(run) == 1 && apostropheNameRE.MatchString(run[0]) {
				// "O'Brien" alone: Apertium's es→pt mode makes it "Ou'Brien".
				if !slices.Contains(names, run[0]) {
					names = append(names, run[0])
				}
			}
			if len(run) >= 2 && !slices.ContainsFunc(run, isInstitutional) {
				n := strings.Join(run, " ")
				if !slices.Contains(names, n) {
					names = append(names, n)
				}
				if last := run[len(run)-1]; !slices.Contains(names, last) {
					names = append(names, last)
				}
			}
			run = run[:0]
		}
		for i, w := range words {
			// Possessives and quotes are not part of a name: "Doctrine’" in
			// "‘Donroe Doctrine’" is "Doctrine", else the quote would travel
			// inside the protected term and escape the typography handling.
			// A possessive ends a name: "Mexico’s Benito Juárez" is Mexico
			// and Benito Juárez, not one name "Mexico Benito Juárez" (which
			// never matched, so only "Juárez" was protected and Apertium's
			// genitive rule made "Benito de México Juárez").
			poss := strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			w = strings.Trim(w, "'’-.")
			if isCapitalised(w) && !isFunctionWord(w) {
				run = append(run, w)
				if poss {
					end()
				}
				continue
			}
			// A particle between capitalised words belongs to the name:
			// "Lula da Silva", "Cais do Sodré" (Apertium took "do" for
			// the English verb and dropped it).
			if len(run) > 0 && !poss && inList(nameParticles, w) && i+1 < len(words) && isCapitalised(strings.Trim(words[i+1], "'’-.")) {
				run = append(run, w)
				continue
			}
			end()
		}
		end()
	}
	return names
}

// apostropheNameRE matches Irish, Italian and French names written with an
// elided particle: O'Brien, D'Angelo, O’Neil.
var apostropheNameRE = regexp.MustCompile(`^[ODL]['’]\p{Lu}\p{Ll}+$`)

// isCapitalised: an upper-case letter then at least one lower-case one
// (acronyms like "US" are left to Apertium).
func isCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	return strings.IndexFunc(w[n:], unicode.IsLower) >= 0
}

func isInstitutional(w string) bool { return inList(institutional, w) }

func isFunctionWord(w string) bool { return inList(functionWords, w) }

// inList reports whether w (any case) is a word of the space-separated list.
func inList(list, w string) bool {
	return slices.Contains(strings.Fields(list), strings.ToLower(w))
}

const functionWords = ` a an the of and or in on at to for from by with as but not is was are this that these those
 his her its their our my your he she it we they i you if when while after before so yet although because since
 once unless until whether though then also even just only still what where why how who which `

// nameParticles join the parts of Portuguese, Spanish, Italian, Dutch and
// German names and places.
const nameParticles = ` da das de del della do dos di du van von der den `

const institutional = ` america american americas states united kingdom union nations republic
 sea ocean river mountains island islands gulf bay north south east west northern southern eastern western
 new central latin middle great
 president minister prime secretary general chancellor king queen prince senator governor mayor
 house white court supreme congress senate parliament council department ministry office party army navy force
 university bank company corporation church state city county province
 january february march april may june july august september october november december
 monday tuesday wednesday thursday friday saturday sunday `
