package segment

import "github.com/pressroom-dev/pressroom/internal/inline"

// placeholderAt recognises an inline placeholder (<N>, </N>, <N/>) starting
// at s[i] == '<' without allocating. ok is false for a '<' that starts no
// placeholder (malformed tagged text is then treated as ordinary text).
func placeholderAt(s string, i int) (kind inline.TokenKind, end int, ok bool) {
	j := i + 1
	kind = inline.OpenToken
	if j < len(s) && s[j] == '/' {
		kind = inline.CloseToken
		j++
	}
	d := j
	for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-d < 9 {
		j++
	}
	if j == d || s[d] == '0' {
		return 0, 0, false
	}
	if kind == inline.OpenToken && j < len(s) && s[j] == '/' {
		kind = inline.SelfToken
		j++
	}
	if j >= len(s) || s[j] != '>' {
		return 0, 0, false
	}
	return kind, j + 1, true
}

// placeholderBefore recognises a placeholder that ends just before s[i]
// (s[i-1] == '>'), returning where it starts.
func placeholderBefore(s string, i int) (kind inline.TokenKind, start int, ok bool) {
	if i <= 0 || s[i-1] != '>' {
		return 0, 0, false
	}
	for k := i - 2; k >= 0 && i-k <= 12; k-- {
		if s[k] == '<' {
			kind, end, ok := placeholderAt(s, k)
			if ok && end == i {
				return kind, k, true
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}
