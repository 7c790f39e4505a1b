package tm

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
)

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		name     string
		current  string
		memory   string
		min, max int
	}{
		{"identical", "Dock workers voted to continue the strike.", "Dock workers voted to continue the strike.", 100, 100},
		{"one word changed", "Dock workers voted to end the strike.", "Dock workers voted to continue the strike.", 85, 88},
		{"a number changed costs a point, not a word", "The port of Santos handled 7,200 containers in May.", "The port of Santos handled 5,000 containers in May.", 98, 99},
		{"a placeholder id changed", "Read <1>the report</1> here.", "Read <2>the report</2> here.", 97, 99},
		{"case only", "The Strike ended.", "The strike ended.", 99, 99},
		{"punctuation only", "The strike ended", "The strike ended.", 85, 90},
		{"white space only", "The strike  ended.", "The strike ended.", 99, 99},
		{"near miss: other subject", "Dock workers in Lisbon were paid on Friday.", "Dock workers voted to continue the strike.", 0, 50},
		{"near miss: different ending", "Talks between the union and the employers collapsed on Friday after a week.",
			"Talks between the union and the employers resumed on Monday.", 0, 69},
		{"empty", "", "Dock workers.", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := score(tokenize(tc.current), tokenize(tc.memory))
			if got < tc.min || got > tc.max {
				t.Errorf("score(%q, %q) = %d, want %d–%d", tc.current, tc.memory, got, tc.min, tc.max)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		want           []store.DiffOp
	}{
		{"substitution", "Dock workers voted to continue the strike.", "Dock workers voted to end the strike.", []store.DiffOp{
			{Op: "equal", Text: "Dock workers voted to "}, {Op: "delete", Text: "continue"}, {Op: "insert", Text: "end"}, {Op: "equal", Text: " the strike."}}},
		{"insertion of two words", "The strike ended.", "The long strike ended today.", []store.DiffOp{
			{Op: "equal", Text: "The "}, {Op: "insert", Text: "long"}, {Op: "equal", Text: " strike ended "}, {Op: "insert", Text: "today"}, {Op: "equal", Text: "."}}},
		{"deletion at the start", "Yesterday the port closed.", "The port closed.", []store.DiffOp{
			{Op: "delete", Text: "Yesterday the"}, {Op: "insert", Text: "The"}, {Op: "equal", Text: " port closed."}}},
		{"tags and escapes", "Read <1>the report</1> &amp; weep.", "Read <2>the report</2> &amp; weep.", []store.DiffOp{
			{Op: "equal", Text: "Read "}, {Op: "delete", Text: "<1>"}, {Op: "insert", Text: "<2>"}, {Op: "equal", Text: "the report"},
			{Op: "delete", Text: "</1>"}, {Op: "insert", Text: "</2>"}, {Op: "equal", Text: " &amp; weep."}}},
		{"identical", "Same.", "Same.", []store.DiffOp{{Op: "equal", Text: "Same."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Diff(tc.from, tc.to)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Diff (-want +got):\n%s", d)
			}
			// The equal and inserted runs spell the current source.
			var cur string
			for _, o := range got {
				if o.Op != "delete" {
					cur += o.Text
				}
			}
			if cur != tc.to {
				t.Errorf("equal+insert = %q, want %q", cur, tc.to)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range tokenize("Don't pay 1,200.50 <1>now</1>&amp; <2/> well-known 2nd <x") {
		got = append(got, tk.Key)
	}
	want := []string{"don't", "pay", "#", "<t>", "now", "</t>", "&", "<t/>", "well-known", "2nd", "<", "x"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
}

func TestPostingsCodec(t *testing.T) {
	ids := []int64{3, 9, 10, 700000, 5} // out of order at the end: concurrent writers
	enc, last := appendPostings(nil, 0, ids[:3]...)
	enc, last = appendPostings(enc, last, ids[3:]...)
	if last != 5 {
		t.Errorf("last = %d", last)
	}
	if d := cmp.Diff(ids, decodePostings(enc, nil)); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	got := postings(store.TMGram{DF: 5, Tail: enc}, nil)
	if d := cmp.Diff([]int64{3, 5, 9, 10, 700000}, got); d != "" {
		t.Errorf("postings sorted (-want +got):\n%s", d)
	}
}

func TestTopShared(t *testing.T) {
	lists := [][]int64{{1, 2, 5, 9}, {2, 5, 7}, {5, 7, 9}}
	if d := cmp.Diff([]int64{5, 9, 7}, topShared(lists, []float64{1, 1, 1}, 3)); d != "" {
		t.Errorf("topShared (-want +got):\n%s", d)
	}
	// A rare word outweighs two common ones.
	if d := cmp.Diff([]int64{4, 3}, topShared([][]int64{{4}, {1, 2, 3}, {1, 2, 3}}, []float64{5, 1, 1}, 2)); d != "" {
		t.Errorf("topShared (-want +got):\n%s", d)
	}
}
