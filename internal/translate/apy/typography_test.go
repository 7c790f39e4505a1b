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

func TestDropMarksAndBlanks(t *testing.T) {
	tests := []struct{ src, draft, want string }{
		{"since the 1990s.", "desde el @1990s.", "desde el 1990s."},
		{"a <1>good</1> plan", "un <1>#bueno</1> plan", "un <1>bueno</1> plan"},
		{"Follow @nytimes and #MeToo now.", "Sigue @nytimes y #MeToo ahora.", "Sigue @nytimes y #MeToo ahora."},
		{"Write to news@city.gov today.", "Escribe a news@city.gov hoy.", "Escribe a news@city.gov hoy."},
		{"The Port of Eastbridge's board, he said", "El Puerto de Eastbridge  la junta ,  dijo", "El Puerto de Eastbridge la junta, dijo"},
		{"Two  spaces , kept", "Dos  espacios , guardados", "Dos  espacios , guardados"},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, tidyBlanks(tt.src, dropMarks(tt.src, tt.draft))); d != "" {
			t.Errorf("%q → %q (-want +got):\n%s", tt.src, tt.draft, d)
		}
	}
}
