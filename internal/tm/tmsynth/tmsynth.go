// Package tmsynth makes large, deterministic, news-like translation
// memories for benchmarks: sentences from templates whose slots are filled
// from vocabularies with a Zipf distribution, as words are in real news
// (a few names and topics are everywhere, most are rare), grouped into
// articles so that every sentence has neighbours. Targets are stand-ins of
// realistic length; lookups only read sources.
package tmsynth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Unit is one generated sentence pair with its neighbours.
type Unit struct {
	Source, Target, Prev, Next string
}

// Generator yields units; the same seed gives the same units.
type Generator struct {
	r     *rand.Rand
	zipfs map[string]*rand.Zipf
	buf   []string // the current article's sentences
	pos   int
}

// New returns a generator.
func New(seed uint64) *Generator {
	g := &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), zipfs: map[string]*rand.Zipf{}}
	for name, words := range vocab {
		g.zipfs[name] = rand.NewZipf(g.r, 1.1, 8, uint64(len(words)-1))
	}
	return g
}

// Next returns the next unit.
func (g *Generator) Next() Unit {
	if g.pos >= len(g.buf) {
		n := 8 + g.r.IntN(20)
		g.buf = g.buf[:0]
		for range n {
			g.buf = append(g.buf, g.Sentence())
		}
		g.pos = 0
	}
	u := Unit{Source: g.buf[g.pos]}
	if g.pos > 0 {
		u.Prev = g.buf[g.pos-1]
	}
	if g.pos+1 < len(g.buf) {
		u.Next = g.buf[g.pos+1]
	}
	u.Target = Target(u.Source)
	g.pos++
	return u
}

// Target is the stand-in translation of a source: as long as a Spanish
// one would be, and different from the source.
func Target(source string) string {
	return "ES: " + strings.ReplaceAll(source, " the ", " la ") + " (traducción)"
}

// Sentence returns a new sentence.
func (g *Generator) Sentence() string {
	t := templates[g.r.IntN(len(templates))]
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(g.fill(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *Generator) pick(slot string) string {
	return vocab[slot][g.zipfs[slot].Uint64()]
}

func (g *Generator) fill(slot string) string {
	switch slot {
	case "person":
		return g.pick("first") + " " + g.pick("last")
	case "num":
		switch g.r.IntN(4) {
		case 0:
			return fmt.Sprint(2 + g.r.IntN(98))
		case 1:
			return fmt.Sprintf("%d,%03d", 1+g.r.IntN(99), g.r.IntN(1000))
		case 2:
			return fmt.Sprintf("%d.%d", g.r.IntN(20), g.r.IntN(10))
		default:
			return fmt.Sprint(1990 + g.r.IntN(36))
		}
	case "org":
		if g.r.IntN(2) == 0 {
			return g.pick("orgname")
		}
		return "the " + g.pick("adj") + " " + g.pick("orgnoun") + " of " + g.pick("place")
	}
	return g.pick(slot)
}

// Mutate changes a sentence the way a newsroom's next story does: one word
// swapped for another of its kind, a number changed, or a short phrase
// added; the result must be found as a fuzzy match of the original.
func (g *Generator) Mutate(s string) string {
	words := strings.Fields(s)
	switch g.r.IntN(3) {
	case 0: // change a number, or a word if there is none
		for _, i := range g.r.Perm(len(words)) {
			if strings.ContainsAny(words[i], "0123456789") {
				words[i] = strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return '0' + (r-'0'+3)%10
					}
					return r
				}, words[i])
				return strings.Join(words, " ")
			}
		}
		fallthrough
	case 1: // swap a content word
		for _, i := range g.r.Perm(len(words)) {
			w := strings.Trim(words[i], ".,")
			if len(w) > 4 && strings.ToLower(w) == w {
				words[i] = strings.Replace(words[i], w, g.pick("topic"), 1)
				return strings.Join(words, " ")
			}
		}
		fallthrough
	default: // add a phrase before the final stop
		last := strings.TrimSuffix(words[len(words)-1], ".")
		words[len(words)-1] = last + " " + g.pick("tail") + "."
		return strings.Join(words, " ")
	}
}
