package glossary

import (
	"strings"
)

// English inflection, for matching glossary terms in English sources: a
// term "union" must also match "unions", "union's" and "unions'", "strike"
// "strikes", "party" "parties", "chairman" "chairmen". Only nouns' number
// and the possessive matter; verbs are not glossary terms.

// englishIrregular maps singular nouns to plurals the rules below miss.
var englishIrregular = map[string]string{
	"child": "children", "person": "people", "man": "men", "woman": "women", "foot": "feet",
	"tooth": "teeth", "mouse": "mice", "goose": "geese", "ox": "oxen", "crisis": "crises",
	"analysis": "analyses", "thesis": "theses", "basis": "bases", "criterion": "criteria",
	"phenomenon": "phenomena", "medium": "media", "datum": "data", "index": "indices",
	"leaf": "leaves", "life": "lives", "knife": "knives", "wife": "wives", "half": "halves",
	"self": "selves", "wolf": "wolves", "shelf": "shelves", "thief": "thieves", "loaf": "loaves",
	"calf": "calves", "militia": "militias", "sheep": "sheep", "series": "series", "species": "species",
}

// EnglishPlurals returns the plural forms a singular English noun may take
// (usually one; both candidates where spelling varies, as "vetoes" and
// "memos"). The word is expected in lower case.
func EnglishPlurals(w string) []string {
	if w == "" {
		return nil
	}
	if p, ok := englishIrregular[w]; ok {
		return []string{p}
	}
	var out []string
	if stem, ok := strings.CutSuffix(w, "man"); ok && stem != "" && !strings.HasSuffix(w, "human") && !strings.HasSuffix(w, "german") {
		out = append(out, stem+"men") // chairman, spokeswoman
	}
	n := len(w)
	last := w[n-1]
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		out = append(out, w+"es") // bus, tax, church, clash
	case last == 'y' && n > 1 && !isEnglishVowel(w[n-2]):
		out = append(out, w[:n-1]+"ies") // party
	case last == 'o' && n > 1 && !isEnglishVowel(w[n-2]):
		out = append(out, w+"es", w+"s") // veto, memo
	case strings.HasSuffix(w, "fe"):
		out = append(out, w+"s", w[:n-2]+"ves")
	case last == 'f' && !strings.HasSuffix(w, "ff"):
		out = append(out, w+"s", w[:n-1]+"ves") // chief, roof; leaf
	default:
		out = append(out, w+"s")
	}
	return out
}

func isEnglishVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// englishPossessive splits a possessive ending off a word: "union's" →
// ("union", "'s"). The plural possessive "unions'" has its apostrophe
// outside the word (see words) and needs no splitting.
func englishPossessive(w string) (string, string) {
	if w == "" || w[len(w)-1]|0x20 != 's' {
		return w, "" // every ending below ends in s or S: the usual case, cheap
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && stem != "" {
			return stem, suf
		}
	}
	return w, ""
}
