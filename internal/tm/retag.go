package tm

import (
	"strconv"
	"strings"
)

// A segment's placeholders are numbered within its block (package
// segment), so the same sentence carries <1>…</1> as a block's first and
// <2>…</2> as its second. A match's target is in its own source's numbers;
// inserted as it is, the translator's save was refused (tags missing and
// extra). retag renumbers the target's placeholders to the current
// source's, when the two sources have the same sequence of placeholders up
// to their numbers.

// placeholderSeq returns the ids of the placeholders of tagged text s in
// order of first appearance, each with its shape: paired or standalone.
func placeholderSeq(s string) (ids []int, self []bool) {
	seen := map[int]bool{}
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		n := placeholderLen(s[i:])
		if n == 0 {
			continue
		}
		p := s[i : i+n]
		id, _ := strconv.Atoi(strings.Trim(p, "</>"))
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
			self = append(self, strings.HasSuffix(p, "/>"))
		}
		i += n - 1
	}
	return ids, self
}

// retag returns target with its placeholders renumbered from memSource's
// ids to current's, or target unchanged when the placeholders of the two
// sources do not correspond one to one.
func retag(memSource, current, target string) string {
	from, fromSelf := placeholderSeq(memSource)
	to, toSelf := placeholderSeq(current)
	if len(from) == 0 || len(from) != len(to) {
		return target
	}
	ids := map[int]int{}
	same := true
	for k := range from {
		if fromSelf[k] != toSelf[k] {
			return target
		}
		ids[from[k]] = to[k]
		same = same && from[k] == to[k]
	}
	if same {
		return target
	}
	var b strings.Builder
	for i := 0; i < len(target); i++ {
		n := 0
		if target[i] == '<' {
			n = placeholderLen(target[i:])
		}
		if n == 0 {
			b.WriteByte(target[i])
			continue
		}
		p := target[i : i+n]
		id, _ := strconv.Atoi(strings.Trim(p, "</>"))
		nid, ok := ids[id]
		if !ok {
			return target // a placeholder the source does not have
		}
		b.WriteString(strings.Replace(p, strconv.Itoa(id), strconv.Itoa(nid), 1))
		i += n - 1
	}
	return b.String()
}
