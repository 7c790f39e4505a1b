package glossary

import (
	"fmt"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Finding codes: stable, for QA checks, the UI and API clients.
const (
	// CodePreferredMissing: the source has a term with a preferred
	// translation and the translation does not use it (in any gender or
	// number). Severity warning: a pronoun or a rephrasing may be right.
	CodePreferredMissing = "glossary_preferred_missing"
	// CodeForbiddenUsed: the translation uses a forbidden word. Error.
	CodeForbiddenUsed = "glossary_forbidden_used"
	// CodeDNTAltered: a do-not-translate term of the source is not in the
	// translation as written. Error.
	CodeDNTAltered = "glossary_dnt_altered"
)

// Severities, as in store.QAIssue.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Finding is one way a translation disagrees with the glossary.
type Finding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	TermID   string `json:"term_id"`
	// Source is the term as the source text has it ("unions"); empty for
	// a forbidden word that is wrong whatever the source says.
	Source string `json:"source,omitempty"`
	// Expected is what the translation should contain: the preferred
	// translation (as entered), or the do-not-translate term as written.
	Expected string `json:"expected,omitempty"`
	// Found is the forbidden word as the translation has it.
	Found string `json:"found,omitempty"`
	// Message says it in English.
	Message string `json:"message"`
}

// args are the finding's arguments for a message in any language.
func (f Finding) args() map[string]string {
	a := map[string]string{}
	for k, v := range map[string]string{"source": f.Source, "expected": f.Expected, "found": f.Found} {
		if v != "" {
			a[k] = v
		}
	}
	return a
}

// QAIssue is the finding as the segment's qa field stores it.
func (f Finding) QAIssue() store.QAIssue {
	return store.QAIssue{Code: f.Code, Severity: f.Severity, Args: f.args(), Message: f.Message}
}

// Note is the finding as a note on a machine draft.
func (f Finding) Note() note.Note {
	return note.Note{Code: f.Code, Args: f.args()}
}

// Check returns how a translation disagrees with a language pair's terms:
// a preferred translation missing, a forbidden word used, a do-not-translate
// term altered. source and target are tagged text (package inline) or
// plain text; from and to are the pair's language tags. Findings come in
// the order of the source terms, forbidden words without a source term
// last, one per term. An empty target has no findings.
func Check(from, to, source, target string, terms []Term) []Finding {
	return NewMatcher(from, to, terms).Check(source, target)
}

// Check is the package-level Check with the terms already compiled.
func (m *Matcher) Check(source, target string) []Finding {
	src, tgt := inline.Plain(source), inline.Plain(target)
	if strings.TrimSpace(tgt) == "" {
		return nil
	}
	var out []Finding
	seen := map[string]bool{}
	add := func(f Finding) {
		k := f.Code + "\x1f" + f.TermID + "\x1f" + f.Expected + "\x1f" + f.Found
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	for _, h := range m.Hits(src) {
		i := h.idx
		t := h.Term
		switch t.Kind {
		case Preferred:
			if _, ok := m.findTarget(i, tgt); !ok {
				add(Finding{Code: CodePreferredMissing, Severity: SeverityWarning, TermID: t.ID, Source: h.Text, Expected: t.Target,
					Message: fmt.Sprintf("glossary: “%s” should be translated as “%s”", h.Text, t.Target)})
			}
		case DoNotTranslate:
			if !containsVerbatim(tgt, h.Text, t.CaseSensitive) {
				add(Finding{Code: CodeDNTAltered, Severity: SeverityError, TermID: t.ID, Source: h.Text, Expected: h.Text,
					Message: fmt.Sprintf("glossary: “%s” must stay as it is (do not translate)", h.Text)})
			} else if found, ok := alteredVariant(tgt, h.Text); ok {
				// Kept once, altered elsewhere ("Qualtrón … Qualtron").
				add(Finding{Code: CodeDNTAltered, Severity: SeverityError, TermID: t.ID, Source: h.Text, Expected: h.Text, Found: found,
					Message: fmt.Sprintf("glossary: “%s” must stay as it is (do not translate), not “%s”", h.Text, found)})
			}
		case Forbidden:
			if found, ok := m.findTarget(i, tgt); ok {
				add(Finding{Code: CodeForbiddenUsed, Severity: SeverityError, TermID: t.ID, Source: h.Text, Found: found,
					Message: fmt.Sprintf("glossary: “%s” must not be used for “%s”", found, h.Text)})
			}
		}
	}
	for i, t := range m.terms {
		if t.Kind != Forbidden || t.Source != "" {
			continue
		}
		if found, ok := m.findTarget(i, tgt); ok {
			add(Finding{Code: CodeForbiddenUsed, Severity: SeverityError, TermID: t.ID, Found: found,
				Message: fmt.Sprintf("glossary: “%s” must not be used", found)})
		}
	}
	return out
}
