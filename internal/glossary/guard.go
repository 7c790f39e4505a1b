package glossary

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Translator is what a Guard protects: the translate.Router, or anything
// with its method.
type Translator interface {
	Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error)
}

// TermSource gives the terms that apply to a language pair (Service is one).
type TermSource interface {
	PairTerms(ctx context.Context, from, to string) ([]Term, error)
}

// NativeFunc reports whether the backend that will translate a pair applies
// preferred translations itself (the OpenAI prompt, a DeepL glossary), so
// that they are passed as the request's glossary instead of being forced.
type NativeFunc func(from, to string) bool

// Guard protects glossary terms on the way into machine translation and
// checks them on the way out. Every do-not-translate term in a segment is
// replaced by a standalone inline placeholder (<N/>), which every backend
// already carries through unchanged or fails on (the router then falls back
// to the next backend), and is put back as written afterwards: "Jess Spear"
// cannot become "Jess Lanza". A preferred term is forced the same way, its
// placeholder replaced by the target term — in the plural when the source
// had the plural — unless the pair's backend applies glossaries itself
// (NativeFunc), in which case the terms go in Request.Glossary. Each draft
// is then checked (Check) and what disagrees becomes a note.
type Guard struct {
	next   Translator
	terms  TermSource
	native NativeFunc
}

// NewGuard returns a Guard in front of next. native may be nil (force
// everything).
func NewGuard(next Translator, terms TermSource, native NativeFunc) *Guard {
	return &Guard{next: next, terms: terms, native: native}
}

// Translate implements the pipeline's Translator.
func (g *Guard) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	terms, err := g.terms.PairTerms(ctx, req.From, req.To)
	if errors.Is(err, ErrInvalid) {
		terms, err = nil, nil // not a pair a glossary can have (e.g. one language)
	}
	if err != nil {
		return nil, fmt.Errorf("glossary for %s→%s: %w", req.From, req.To, err)
	}
	if len(terms) == 0 {
		return g.next.Translate(ctx, req)
	}
	m := NewMatcher(req.From, req.To, terms)
	native := g.native != nil && g.native(req.From, req.To)
	masked := req
	masked.Segments = make([]translate.Segment, len(req.Segments))
	restores := make([]map[int]restore, len(req.Segments))
	seen := map[string]bool{}
	for i, s := range req.Segments {
		p := m.protect(s, !native)
		masked.Segments[i], restores[i] = p.seg, p.restore
		for _, t := range p.native {
			if !seen[t.ID] {
				seen[t.ID] = true
				masked.Glossary = append(masked.Glossary, translate.Term{Source: t.Source, Target: t.Target})
			}
		}
	}
	drafts, err := g.next.Translate(ctx, masked)
	if err != nil {
		return nil, err
	}
	for i := range drafts {
		d := &drafts[i]
		if d.Err != nil || i >= len(req.Segments) {
			continue
		}
		text, err := unmask(d.Text, restores[i])
		if err != nil {
			d.Err = fmt.Errorf("%w: glossary placeholders: %w", translate.ErrPermanent, err)
			continue
		}
		d.Text = text
		for _, f := range m.Check(req.Segments[i].Text, d.Text) {
			d.Notes = append(d.Notes, f.Note())
		}
	}
	return drafts, nil
}

// restore is what goes back in place of a term's placeholder.
type restore struct {
	text      string // tagged text
	preferred bool   // a forced translation, which may be capitalised
}

// protected is a segment with its terms masked.
type protected struct {
	seg     translate.Segment
	restore map[int]restore
	native  []Term // preferred terms left in the text for the backend
}

// termTag names the placeholders of masked terms (in the notes of
// backends that mention tags).
const termTag = "term"

// protect masks the do-not-translate terms of a segment, and its preferred
// terms when maskPreferred.
func (m *Matcher) protect(seg translate.Segment, maskPreferred bool) protected {
	out := protected{seg: seg}
	toks, err := inline.Parse(seg.Text)
	if err != nil {
		return out // the router refuses malformed segments itself
	}
	next := 1
	for _, t := range toks {
		if t.Kind != inline.TextToken && t.ID >= next {
			next = t.ID + 1
		}
	}
	var res []inline.Token
	for _, t := range toks {
		if t.Kind != inline.TextToken {
			res = append(res, t)
			continue
		}
		last, at := 0, -1
		for _, h := range m.Hits(t.Text) {
			if h.Start == at {
				continue // a second entry for the same words
			}
			switch {
			case h.Term.Kind == DoNotTranslate:
			case h.Term.Kind == Preferred && maskPreferred:
			case h.Term.Kind == Preferred:
				out.native = append(out.native, h.Term)
				at = h.Start
				continue
			default:
				continue
			}
			at = h.Start
			if h.Start > last {
				res = append(res, inline.Token{Kind: inline.TextToken, Text: t.Text[last:h.Start]})
			}
			res = append(res, inline.Token{Kind: inline.SelfToken, ID: next})
			if out.restore == nil {
				out.restore = map[int]restore{}
			}
			out.restore[next] = m.replacement(h)
			out.seg.Tags = append(append([]inline.Tag(nil), out.seg.Tags...), inline.Tag{ID: next, Name: termTag})
			next++
			last = h.End
		}
		if last < len(t.Text) {
			res = append(res, inline.Token{Kind: inline.TextToken, Text: t.Text[last:]})
		}
	}
	if out.restore != nil {
		out.seg.Text = inline.Format(res)
	}
	return out
}

// replacement is the text a masked term's placeholder becomes.
func (m *Matcher) replacement(h Hit) restore {
	if h.Term.Kind == DoNotTranslate {
		return restore{text: inline.Escape(h.Text)}
	}
	target := h.Term.Target
	if h.Plural {
		target = Plural(m.to, target)
	}
	if !h.Term.CaseSensitive && isAcronym(h.Text) && !isAcronym(target) && utf8.RuneCountInString(h.Text) > 3 {
		target = strings.ToUpper(target) // "UNIONS" → "SINDICATOS"
	}
	return restore{text: inline.Escape(target), preferred: true}
}

// unmask puts the terms back in a draft, capitalising a forced translation
// that opens the sentence. Every placeholder must be there once: the
// router has checked the draft's tags against the masked segment.
func unmask(text string, rs map[int]restore) (string, error) {
	if len(rs) == 0 {
		return text, nil
	}
	toks, err := inline.Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	opening := true // nothing but tags and opening punctuation so far
	found := 0
	for _, t := range toks {
		switch {
		case t.Kind == inline.SelfToken && rs[t.ID].text != "":
			r := rs[t.ID]
			found++
			s := r.text
			if opening && r.preferred {
				s = capitalise(s)
			}
			b.WriteString(s)
			opening = false
		case t.Kind == inline.TextToken:
			b.WriteString(inline.Escape(t.Text))
			if strings.TrimFunc(t.Text, isOpeningPunct) != "" {
				opening = false
			}
		default:
			b.WriteString(inline.Format([]inline.Token{t}))
		}
	}
	if found != len(rs) {
		return "", fmt.Errorf("%d of %d term placeholders came back", found, len(rs))
	}
	return b.String(), nil
}

func isOpeningPunct(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(`¿¡"“«‘'(—–-`, r)
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}
