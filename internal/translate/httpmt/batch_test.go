package httpmt

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

func TestBatches(t *testing.T) {
	mk := func(lens ...int) []translate.Segment {
		var out []translate.Segment
		for _, n := range lens {
			out = append(out, translate.Segment{Text: strings.Repeat("a", n)})
		}
		return out
	}
	size := func(s translate.Segment) int { return len(s.Text) }
	tests := []struct {
		name           string
		lens           []int
		maxN, maxChars int
		want           [][]int
	}{
		{"empty", nil, 3, 0, nil},
		{"by count", []int{1, 1, 1, 1, 1}, 2, 0, [][]int{{1, 1}, {1, 1}, {1}}},
		{"by chars", []int{4, 4, 4, 1}, 10, 8, [][]int{{4, 4}, {4, 1}}},
		{"oversized alone", []int{2, 20, 2}, 10, 8, [][]int{{2}, {20}, {2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]int
			for _, b := range Batches(mk(tt.lens...), tt.maxN, tt.maxChars, size) {
				var l []int
				for _, s := range b {
					l = append(l, len(s.Text))
				}
				got = append(got, l)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
