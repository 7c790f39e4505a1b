package qa

import (
	"fmt"
	"sort"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// checkTags compares the placeholders of source and target: each paired
// code once and properly nested, each standalone code once.
func checkTags(t *text, emit func(string, ...string)) {
	src, err := inline.Parse(t.seg.Source)
	if err != nil {
		return // the source is the reference; nothing to compare with
	}
	tgt, err := inline.Parse(t.seg.Target)
	if err != nil {
		emit(CodeTagMisnested, "tag", "<")
		return
	}
	want, got := tagCounts(src), tagCounts(tgt)
	for _, id := range sortedIDs(want) {
		if got[id] < want[id] {
			emit(CodeTagMissing, "tag", tagName(t.seg.Tags, id))
		}
	}
	for _, id := range sortedIDs(got) {
		if got[id] > want[id] {
			emit(CodeTagExtra, "tag", tagName(t.seg.Tags, id))
		}
	}
	var stack []int
	for _, tok := range tgt {
		switch tok.Kind {
		case inline.OpenToken:
			stack = append(stack, tok.ID)
		case inline.CloseToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.ID {
				emit(CodeTagMisnested, "tag", tagName(t.seg.Tags, tok.ID))
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k] == tok.ID {
						stack = append(stack[:k], stack[k+1:]...)
						break
					}
				}
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// tagCounts counts each placeholder id: an opening and a standalone count
// one each, closings are checked by nesting.
func tagCounts(toks []inline.Token) map[int]int {
	n := map[int]int{}
	for _, t := range toks {
		if t.Kind == inline.OpenToken || t.Kind == inline.SelfToken {
			n[t.ID]++
		}
	}
	return n
}

func sortedIDs(m map[int]int) []int {
	ids := make([]int, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// tagName names a placeholder for people: "<a>" for a link, else "<1>".
func tagName(tags []inline.Tag, id int) string {
	for _, t := range tags {
		if t.ID == id && t.Name != "" {
			return "<" + t.Name + ">"
		}
	}
	return fmt.Sprintf("<%d>", id)
}
