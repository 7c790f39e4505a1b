// Package repair fixes the mechanical defects of machine drafts before a
// translator sees them — a missing ¿ or ¡, a doubled full stop after an
// abbreviation, words an engine glued together, quotation marks moved off
// the words they enclosed, numbers in the other language's convention — and
// notes each repair on the segment (package note), so the translator can
// check it. A repair is made only when it is unambiguous: a correct
// translation comes out unchanged.
package repair

import (
	"regexp"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
)

// Draft repairs target, a machine draft of source (both tagged text,
// package inline) from language from to language to. It returns the
// repaired draft and one note per repair; a draft it cannot repair safely
// is returned as it is.
func Draft(from, to, source, target string) (string, []note.Note) {
	lang, region := primary(to)
	src := primaryOf(from)
	if lang == src || strings.TrimSpace(target) == "" {
		return target, nil
	}
	srcPlain := inline.Plain(source)
	var notes []note.Note
	add := func(ns []note.Note) { notes = append(notes, ns...) }
	out := target
	out = eachText(out, func(s string) string {
		s, ns := splitGlued(s, srcPlain, lang)
		add(ns)
		s, ns = removeDoubledStops(s, srcPlain)
		add(ns)
		if src == "en" {
			s, ns = localNumbers(s, srcPlain, lang)
			add(ns)
		}
		return s
	})
	var ns []note.Note
	out, ns = moveQuotes(source, out)
	add(ns)
	if lang == "es" {
		out, ns = invertedMarks(from, to, source, out)
		add(ns)
	}
	_ = region
	if out == target {
		return target, nil
	}
	if inline.Check(source, out) != nil && inline.Check(source, target) == nil {
		return target, nil // never trade well-formed tags for a repair
	}
	return out, notes
}

func primary(tag string) (string, string) {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	l, r, _ := strings.Cut(tag, "-")
	return l, r
}

func primaryOf(tag string) string { l, _ := primary(tag); return l }

// placeholderRE matches inline placeholders (<1>, </1>, <1/>).
var placeholderRE = regexp.MustCompile(`</?[1-9][0-9]*/?>`)

// placeholderLen returns the length of the placeholder at the start of s,
// or 0: what placeholderRE matches there, read by hand because the
// pattern is run over every draft and was a tenth of the repair's cost.
func placeholderLen(s string) int {
	i := 0
	if i >= len(s) || s[i] != '<' {
		return 0
	}
	i++
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i >= len(s) || s[i] < '1' || s[i] > '9' {
		return 0
	}
	i++
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i >= len(s) || s[i] != '>' {
		return 0
	}
	return i + 1
}

// placeholders returns the spans of the placeholders of s, as
// placeholderRE.FindAllStringIndex does.
func placeholders(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			break
		}
		i += k
		if n := placeholderLen(s[i:]); n > 0 {
			out = append(out, [2]int{i, i + n})
			i += n
			continue
		}
		i++
	}
	return out
}

// eachText applies fn to the stretches of tagged text between
// placeholders.
func eachText(tagged string, fn func(string) string) string {
	locs := placeholders(tagged)
	if len(locs) == 0 {
		return fn(tagged)
	}
	var b strings.Builder
	prev := 0
	for _, l := range locs {
		b.WriteString(fn(tagged[prev:l[0]]))
		b.WriteString(tagged[l[0]:l[1]])
		prev = l[1]
	}
	b.WriteString(fn(tagged[prev:]))
	return b.String()
}
