package xliff

import (
	"strconv"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// OmegaTSegment returns a source and its translation as OmegaT's XLIFF
// filter sees the unit in a 1.2 file this package wrote, for memories
// OmegaT should match exactly. Measured with OmegaT 3.6: codes become
// shortcuts named by element (g for <g>, x for <x>, b for <bx>, e for <ex>)
// and numbered from 0 in order of appearance; standalone codes at either
// edge, and a pair enclosing the whole text, are left out of the segment
// (OmegaT puts them back around the translation); runs of white space
// become one space. ok is false when the translation's codes do not fit
// the source's.
func OmegaTSegment(source, target string) (src, tgt string, ok bool) {
	st, err := inline.Parse(source)
	if err != nil {
		return "", "", false
	}
	rs := roles(st)
	lo, hi := 0, len(st)
	stripped := map[int]bool{} // placeholder ids left out
	edge := func(r role) bool { return r == roleSelf || r == roleIsoOpen || r == roleIsoClose }
	for changed := true; changed && lo < hi; {
		changed = false
		for lo < hi && edge(rs[lo]) {
			stripped[st[lo].ID], lo, changed = true, lo+1, true
		}
		for hi > lo && edge(rs[hi-1]) {
			stripped[st[hi-1].ID], hi, changed = true, hi-1, true
		}
		if hi-lo >= 2 && rs[lo] == roleOpen && rs[hi-1] == roleClose && st[lo].ID == st[hi-1].ID {
			stripped[st[lo].ID], lo, hi, changed = true, lo+1, hi-1, true
		}
	}
	type short struct {
		letter string
		n      int
		role   role
	}
	names := map[int]short{}
	n := 0
	var b strings.Builder
	for i := lo; i < hi; i++ {
		t := st[i]
		switch rs[i] {
		case roleText:
			b.WriteString(t.Text)
			continue
		case roleClose:
			b.WriteString("</g" + strconv.Itoa(names[t.ID].n) + ">")
			continue
		}
		s := short{n: n, role: rs[i]}
		switch rs[i] {
		case roleOpen:
			s.letter = "g"
			b.WriteString("<g" + strconv.Itoa(n) + ">")
		case roleSelf:
			s.letter = "x"
			b.WriteString("<x" + strconv.Itoa(n) + "/>")
		case roleIsoOpen:
			s.letter = "b"
			b.WriteString("<b" + strconv.Itoa(n) + "/>")
		case roleIsoClose:
			s.letter = "e"
			b.WriteString("<e" + strconv.Itoa(n) + "/>")
		}
		if _, dup := names[t.ID]; dup {
			return "", "", false
		}
		names[t.ID] = s
		n++
	}
	src = collapse(b.String())

	tt, err := inline.Parse(target)
	if err != nil {
		return "", "", false
	}
	trs := roles(tt)
	b.Reset()
	for i, t := range tt {
		if trs[i] == roleText {
			b.WriteString(t.Text)
			continue
		}
		if stripped[t.ID] {
			continue
		}
		s, known := names[t.ID]
		num := strconv.Itoa(s.n)
		switch {
		case !known:
			return "", "", false
		case trs[i] == roleOpen && s.role == roleOpen:
			b.WriteString("<g" + num + ">")
		case trs[i] == roleClose && s.role == roleOpen:
			b.WriteString("</g" + num + ">")
		case trs[i] == s.role:
			b.WriteString("<" + s.letter + num + "/>")
		default:
			return "", "", false
		}
	}
	return src, collapse(b.String()), true
}

// collapse turns runs of white space into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
}
