package glossary

import (
	"strings"

	"golang.org/x/text/language"
)

// CanonicalLang returns the canonical BCP 47 form of a language tag
// ("pt-br" → "pt-BR"), or an error naming the parameter.
func CanonicalLang(param, tag string) (string, error) {
	if strings.TrimSpace(tag) == "" {
		return "", errorf(ErrInvalid, "missing_language", "%s is required (a language tag such as en, es or pt-BR)", param)
	}
	t, err := language.Parse(tag)
	if err != nil || len(tag) > 35 {
		return "", errorf(ErrInvalid, "invalid_language", "%s=%q is not a language tag (want e.g. en, es, pt-BR)", param, tag)
	}
	return t.String(), nil
}

// CanonicalPair checks a language pair: both valid tags of different
// languages.
func CanonicalPair(from, to string) (string, string, error) {
	f, err := CanonicalLang("from", from)
	if err != nil {
		return "", "", err
	}
	t, err := CanonicalLang("to", to)
	if err != nil {
		return "", "", err
	}
	if base(f) == base(t) {
		return "", "", errorf(ErrInvalid, "same_language", "from=%s and to=%s are the same language", f, t)
	}
	return f, t, nil
}

// base is the language subtag of a canonical tag ("pt-BR" → "pt").
func base(tag string) string {
	b, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(b)
}

// widen returns the tags whose terms apply to tag: itself and, for a
// regional tag, its language ("pt-BR" → ["pt-BR", "pt"]), so that a term
// entered for Portuguese serves Brazilian editions too.
func widen(tag string) []string {
	if b := base(tag); b != tag {
		return []string{tag, b}
	}
	return []string{tag}
}

// sameLang reports whether a file's language tag names the pair language
// want: equal, or equal languages where one of them has no region.
func sameLang(got, want string) bool {
	g, err := language.Parse(got)
	if err != nil {
		return false
	}
	gs := g.String()
	return strings.EqualFold(gs, want) || (base(gs) == base(want) && (gs == base(gs) || want == base(want)))
}
