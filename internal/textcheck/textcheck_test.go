package textcheck

import (
	"testing"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

func TestTextAndLine(t *testing.T) {
	for _, tc := range []struct {
		in         string
		text, line string // wanted codes, "" for accepted
	}{
		{"plain text, ñ, 日本, 😀", "", ""},
		{"tab\tnewline\ncr\r", "", CodeControlCharacter},
		{"nul\x00", CodeControlCharacter, CodeControlCharacter},
		{"bel\x07", CodeControlCharacter, CodeControlCharacter},
		{"us\x1f", CodeControlCharacter, CodeControlCharacter},
		{"del\x7f", CodeControlCharacter, CodeControlCharacter},
		{"c1\u0080", CodeControlCharacter, CodeControlCharacter},
		{"c1\u009f", CodeControlCharacter, CodeControlCharacter},
		{"nbsp\u00a0 is text", "", ""},
		{"bad\xff", CodeInvalidText, CodeInvalidText},
		{"surrogate\xed\xa0\x80", CodeInvalidText, CodeInvalidText},
		{"nonchar\ufdd0", CodeInvalidText, CodeInvalidText},
		{"nonchar\ufffe", CodeInvalidText, CodeInvalidText},
		{"nonchar\U0001ffff", CodeInvalidText, CodeInvalidText},
		{"replacement \ufffd is text", "", ""},
	} {
		for _, f := range []struct {
			name  string
			check func(string, string) error
			want  string
		}{{"Text", Text, tc.text}, {"Line", Line, tc.line}} {
			err := f.check("field", tc.in)
			got := ""
			if err != nil {
				got = derrors.Code(err)
			}
			if got != f.want {
				t.Errorf("%s(%+q) = %v (%q), want %q", f.name, tc.in, err, got, f.want)
			}
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"ok\ttext\n":          "ok\ttext\n",
		"a\x00b\x7fc\u0085d":  "a b c d",
		"bad\xffutf8":         "bad\ufffdutf8",
		"non\ufffechar\ufdd0": "non char ",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%+q) = %+q, want %+q", in, got, want)
		}
		if _, bad := BadRune(Clean(in)); bad {
			t.Errorf("Clean(%+q) still refused", in)
		}
	}
}
