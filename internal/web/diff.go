package web

import (
	"unicode"
	"unicode/utf8"
)

// diffOp is a run of a word diff: equal, inserted (only in b) or deleted
// (only in a).
type diffOp struct {
	Kind string // eq, ins, del
	Text string
}

// maxDiffTokens bounds the LCS table; longer texts show as replaced whole.
const maxDiffTokens = 600

// wordDiff marks the differences between a and b word by word (words,
// spaces and punctuation are tokens), for memory matches and history.
func wordDiff(a, b string) []diffOp {
	ta, tb := diffTokens(a), diffTokens(b)
	if len(ta) > maxDiffTokens || len(tb) > maxDiffTokens {
		return merge(nil, []diffOp{{"del", a}, {"ins", b}})
	}
	// lcs[i][j] is the length of the longest common subsequence of ta[i:]
	// and tb[j:].
	lcs := make([][]int, len(ta)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(tb)+1)
	}
	for i := len(ta) - 1; i >= 0; i-- {
		for j := len(tb) - 1; j >= 0; j-- {
			if ta[i] == tb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < len(ta) && j < len(tb) {
		switch {
		case ta[i] == tb[j]:
			ops = merge(ops, []diffOp{{"eq", ta[i]}})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			ops = merge(ops, []diffOp{{"del", ta[i]}})
			i++
		default:
			ops = merge(ops, []diffOp{{"ins", tb[j]}})
			j++
		}
	}
	for ; i < len(ta); i++ {
		ops = merge(ops, []diffOp{{"del", ta[i]}})
	}
	for ; j < len(tb); j++ {
		ops = merge(ops, []diffOp{{"ins", tb[j]}})
	}
	return ops
}

// merge appends ops, joining runs of the same kind and dropping empty ones.
func merge(ops []diffOp, more []diffOp) []diffOp {
	for _, o := range more {
		if o.Text == "" {
			continue
		}
		if n := len(ops); n > 0 && ops[n-1].Kind == o.Kind {
			ops[n-1].Text += o.Text
			continue
		}
		ops = append(ops, o)
	}
	return ops
}

// diffTokens splits text into words (letters and digits), runs of spaces,
// and single other characters.
func diffTokens(s string) []string {
	var out []string
	for len(s) > 0 {
		r, w := utf8.DecodeRuneInString(s)
		n := w
		switch {
		case isWord(r):
			for n < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[n:])
				if !isWord(r2) {
					break
				}
				n += w2
			}
		case unicode.IsSpace(r):
			for n < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[n:])
				if !unicode.IsSpace(r2) {
					break
				}
				n += w2
			}
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
