package tm

import (
	"strings"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Diff operations.
const (
	DiffEqual  = "equal"
	DiffInsert = "insert" // only in the current source
	DiffDelete = "delete" // only in the match's source
)

// Diff marks, word by word, how the source of a memory match (from)
// differs from the current source (to), both tagged text. The equal and
// inserted runs spell the current source; the equal and deleted runs spell
// the match's source, each up to white space at the edges of a change.
func Diff(from, to string) []store.DiffOp {
	a, b := tokenize(to), tokenize(from)
	if len(a) > maxTokens || len(b) > maxTokens {
		return mergeOps(nil, store.DiffOp{Op: DiffDelete, Text: from}, store.DiffOp{Op: DiffInsert, Text: to})
	}
	d := align(a, b, func(x, y token) bool { return x.Text == y.Text })
	var ops []store.DiffOp
	var del, ins strings.Builder
	inRun := false
	flush := func() {
		ops = mergeOps(ops, store.DiffOp{Op: DiffDelete, Text: del.String()}, store.DiffOp{Op: DiffInsert, Text: ins.String()})
		del.Reset()
		ins.Reset()
		inRun = false
	}
	// add appends a changed token to its side; the white space before the
	// first change of a run stays outside it.
	add := func(sb *strings.Builder, t token) {
		if !inRun {
			ops = mergeOps(ops, store.DiffOp{Op: DiffEqual, Text: t.Space})
			inRun = true
		} else if sb.Len() > 0 {
			sb.WriteString(t.Space)
		}
		sb.WriteString(t.Text)
	}
	for _, p := range d.path() {
		switch p.op {
		case opEqual:
			if inRun {
				flush()
			}
			ops = mergeOps(ops, store.DiffOp{Op: DiffEqual, Text: a[p.i].Space + a[p.i].Text})
		case opSub:
			add(&del, b[p.j])
			add(&ins, a[p.i])
		case opInsert:
			add(&ins, a[p.i])
		case opDelete:
			add(&del, b[p.j])
		}
	}
	if inRun {
		flush()
	}
	return ops
}

// mergeOps appends runs, joining runs of the same kind and dropping empty
// ones.
func mergeOps(ops []store.DiffOp, more ...store.DiffOp) []store.DiffOp {
	for _, o := range more {
		if o.Text == "" {
			continue
		}
		if n := len(ops); n > 0 && ops[n-1].Op == o.Op {
			ops[n-1].Text += o.Text
			continue
		}
		ops = append(ops, o)
	}
	return ops
}
