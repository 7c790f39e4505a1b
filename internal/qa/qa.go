// Package qa checks translations for defects a machine can see — tags,
// numbers, URLs, glossary terms, punctuation, spacing, quotation marks,
// untranslated or glued words, spelling — so translators spend their time on
// meaning. Every finding has a stable code and arguments (never a sentence),
// so that the UI can show it in the translator's language, and a severity
// set per language pair in the config file: errors stop approval unless the
// translator gives a reason; warnings only inform.
//
// qa knows nothing of storage or the web: the pipeline runs it on every
// draft and every human save and stores the findings with the segment.
package qa

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// Severity says what a finding means for approval.
type Severity string

// Severities. Off disables a check.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Off     Severity = "off"
)

// Finding is one defect found in a translation.
type Finding struct {
	// Code is stable ("number_missing"); the UI's message id is "QA_"+Code.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Args fill the message ("number": "3,000").
	Args map[string]string `json:"args,omitempty"`
	// Message is the finding in English, for API clients and logs.
	Message string `json:"message"`
}

// Segment is a translation to check: source and target as tagged text
// (package inline), their languages (BCP 47), and the glossary entries
// that apply to the source.
type Segment struct {
	From, To       string
	Source, Target string
	// Tags name the placeholders ("<a>") in findings; optional.
	Tags  []inline.Tag
	Terms []Term
	// Pseudo marks a target that is a pseudo-translation (the pseudo
	// backend's accented stand-in, "[es] Ĥéļļö"): it is in no language by
	// design, so the checks of its words against the target language —
	// spelling, untranslated_word, spanish_word — are skipped (they would
	// flag nearly every word, ≈20 findings a segment nobody can act on).
	// The checks of markup, numbers, links, spacing and punctuation, which
	// pseudo-translation is there to exercise, still run.
	Pseudo bool
}

// Term is a glossary entry as the checks see it.
type Term struct {
	Source, Target string
	// Kind is "preferred", "forbidden" or "do_not_translate".
	Kind          string
	CaseSensitive bool
}

// Glossary term kinds.
const (
	TermPreferred      = "preferred"
	TermForbidden      = "forbidden"
	TermDoNotTranslate = "do_not_translate"
)

// GlossaryChecker finds glossary problems in a translation: a preferred
// term rendered otherwise (term_missing), a forbidden rendering used
// (term_forbidden), a do-not-translate term changed (term_changed). The
// glossary package provides one; the interface lives here, where it is
// used. Source and target are plain text.
type GlossaryChecker interface {
	CheckTerms(source, target string, terms []Term) []TermFinding
}

// TermFinding is a GlossaryChecker's answer: a finding code and the term.
type TermFinding struct {
	Code string
	Term Term
}

// GlossaryFunc adapts a function to GlossaryChecker.
type GlossaryFunc func(source, target string, terms []Term) []TermFinding

// CheckTerms implements GlossaryChecker.
func (f GlossaryFunc) CheckTerms(source, target string, terms []Term) []TermFinding {
	return f(source, target, terms)
}

// Speller reports which of words are misspelt in a language; the hunspell
// subpackage provides one. It returns ErrNoDictionary (wrapped) when it has
// no dictionary for lang.
type Speller interface {
	Misspelt(ctx context.Context, lang string, words []string) ([]string, error)
}

// Checker runs the checks. It is safe for concurrent use.
type Checker struct {
	cfg      Config
	glossary GlossaryChecker
	speller  Speller
	log      *slog.Logger

	// sevMu guards sevs: each pair's severities, worked out once (the
	// config does not change after New).
	sevMu sync.Mutex
	sevs  map[[2]string]map[string]Severity
}

// maxSeverityPairs bounds the pairs whose severities are kept.
const maxSeverityPairs = 64

