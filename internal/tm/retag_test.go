package tm

import "testing"

func TestRetag(t *testing.T) {
	for _, tc := range []struct{ name, mem, cur, target, want string }{
		{"same ids", "Prices rose by <1>3.5%</1>.", "Prices rose by <1>3.6%</1>.", "Subieron un <1>3,5 %</1>.", "Subieron un <1>3,5 %</1>."},
		{"later in the block", "Prices rose by <1>3.5%</1>.", "Prices rose by <4>3.5%</4>.", "Subieron un <1>3,5 %</1>.", "Subieron un <4>3,5 %</4>."},
		{"two tags, reordered in the target", "See <1>the data</1> and <2/> now.", "See <3>the data</3> and <5/> now.",
			"Vea ahora <2/> y <1>los datos</1>.", "Vea ahora <5/> y <3>los datos</3>."},
		{"ids swapped", "<2>a</2> <1>b</1>", "<1>a</1> <2>b</2>", "<1>B</1> <2>A</2>", "<2>B</2> <1>A</1>"},
		{"another shape: left alone", "Read <1>this</1>.", "Read <2/> this.", "Lea <1>esto</1>.", "Lea <1>esto</1>."},
		{"another count: left alone", "Read <1>this</1>.", "Read <2>this</2> <3>now</3>.", "Lea <1>esto</1>.", "Lea <1>esto</1>."},
		{"no tags", "Read this.", "Read that.", "Lea esto.", "Lea esto."},
	} {
		if got := retag(tc.mem, tc.cur, tc.target); got != tc.want {
			t.Errorf("%s: retag(%q, %q, %q) = %q, want %q", tc.name, tc.mem, tc.cur, tc.target, got, tc.want)
		}
	}
}
