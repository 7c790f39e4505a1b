package apy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCurlyApostrophes(t *testing.T) {
	tests := []struct{ src, draft, want string }{
		{"the ‘Donroe Doctrine’ — Trump’s <1>plan</1>", "la ‘Donroe Doctrina' — Triunfo' <1>plan</1>", "la ‘Donroe Doctrina’ — Triunfo’ <1>plan</1>"},
		{"Trump's plan", "Triunfo' plan", "Triunfo' plan"},                  // the source writes straight ones
		{"Trump’s and O'Brien", "Triunfo' y O'Brien", "Triunfo' y O'Brien"}, // mixed: left alone
		{"no apostrophe", "d'água", "d'água"},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, curlyApostrophes(tt.src, tt.draft)); d != "" {
			t.Errorf("curlyApostrophes(%q, %q) (-want +got):\n%s", tt.src, tt.draft, d)
		}
	}
}
