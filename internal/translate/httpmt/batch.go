package httpmt

import "github.com/pressroom-dev/pressroom/internal/translate"

// Batches splits segs into consecutive runs of at most maxN segments and,
// when maxChars > 0, at most maxChars characters of text sent (a longer
// segment goes alone). APIs cap both: Google at 128 strings and
// recommends 5,000 characters per request, LibreTranslate instances cap
// characters. Order is kept, so drafts can be appended run after run.
func Batches(segs []translate.Segment, maxN, maxChars int, size func(translate.Segment) int) [][]translate.Segment {
	var out [][]translate.Segment
	start, chars := 0, 0
	for i, s := range segs {
		n := size(s)
		if i > start && (i-start >= maxN || (maxChars > 0 && chars+n > maxChars)) {
			out = append(out, segs[start:i])
			start, chars = i, 0
		}
		chars += n
	}
	if start < len(segs) {
		out = append(out, segs[start:])
	}
	return out
}
