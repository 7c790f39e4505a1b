package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/translate/backends"
)

func TestCheckPair(t *testing.T) {
	file := &backends.File{Routing: backends.Routing{Pairs: map[string][]string{
		"en-pt": {"pseudo"}, "es-pt-br": {"pseudo"}, "en-ES": {"pseudo"}, "nonsense": {"pseudo"},
	}}}
	configured := configuredPairs("en", []string{"es", "pt-br", "not a tag"}, file)
	var names []string
	for _, p := range configured {
		names = append(names, p.String())
	}
	if d := cmp.Diff([]string{"en→es", "en→pt-BR", "en→pt", "es→pt-BR"}, names); d != "" {
		t.Errorf("configured pairs (-want +got):\n%s", d)
	}
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{"en", "es", true},
		{"en", "pt-BR", true},
		{"en", "pt-PT", true}, // en-pt in the file covers its regions, as routing does
		{"es", "pt-BR", true},
		{"es", "pt", false}, // pt-BR does not cover pt
		{"en", "fr", false},
		{"pt", "en", false},
	} {
		err := checkPair(langPair{tc.from, tc.to}, configured)
		if (err == nil) != tc.ok {
			t.Errorf("%s→%s: %v, want ok=%v", tc.from, tc.to, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "configured: en→es, en→pt-BR, en→pt, es→pt-BR") {
			t.Errorf("%s→%s: the error does not name the configured pairs: %v", tc.from, tc.to, err)
		}
		if err != nil && !isUsage(err) {
			t.Errorf("%s→%s: not a usage error: %v", tc.from, tc.to, err)
		}
	}
}