// severities returns the severities for a pair: the map is shared and
// must not be changed.
func (c *Checker) severities(from, to string) map[string]Severity {
	key := [2]string{from, to}
	c.sevMu.Lock()
	defer c.sevMu.Unlock()
	if m, ok := c.sevs[key]; ok {
		return m
	}
	m := c.cfg.severities(from, to)
	if c.sevs == nil {
		c.sevs = map[[2]string]map[string]Severity{}
	}
	if len(c.sevs) < maxSeverityPairs {
		c.sevs[key] = m
	}
	return m
}

// Option configures a Checker.
type Option func(*Checker)

// WithGlossary plugs in the glossary check.
func WithGlossary(g GlossaryChecker) Option { return func(c *Checker) { c.glossary = g } }

// WithSpeller plugs in the spelling check (warnings by default).
func WithSpeller(s Speller) Option { return func(c *Checker) { c.speller = s } }

// WithLogger sets where spelling failures are logged (default slog.Default).
func WithLogger(l *slog.Logger) Option { return func(c *Checker) { c.log = l } }

// New returns a Checker with the given config (the zero Config uses the
// default severities).
func New(cfg Config, opts ...Option) *Checker {
	c := &Checker{cfg: cfg, log: slog.Default()}
	for _, o := range opts {
		o(c)
	}
	return c
}

// text is a segment prepared once for all checks.
type text struct {
	seg           Segment
	src, tgt      string // plain text
	tgtNoLinks    string // tgt with URLs and e-mail addresses blanked
	fromL, toL    string // primary language subtags, lower case
	toRegion      string // "br", "pt", "" …
	srcWords      map[string]bool
	srcDoubled    bool // the source repeats a word on purpose
	glossaryWords map[string]bool
	// tgtWords and srcLetterWords are letterWords of tgt and src, split
	// once and shared (read-only) by the checks that walk them.
	tgtWords, srcLetterWords []word
	// noLinkWords are letterWords of tgtNoLinks (the same slice when the
	// target has no link).
	noLinkWords []word
	// tgtTokens are tokens of tgt, noLinkTokens of tgtNoLinks (the same
	// slice when the target has no link, the usual case).
	tgtTokens, noLinkTokens []word
}

// plainNoCode is the plain text of tagged text with the content of code
// spans and code blocks blanked: identifiers and programs are not words of
// any language, and no backend translates them. Without tags (or on
// malformed text) it is the plain text.
func plainNoCode(tagged string, tags []inline.Tag) string {
	code := map[int]bool{}
	for _, t := range tags {
		if t.Paired && (t.Name == "code" || t.Name == "pre") {
			code[t.ID] = true
		}
	}
	toks, err := inline.Parse(tagged)
	if len(code) == 0 || err != nil {
		return inline.Plain(tagged)
	}
	var b strings.Builder
	depth := 0
	for _, tok := range toks {
		switch {
		case tok.Kind == inline.OpenToken && code[tok.ID]:
			depth++
		case tok.Kind == inline.CloseToken && code[tok.ID]:
			depth = max(0, depth-1)
		case tok.Kind == inline.TextToken && depth > 0:
			b.WriteString(strings.Repeat(" ", len(tok.Text)))
		case tok.Kind == inline.TextToken:
			b.WriteString(tok.Text)
		}
	}
	return b.String()
}

