package i18n

import (
	"io/fs"
	"sort"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/locales"
)

// TestLocalesComplete fails when a message exists in one locale file and not
// in another: every UI string must be in English, Spanish and Portuguese.
func TestLocalesComplete(t *testing.T) {
	files, err := fs.Glob(locales.FS, "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(Supported) {
		t.Fatalf("locale files %v, want one per supported language (%d)", files, len(Supported))
	}
	ids := map[string][]string{}
	for _, f := range files {
		var m map[string]any
		if _, err := toml.DecodeFS(locales.FS, f, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id := range m {
			ids[f] = append(ids[f], id)
		}
		sort.Strings(ids[f])
	}
	for _, f := range files[1:] {
		if d := cmp.Diff(ids[files[0]], ids[f]); d != "" {
			t.Errorf("message ids of %s and %s differ (-%s +%s):\n%s", files[0], f, files[0], f, d)
		}
	}
}

func TestMatch(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		prefs []string
		want  string
	}{
		{nil, "en"},
		{[]string{"es-MX,es;q=0.9,en;q=0.5"}, "es"},
		{[]string{"pt-BR"}, "pt"},
		{[]string{"de-DE,fr;q=0.8"}, "en"},
		{[]string{"", "fr, pt;q=0.4"}, "pt"},
		{[]string{"es", "pt-BR"}, "es"},
		{[]string{"garbage;;;q=x"}, "en"},
	} {
		if got := b.Match(tc.prefs...); got != tc.want {
			t.Errorf("Match(%q) = %q, want %q", tc.prefs, got, tc.want)
		}
	}
	l := b.Localizer("es")
	if got := l.T("PageOriginal"); got != "Leer el original" {
		t.Errorf("T(PageOriginal) in es = %q", got)
	}
	if got := l.T("PageVersion", "Version", 2, "Date", "hoy"); got != "Versión 2, publicada el hoy" {
		t.Errorf("T(PageVersion) = %q", got)
	}
	if got := l.LangName("en"); got != "inglés" {
		t.Errorf("LangName(en) in es = %q", got)
	}
}
