// Package i18n loads the message files in locales/ and picks the language a
// person or page is served in: English, Spanish or Portuguese.
package i18n

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/pressroom-dev/pressroom/locales"
)

// Supported are the UI languages, the first being the fallback.
var Supported = []language.Tag{language.English, language.Spanish, language.Portuguese}

// Bundle holds every message in every supported language.
type Bundle struct {
	b       *goi18n.Bundle
	matcher language.Matcher
}

// New loads locales/*.toml.
func New() (*Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := fs.Glob(locales.FS, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(locales.FS, f); err != nil {
			return nil, fmt.Errorf("load %s: %w", f, err)
		}
	}
	return &Bundle{b: b, matcher: language.NewMatcher(Supported)}, nil
}

// Match returns the supported language ("en", "es" or "pt") that best fits
// the given preferences: language tags or Accept-Language header values, in
// order of priority. Unparseable values are skipped.
func (b *Bundle) Match(prefs ...string) string {
	var tags []language.Tag
	for _, p := range prefs {
		if p == "" {
			continue
		}
		t, _, err := language.ParseAcceptLanguage(p)
		if err == nil {
			tags = append(tags, t...)
		}
	}
	_, i, _ := b.matcher.Match(tags...)
	base, _ := Supported[i].Base()
	return base.String()
}

// Localizer translates message ids into one language.
type Localizer struct {
	l    *goi18n.Localizer
	lang string
}

// Localizer returns a localizer for the best match of prefs.
func (b *Bundle) Localizer(prefs ...string) *Localizer {
	lang := b.Match(prefs...)
	return &Localizer{l: goi18n.NewLocalizer(b.b, lang), lang: lang}
}

// Lang is the localizer's language ("en", "es", "pt").
func (l *Localizer) Lang() string { return l.lang }

// T returns the message id filled with data (pairs of key, value). A missing
// message returns the id itself, so the gap shows instead of breaking a page;
// TestLocalesComplete keeps that from happening.
func (l *Localizer) T(id string, kv ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	s, err := l.l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

// LangName is a language's name in the localizer's language, e.g. "inglés"
// for "en" in Spanish.
func (l *Localizer) LangName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	name := display.Tags(language.Make(l.lang)).Name(t)
	if name == "" {
		return tag
	}
	if l.lang == "en" {
		return name
	}
	return strings.ToLower(name[:1]) + name[1:]
}
