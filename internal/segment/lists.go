package segment

import "slices"

// Enumerations inside one block ("1) The first item 2) The second item",
// "a. one b. two", "• one • two") are split before each item. A block that
// starts with a bullet or an enumerator is a list; inside a block, a
// numbered list is recognised when an item "1." (or "1)") after white space
// is followed by "2." of the same style ("…two demands. 1. A pay rise
// 2. An end to night shifts"). Only items that continue the sequence (same
// style, next number or letter) count, so a stray "2." in prose is left
// alone.

// listCuts returns the ascending byte offsets at which list items start,
// after the first one, and the offsets of every item's enumerator (whose
// period never ends a sentence).
func listCuts(text string) (cuts, items []int) {
	i := leadingSpace(text)
	r, w := runeAt(text, i)
	if bullet(r) {
		return bulletCuts(text, i+w, r), nil
	}
	e, ok := enumAt(text, i)
	if !ok {
		return inlineList(text)
	}
	items = []int{i}
	want := e.value + 1
	for j := e.end; j < len(text); {
		r, w := runeAt(text, j)
		j += w
		if !space(r) {
			continue
		}
		if n, ok := enumAt(text, j); ok && n.style == e.style && n.value == want {
			cuts = append(cuts, j)
			items = append(items, j)
			want++
			j = n.end
		}
	}
	return cuts, items
}

// inlineList finds numbered lists that start inside a block. Items must
// follow each other within maxSentence bytes; a list needs two items.
func inlineList(text string) (cuts, items []int) {
	var cur []int // item offsets of the list being read
	var style string
	flush := func() {
		if len(cur) >= 2 {
			items = append(items, cur...)
			cuts = append(cuts, cur[1:]...)
		}
		cur = cur[:0]
	}
	for j := 1; j < len(text); j++ {
		c := text[j]
		if c < '1' || c > '9' || !asciiSpace(text[j-1]) {
			continue
		}
		e, ok := enumAt(text, j)
		if !ok {
			continue
		}
		switch {
		case len(cur) > 0 && e.style == style && e.value == len(cur)+1 && j-cur[len(cur)-1] <= maxSentence:
			cur = append(cur, j)
		case e.value == 1:
			flush()
			cur, style = append(cur, j), e.style
		}
		j = e.end - 1
	}
	flush()
	return cuts, items
}

func asciiSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// positions is an ascending list of byte offsets.
type positions []int

func (p positions) at(x int) bool {
	if len(p) == 0 {
		return false
	}
	_, ok := slices.BinarySearch(p, x)
	return ok
}

// bulletCuts finds every further occurrence of the bullet b that follows
// white space.
func bulletCuts(text string, from int, b rune) []int {
	var cuts []int
	prevSpace := false
	for j := from; j < len(text); {
		r, w := runeAt(text, j)
		if r == b && prevSpace {
			cuts = append(cuts, j)
		}
		prevSpace = space(r)
		j += w
	}
	return cuts
}

// enum is a list enumerator such as "3.", "3)", "3.)" or "c.".
type enum struct {
	value int    // 1-based number, or letter index
	style string // ".", ")" or ".)", prefixed with "a" for letters
	end   int    // offset after the enumerator and its following space
}

// enumAt recognises an enumerator at text[i:] followed by white space.
func enumAt(text string, i int) (enum, bool) {
	j := i
	var e enum
	switch {
	case j < len(text) && text[j] >= '0' && text[j] <= '9':
		for j < len(text) && text[j] >= '0' && text[j] <= '9' && j-i < 3 {
			e.value = e.value*10 + int(text[j]-'0')
			j++
		}
	case j < len(text) && text[j] >= 'a' && text[j] <= 'z':
		e.value = int(text[j]-'a') + 1
		e.style = "a"
		j++
	default:
		return enum{}, false
	}
	start := j
	if j < len(text) && text[j] == '.' {
		j++
	}
	if j < len(text) && text[j] == ')' {
		j++
	}
	if j == start || j >= len(text) {
		return enum{}, false
	}
	if r, _ := runeAt(text, j); !space(r) {
		return enum{}, false
	}
	e.style += text[start:j]
	e.end = j
	return e, true
}

// isEnumerator reports whether tok (a token before a period) looks like a
// list enumerator: up to three digits, one letter, or a small roman numeral.
func isEnumerator(tok string) bool {
	if tok == "" || len(tok) > 4 {
		return false
	}
	digits := true
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		return len(tok) <= 3
	}
	if len(tok) == 1 {
		c := tok[0] | 0x20
		return c >= 'a' && c <= 'z'
	}
	for i := 0; i < len(tok); i++ {
		switch tok[i] {
		case 'i', 'v', 'x', 'I', 'V', 'X':
		default:
			return false
		}
	}
	return true
}
