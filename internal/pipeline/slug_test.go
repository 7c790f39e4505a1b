package pipeline

import "testing"

func TestSlugify(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The War on Venezuela", "the-war-on-venezuela"},
		{"  Nicolás Maduro — ¿qué pasó?  ", "nicolas-maduro-que-paso"},
		{"On 5 January — two days after U.S. bombs fell on Caracas and US special forces", "on-5-january-two-days-after-u-s-bombs-fell-on-caracas-and-us"},
		{"!!!", "article"},
		{"Ünïcödé ñandú", "unicode-nandu"},
		{"a" + string(make([]byte, 0)) + "bcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh"},
	} {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Slugify(tc.in); len(got) > maxSlug || !slugRE.MatchString(got) {
			t.Errorf("Slugify(%q) = %q is not a valid slug", tc.in, got)
		}
	}
}
