package auth

import (
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

func TestUsername(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		code     string // "" when accepted
	}{
		{"ana", "ana", ""},
		{"ANA", "ana", ""},
		{"Ana.Lopez-2@news", "ana.lopez-2@news", ""},
		{"ａｎａ", "ana", ""},                   // fullwidth, NFKC
		{"Straße", "strasse", ""},            // full case folding
		{"José", "josé", ""},                 // composed
		{"Jose\u0301", "josé", ""},           // decomposed: NFKC composes
		{"Ἀθηνᾶ", "ἀθηνᾶ", ""},               // Greek alone
		{"иван", "иван", ""},                 // Cyrillic alone
		{"山田たろう", "山田たろう", ""},               // Han + Hiragana: Japanese
		{"김민수", "김민수", ""},                   // Hangul
		{"\u0430na", "", "invalid_username"}, // Cyrillic а + Latin
		{"an\u03b1", "", "invalid_username"}, // Greek α + Latin
		{"a\u200bna", "", "invalid_username"},
		{"a\u200cna", "", "invalid_username"},
		{"a\u200dna", "", "invalid_username"},
		{"a\u00adna", "", "invalid_username"},
		{"\u202eana", "", "invalid_username"},
		{"ana\u2066", "", "invalid_username"},
		{"\ufeffana", "", "invalid_username"},
		{"a na", "", "invalid_username"},
		{"", "", "invalid_username"},
		{"a\x00na", "", "control_character"},
		{"a\nna", "", "control_character"},
		{"a\u0085na", "", "control_character"},
		{strings.Repeat("a", 64), strings.Repeat("a", 64), ""},
		{strings.Repeat("a", 65), "", "invalid_username"},
	} {
		got, err := Username(tc.in)
		if tc.code == "" {
			if err != nil || got != tc.want {
				t.Errorf("Username(%+q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			continue
		}
		if code := derrors.Code(err); code != tc.code {
			t.Errorf("Username(%+q) = %q, %v (code %q); want %s", tc.in, got, err, code, tc.code)
		}
	}
}

func TestSkeleton(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"paco", "\u0440\u0430\u0441\u043e"}, // Cyrillic расо
		{"ape", "\u03b1\u0440\u0435"},        // not one script, but the skeleton still matches
		{"ivan", "ivan"},
	} {
		if skeleton(tc.a) != skeleton(tc.b) {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q", tc.a, skeleton(tc.a), tc.b, skeleton(tc.b))
		}
	}
	if skeleton("иван") == skeleton("ivan") {
		t.Error("иван should not look like ivan")
	}
}
