package segment

import (
	"unicode"
	"unicode/utf8"
)

// assemble cuts text at the given ascending byte offsets and moves the white
// space at each cut into the neighbouring pieces' Lead/Trail, so that every
// Text is trimmed and nothing is lost. Chunks that are only white space are
// folded into the previous piece rather than becoming empty segments.
func assemble(text string, cuts []int) []Piece {
	pieces := make([]Piece, 0, len(cuts)+1)
	start := 0
	for k := 0; k <= len(cuts); k++ {
		end := len(text)
		if k < len(cuts) {
			end = cuts[k]
		}
		if end <= start {
			continue
		}
		chunk := text[start:end]
		start = end
		lo := leadingSpace(chunk)
		if lo == len(chunk) { // white space only
			if len(pieces) == 0 {
				pieces = append(pieces, Piece{Lead: chunk})
			} else {
				pieces[len(pieces)-1].Trail += chunk
			}
			continue
		}
		hi := len(chunk) - trailingSpace(chunk)
		p := Piece{Text: chunk[lo:hi], Trail: chunk[hi:]}
		switch {
		case len(pieces) == 0:
			p.Lead = chunk[:lo]
		case pieces[len(pieces)-1].Text == "": // only a Lead so far
			p.Lead = pieces[len(pieces)-1].Lead + chunk[:lo]
			pieces = pieces[:len(pieces)-1]
		default:
			pieces[len(pieces)-1].Trail += chunk[:lo]
		}
		pieces = append(pieces, p)
	}
	return pieces
}

func leadingSpace(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return len(s)
}

func trailingSpace(s string) int {
	for j := len(s); j > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsSpace(r) {
			return len(s) - j
		}
		j -= n
	}
	return len(s)
}

func isBlank(s string) bool { return leadingSpace(s) == len(s) }
