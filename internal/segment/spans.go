package segment

import (
	"strings"
	"unicode"
)

// Protected spans: a quotation or a bracketed aside that opens and closes
// within maxSpan bytes is kept inside one sentence, so "He said (it was over.)
// and left" and «…reglas.», lo cual… stay whole. Longer or unbalanced spans
// are not protected: an unmatched quote must not glue a whole article
// together.
const maxSpan = 1000

// span is a half-open byte interval [start, end) of text.
type span struct{ start, end int }

// spanKind identifies the opener a closer must match.
type spanKind uint8

const (
	spanParen spanKind = iota + 1
	spanSquare
	spanCurly
	spanDouble   // “ ”
	spanGuill    // « »
	spanStraight // " "
)

type openMark struct {
	kind spanKind
	pos  int
}

// protectedSpans returns the outermost protected spans of text in order.
// It is a single linear pass with a small stack. With splitPassages (the
// Portuguese rules), a quotation of several sentences and at least
// passageWords words — a quoted passage rather than a remark — is not
// protected, so its sentences become segments of their own.
func protectedSpans(text string, splitPassages bool) []span {
	var (
		out   []span
		stack []openMark
	)
	closeKind := func(k spanKind, pos, end int) {
		for d := len(stack) - 1; d >= 0 && d >= len(stack)-4; d-- {
			if stack[d].kind != k {
				continue
			}
			// “a “b” c: the same curly quote opened twice and closed once
			// is a forgotten closing mark, not nesting (nesting alternates
			// marks: “a ‘b’ c”, «a “b” c»). The closer ends both.
			for (k == spanDouble || k == spanGuill) && d > 0 && stack[d-1].kind == k {
				d--
			}
			start := stack[d].pos
			stack = stack[:d]
			if end-start > maxSpan {
				return
			}
			if splitPassages && k != spanParen && k != spanSquare && k != spanCurly && passage(text[start:end]) {
				return
			}
			for len(out) > 0 && out[len(out)-1].start >= start {
				out = out[:len(out)-1] // nested inside the new span
			}
			out = append(out, span{start, end})
			return
		}
	}
	for i := 0; i < len(text); i++ {
		for i < len(text) && !spanByte[text[i]] {
			i++
		}
		if i >= len(text) {
			break
		}
		c := text[i]
		switch c {
		case '(':
			stack = append(stack, openMark{spanParen, i})
		case '[':
			stack = append(stack, openMark{spanSquare, i})
		case '{':
			stack = append(stack, openMark{spanCurly, i})
		case ')':
			closeKind(spanParen, i, i+1)
		case ']':
			closeKind(spanSquare, i, i+1)
		case '}':
			closeKind(spanCurly, i, i+1)
		case '"':
			if n := len(stack); n > 0 && stack[n-1].kind == spanStraight {
				closeKind(spanStraight, i, i+1)
			} else {
				stack = append(stack, openMark{spanStraight, i})
			}
		case 0xC2: // « U+00AB, » U+00BB
			if i+1 < len(text) {
				switch text[i+1] {
				case 0xAB:
					stack = append(stack, openMark{spanGuill, i})
				case 0xBB:
					closeKind(spanGuill, i, i+2)
				}
			}
		case 0xE2: // “ U+201C, ” U+201D, „ U+201E
			if i+2 < len(text) && text[i+1] == 0x80 {
				switch text[i+2] {
				case 0x9C, 0x9E:
					stack = append(stack, openMark{spanDouble, i})
				case 0x9D:
					closeKind(spanDouble, i, i+3)
				}
			}
		}
		if len(stack) > 64 { // pathological nesting: forget the oldest
			stack = append(stack[:0], stack[32:]...)
		}
	}
	return out
}

// spanCursor answers "is this offset inside a protected span?" for offsets
// asked in ascending order, in amortised constant time.
type spanCursor struct {
	spans []span
	k     int
}

func (c *spanCursor) inside(pos int) bool {
	for c.k < len(c.spans) && c.spans[c.k].end <= pos {
		c.k++
	}
	return c.k < len(c.spans) && c.spans[c.k].start < pos
}

// spanByte marks the bytes protectedSpans must look at.
var spanByte = func() (t [256]bool) {
	for _, c := range []byte("()[]{}\"\xC2\xE2") {
		t[c] = true
	}
	return t
}()

// passageWords is the fewest words of a quoted passage (see protectedSpans).
const passageWords = 7

// passage reports whether a quotation holds at least passageWords words and
// a sentence end followed by a capital inside it.
func passage(q string) bool {
	if strings.Count(q, " ") < passageWords-1 {
		return false
	}
	for i := 0; i+2 < len(q); i++ {
		if terminal(rune(q[i])) && q[i+1] == ' ' {
			if r, _ := runeAt(q, i+2); unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}
