package inline

import (
	"errors"
	"fmt"
	"sort"
)

// ErrTagMismatch is wrapped by the errors Check returns when a translation's
// placeholders differ from its source's.
var ErrTagMismatch = errors.New("inline tags do not match the source")

// Check reports whether target is well-formed tagged text that uses exactly the
// placeholders of source: every paired code opened and closed once, in a proper
// nesting, every standalone code once. Order may differ (languages reorder
// words), but a paired code may not be split or duplicated.
func Check(source, target string) error {
	want, err := shape(source)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	got, err := shape(target)
	if err != nil {
		return err
	}
	var missing, extra []string
	for id, k := range want {
		if g, ok := got[id]; !ok {
			missing = append(missing, placeholder(id, k))
		} else if g != k {
			extra = append(extra, placeholder(id, g))
		}
	}
	for id, k := range got {
		if _, ok := want[id]; !ok {
			extra = append(extra, placeholder(id, k))
		}
	}
	if len(missing)+len(extra) == 0 {
		return nil
	}
	sort.Strings(missing)
	sort.Strings(extra)
	return fmt.Errorf("%w: missing %v, unexpected %v", ErrTagMismatch, missing, extra)
}

func placeholder(id int, k TokenKind) string {
	if k == SelfToken {
		return fmt.Sprintf("<%d/>", id)
	}
	return fmt.Sprintf("<%d>…</%d>", id, id)
}

// shape parses s and returns, for each placeholder id, whether it is paired
// (OpenToken) or standalone (SelfToken), failing on bad nesting or repeats.
func shape(s string) (map[int]TokenKind, error) {
	toks, err := Parse(s)
	if err != nil {
		return nil, err
	}
	seen := map[int]TokenKind{}
	var stack []int
	for _, t := range toks {
		switch t.Kind {
		case OpenToken, SelfToken:
			if _, dup := seen[t.ID]; dup {
				return nil, fmt.Errorf("%w: placeholder %d appears twice", ErrTagMismatch, t.ID)
			}
			seen[t.ID] = t.Kind
			if t.Kind == OpenToken {
				stack = append(stack, t.ID)
			}
		case CloseToken:
			if len(stack) == 0 || stack[len(stack)-1] != t.ID {
				return nil, fmt.Errorf("%w: </%d> closes nothing open", ErrTagMismatch, t.ID)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%w: <%d> is never closed", ErrTagMismatch, stack[len(stack)-1])
	}
	return seen, nil
}
