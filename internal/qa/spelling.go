package qa

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrNoDictionary is wrapped by Spellers that lack a language.
var ErrNoDictionary = errors.New("no spelling dictionary for this language")

// checkSpelling asks the speller about the target's words, except names
// (capitalised words inside a sentence), acronyms, words with digits,
// words the source has (names, codes) and glossary terms.
func (c *Checker) checkSpelling(ctx context.Context, t *text, emit func(string, ...string)) {
	var cands []string
	for _, w := range spellWords(t.tgtTokens) {
		lw := strings.ToLower(w.text)
		switch {
		case utf8.RuneCountInString(w.text) < 2, allUpper(w.text), t.srcWords[lw], t.glossaryWords[lw]:
			continue
		case capitalised(w.text) && !sentenceInitial(t.tgt, w.start):
			continue
		}
		cands = append(cands, w.text)
	}
	if len(cands) == 0 {
		return
	}
	bad, err := c.speller.Misspelt(ctx, t.seg.To, dedupe(cands))
	if err != nil {
		if !errors.Is(err, ErrNoDictionary) && ctx.Err() == nil {
			c.log.Warn("qa: spelling check failed", "lang", t.seg.To, "err", err)
		}
		return
	}
	for _, w := range bad {
		emit(CodeSpelling, "word", w)
	}
}

// spellWords returns words for the spelling check: letters joined by inner
// hyphens or apostrophes ("mudou-se", "d’água") stay one word. toks are
// the tokens of the text.
func spellWords(toks []word) []word {
	out := make([]word, 0, len(toks))
	for _, tok := range toks {
		if strings.IndexFunc(tok.text, unicode.IsDigit) >= 0 {
			continue
		}
		ok := true
		for _, r := range tok.text {
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '-' && r != '’' && r != '\'' {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, tok)
			continue
		}
		for _, w := range letterWords(tok.text) {
			out = append(out, word{w.text, tok.start + w.start, tok.start + w.end})
		}
	}
	return out
}
