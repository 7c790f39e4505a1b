package translate

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
)

// RepairTags returns target with its placeholders made to match source's, when
// that can be done without guessing, plus one note per repair for the
// translator. Engines that carry markup through word reordering often split a
// paired code in two ("<1>casa</1> <1>grande</1>") or invent a stray one; a
// split code is rejoined from its first opening to its last closing, and a
// placeholder the source does not have is dropped. A missing or crossed code
// cannot be placed safely: the error wraps inline.ErrTagMismatch and the
// router hands the segment to the next backend.
func RepairTags(seg Segment, target string) (string, []note.Note, error) {
	if err := inline.Check(seg.Text, target); err == nil {
		return target, nil, nil
	}
	want, err := inline.Parse(seg.Text)
	if err != nil {
		return "", nil, fmt.Errorf("source: %w", err)
	}
	toks, err := rawTokens(target)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", inline.ErrTagMismatch, err)
	}
	kinds := map[int]inline.TokenKind{}
	for _, t := range want {
		if t.Kind == inline.OpenToken || t.Kind == inline.SelfToken {
			kinds[t.ID] = t.Kind
		}
	}
	var notes []note.Note
	// Drop placeholders the source does not have, or of the wrong kind.
	var kept []rawToken
	dropped := map[int]bool{}
	for _, t := range toks {
		if t.Kind != inline.TextToken {
			k, ok := kinds[t.ID]
			if !ok || (k == inline.SelfToken) != (t.Kind == inline.SelfToken) {
				dropped[t.ID] = true
				continue
			}
		}
		kept = append(kept, t)
	}
	for _, id := range sortedKeys(dropped) {
		notes = append(notes, note.New(note.TagDropped, "tag", tagName(seg, id)))
	}
	// Rejoin split paired codes: keep the first opening and the last closing.
	first, last, opens := map[int]int{}, map[int]int{}, map[int]int{}
	for i, t := range kept {
		switch t.Kind {
		case inline.OpenToken:
			if _, ok := first[t.ID]; !ok {
				first[t.ID] = i
			}
			opens[t.ID]++
		case inline.CloseToken:
			last[t.ID] = i
		}
	}
	var joined []rawToken
	for i, t := range kept {
		switch t.Kind {
		case inline.OpenToken:
			if first[t.ID] != i {
				continue
			}
		case inline.CloseToken:
			if last[t.ID] != i {
				continue
			}
		case inline.SelfToken:
			// A duplicated standalone code has no safe choice of position.
		}
		joined = append(joined, t)
	}
	for _, id := range sortedKeys(opens) {
		if n := opens[id]; n > 1 {
			notes = append(notes, note.New(note.TagRejoined, "tag", tagName(seg, id), "parts", strconv.Itoa(n)))
		}
	}
	out := joinRaw(joined)
	if err := inline.Check(seg.Text, out); err != nil {
		return "", nil, fmt.Errorf("cannot repair tags: %w", err)
	}
	return out, notes, nil
}

// tagName names placeholder id for a translator: "<a>" for a link, "<em>" …
func tagName(seg Segment, id int) string {
	for _, t := range seg.Tags {
		if t.ID == id && t.Name != "" {
			return "<" + t.Name + ">"
		}
	}
	return fmt.Sprintf("<%d>", id)
}

// sortedKeys returns a map's keys in order, so notes come out the same
// every time.
func sortedKeys[V any](m map[int]V) []int {
	ids := make([]int, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}
