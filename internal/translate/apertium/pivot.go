package apertium

import (
	"context"
	"strings"
	"unicode"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// unknownNotes turns the words Apertium marked as unknown into notes. On a
// direct route each is an unknown_word. On a pivot route (en→pt goes
// through Spanish) only the last mode marks words, so its unknown words are
// of two kinds: source words that passed through untranslated ("juggernaut",
// an unknown_word named as the source writes it), and words of the pivot
// language the second mode did not know ("reaccionario", a pivot_leftover).
// A leftover is translated back to the source language when that mode is
// installed (spa-eng), so the note can name the source word the translator
// sees ("reactionary").
func (b *Backend) unknownNotes(ctx context.Context, req translate.Request, modes []string, unknown [][]string, out []translate.Draft) {
	type leftover struct {
		seg  int
		word string
	}
	var lefts []leftover
	for i, words := range unknown {
		if len(words) == 0 || out[i].Err != nil {
			continue
		}
		source := sourceWords(inline.Plain(req.Segments[i].Text))
		for _, w := range words {
			if len(modes) == 1 || source[strings.ToLower(w)] {
				out[i].Notes = append(out[i].Notes, note.New(note.UnknownWord, "word", w))
				continue
			}
			lefts = append(lefts, leftover{i, w})
		}
	}
	if len(lefts) == 0 {
		return
	}
	var back []string
	if rev, ok := b.reverseMode(modes[0]); ok {
		words := make([]string, len(lefts))
		for k, l := range lefts {
			words[k] = l.word
		}
		back = b.translateWords(ctx, rev, words)
	}
	for k, l := range lefts {
		n := note.New(note.PivotLeftover, "word", l.word)
		if k < len(back) {
			source := sourceWords(inline.Plain(req.Segments[l.seg].Text))
			if w := strings.ToLower(back[k]); w != "" && source[w] {
				n.Args["source"] = w
			}
		}
		out[l.seg].Notes = append(out[l.seg].Notes, n)
	}
}

// reverseMode is the mode that translates the pivot language back into the
// source language ("eng-spa" → "spa-eng"), if installed.
func (b *Backend) reverseMode(first string) (string, bool) {
	from, to, ok := strings.Cut(first, "-")
	if !ok {
		return "", false
	}
	rev := to + "-" + from
	return rev, b.modes[rev]
}

// translateWords translates single words through mode; a failure gives
// no answers (the notes then name only the pivot word).
func (b *Backend) translateWords(ctx context.Context, mode string, words []string) []string {
	p, err := b.pool(ctx, []string{mode})
	if err != nil {
		return nil
	}
	inputs := make([]string, len(words))
	encs := make([]encoded, len(words))
	for i, w := range words {
		e, err := encode(translate.Segment{Text: inline.Escape(w)}, nil)
		if err != nil {
			return nil
		}
		encs[i], inputs[i] = e, e.stream
	}
	res, err := p.run(ctx, inputs)
	if err != nil {
		return nil
	}
	out := make([]string, len(words))
	for i := range words {
		d, err := decode(translate.Segment{Text: inline.Escape(words[i])}, res[i], encs[i])
		if err == nil {
			out[i] = strings.TrimSpace(inline.Plain(d.text))
		}
	}
	return out
}

// sourceWords is the set of lower-cased words of plain text.
func sourceWords(plain string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(plain, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' }) {
		w = strings.ToLower(strings.Trim(w, "-'’"))
		m[w] = true
		m[strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")] = true
	}
	return m
}