func prepare(seg Segment) *text {
	t := &text{seg: seg, src: inline.Plain(seg.Source), tgt: inline.Plain(seg.Target)}
	t.tgtNoLinks = blankLinks(plainNoCode(seg.Target, seg.Tags))
	t.fromL, _ = splitLang(seg.From)
	t.toL, t.toRegion = splitLang(seg.To)
	t.tgtWords = letterWords(t.tgt)
	t.noLinkWords = t.tgtWords
	if t.tgtNoLinks != t.tgt {
		t.noLinkWords = letterWords(t.tgtNoLinks)
	}
	t.noLinkTokens = tokens(t.tgtNoLinks)
	if t.tgtNoLinks == t.tgt {
		t.tgtTokens = t.noLinkTokens
	} else {
		t.tgtTokens = tokens(t.tgt)
	}
	t.srcLetterWords = letterWords(t.src)
	t.srcWords = make(map[string]bool, len(t.srcLetterWords))
	prev := ""
	for _, w := range t.srcLetterWords {
		lw := strings.ToLower(w.text)
		t.srcWords[lw] = true
		if lw == prev {
			t.srcDoubled = true
		}
		prev = lw
	}
	t.glossaryWords = map[string]bool{}
	for _, term := range seg.Terms {
		for _, s := range []string{term.Source, term.Target} {
			for _, w := range letterWords(s) {
				t.glossaryWords[strings.ToLower(w.text)] = true
			}
		}
	}
	return t
}

// splitLang returns the primary language and region of a BCP 47 tag, lower
// case ("pt-BR" → "pt", "br").
func splitLang(tag string) (string, string) {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	lang, region, _ := strings.Cut(tag, "-")
	return lang, region
}

// Check runs every enabled check on seg and returns the findings, errors
// first, in a stable order. An empty target gets only empty_target, unless
// the source has no text either (an image alone): then only tags are checked.
func (c *Checker) Check(ctx context.Context, seg Segment) []Finding {
	t := prepare(seg)
	sev := c.severities(seg.From, seg.To)
	var out []Finding
	seen := map[string]bool{}
	emit := func(code string, args ...string) {
		s := sev[code]
		if s == Off || s == "" {
			return
		}
		key := findingKey(code, args)
		if seen[key] {
			return
		}
		seen[key] = true
		f := Finding{Code: code, Severity: s}
		if len(args) > 0 {
			f.Args = make(map[string]string, len(args)/2)
			for i := 0; i+1 < len(args); i += 2 {
				f.Args[args[i]] = args[i+1]
			}
		}
		f.Message = message(f)
		out = append(out, f)
	}
	if strings.TrimSpace(t.tgt) == "" {
		if strings.TrimSpace(t.src) != "" {
			emit(CodeEmptyTarget)
			return out
		}
		// A source with no text (an image, a lone tag) has nothing to
		// translate: only its tags are checked.
		checkTags(t, emit)
		return out
	}
	checkTags(t, emit)
	checkNumbers(t, emit)
	checkLinks(t, emit)
	if c.glossary != nil && len(seg.Terms) > 0 {
		for _, f := range c.glossary.CheckTerms(t.src, t.tgt, seg.Terms) {
			emit(f.Code, "term", f.Term.Source, "target", f.Term.Target)
		}
	}
	checkSame(t, emit)
	lo, hi := c.cfg.lengthRatio(seg.From, seg.To)
	checkLength(t, lo, hi, emit)
	checkSentences(t, emit)
	checkEndPunctuation(t, emit)
	checkSpaces(t, emit)
	checkQuotes(t, emit)
	checkInverted(t, emit)
	checkRepeated(t, emit)
	if !seg.Pseudo {
		checkUntranslated(ctx, t, c.speller, emit)
		checkSpanishInPortuguese(ctx, t, c.speller, emit)
	}
	checkGlued(t, emit)
	checkDoubledPunctuation(t, emit)
	if c.speller != nil && sev[CodeSpelling] != Off && !seg.Pseudo {
		c.checkSpelling(ctx, t, emit)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if a.Severity != b.Severity {
			if a.Severity == Error {
				return -1
			}
			return 1
		}
		return 0
	})
	return out
}

// findingKey is code and args joined by NULs: what makes a finding a
// duplicate. One allocation, where concatenating a Join made two.
func findingKey(code string, args []string) string {
	n := len(code) + len(args)
	for _, a := range args {
		n += len(a)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(code)
	b.WriteByte(0)
	for i, a := range args {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(a)
	}
	return b.String()
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// Count returns the number of errors and warnings among fs.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}
