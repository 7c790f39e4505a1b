// Package glossary is a newsroom's terminology: per language pair, terms
// with their preferred translation, terms that must not be translated
// (names, slogans) and translations that must not be used. It finds terms
// in text despite capitalisation and inflection (English plurals and
// possessives in sources, Spanish and Portuguese gender and number in
// translations), protects them on the way into every machine-translation
// backend (Guard), checks translations against them (Check), and proposes
// the proper names of new articles as do-not-translate candidates.
//
// It depends on store (persistence), inline (tagged text) and translate
// (the request and draft types); it must not import pipeline, api or web,
// which consume it through small interfaces of their own.
package glossary

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// Term is a glossary entry (stored as store.GlossaryTerm).
type Term = store.GlossaryTerm

// Kinds of term.
const (
	// Preferred: translate Source as Target.
	Preferred = "preferred"
	// DoNotTranslate: Source stays as it is (names, slogans); no Target.
	DoNotTranslate = "do_not_translate"
	// Forbidden: Target must not be used (when Source is set, as a
	// translation of Source; when it is empty, ever).
	Forbidden = "forbidden"
)

// Kinds lists the kinds in the order the UI offers them.
var Kinds = []string{Preferred, DoNotTranslate, Forbidden}

// Limits on a term's fields.
const (
	MaxTermRunes = 200
	MaxNoteRunes = 2000
)

// Input is a term as a client sends it.
type Input struct {
	Source        string `json:"source"`
	Target        string `json:"target"`
	Kind          string `json:"kind"`
	CaseSensitive bool   `json:"case_sensitive"`
	Note          string `json:"note"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (Input) RequiredFields() []string { return []string{"kind"} }

// Validate checks and normalises a term for the pair from→to (both
// canonical) and returns it ready to store, EntryKey computed.
func (in Input) Validate(from, to string) (Term, error) {
	t := Term{SourceLang: from, TargetLang: to, Kind: in.Kind, CaseSensitive: in.CaseSensitive}
	var err error
	if t.Source, err = cleanText("source", in.Source, MaxTermRunes, false); err != nil {
		return t, err
	}
	if t.Target, err = cleanText("target", in.Target, MaxTermRunes, false); err != nil {
		return t, err
	}
	if t.Note, err = cleanText("note", in.Note, MaxNoteRunes, true); err != nil {
		return t, err
	}
	switch t.Kind {
	case Preferred:
		if t.Source == "" || t.Target == "" {
			return t, errorf(ErrInvalid, "missing_field", "a preferred term needs a source and a target")
		}
	case DoNotTranslate:
		if t.Source == "" {
			return t, errorf(ErrInvalid, "missing_field", "a do-not-translate term needs a source")
		}
		if t.Target != "" && t.Target != t.Source {
			return t, errorf(ErrInvalid, "unexpected_target", "a do-not-translate term has no target (got %q); use kind preferred for a translation", t.Target)
		}
		t.Target = ""
	case Forbidden:
		if t.Target == "" {
			return t, errorf(ErrInvalid, "missing_field", "a forbidden term needs a target: the translation that must not be used")
		}
	case "":
		return t, errorf(ErrInvalid, "missing_field", "kind is required: one of %s", strings.Join(Kinds, ", "))
	default:
		return t, errorf(ErrInvalid, "unknown_kind", "unknown kind %q: want one of %s", t.Kind, strings.Join(Kinds, ", "))
	}
	for _, f := range []struct{ name, v string }{{"source", t.Source}, {"target", t.Target}} {
		if f.v != "" && len(tokenize(f.v)) == 0 {
			return t, errorf(ErrInvalid, "invalid_term", "%s %q has no letters or digits", f.name, f.v)
		}
	}
	t.EntryKey = entryKey(t)
	return t, nil
}

// entryKey makes a pair's entries unique: one preferred or do-not-translate
// entry per source term (whatever its case), one forbidden entry per
// source and forbidden word.
func entryKey(t Term) string {
	if t.Kind == Forbidden {
		return "f:" + fold(t.Source) + "\x1f" + fold(t.Target)
	}
	return "t:" + fold(t.Source)
}

// nameKey is the key of a do-not-translate term for a name: what
// entryKey gives a term with that source.
func nameKey(name string) string { return entryKey(Term{Source: name, Kind: DoNotTranslate}) }

// cleanText trims, NFC-normalises and checks one field.
func cleanText(field, s string, maxRunes int, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", errorf(ErrInvalid, "invalid_utf8", "%s must be valid UTF-8", field)
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return "", errorf(ErrInvalid, "too_long", "%s is %d characters; the limit is %d", field, n, maxRunes)
	}
	check := textcheck.Line
	if multiline {
		check = textcheck.Text
	}
	if err := check(field, s); err != nil {
		return "", err
	}
	if !multiline {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s, nil
}
