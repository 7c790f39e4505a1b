package pipeline

import (
	"math"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// MaxSlugRunes bounds a slug a caller gives: it is a URL path segment and a
// unique index entry (PostgreSQL refuses index rows over ~2.7 KB).
const MaxSlugRunes = 120

// MaxTitleRunes bounds an article's title a caller gives.
const MaxTitleRunes = 1000

// MaxVersion is the largest version a segment can have: versions are
// INTEGER columns, 32-bit on PostgreSQL.
const MaxVersion = math.MaxInt32

// CheckVersion refuses a version no row can have (invalid_version, a 400)
// before it reaches the database, where PostgreSQL would fail on it.
func CheckVersion(v int) error {
	if v < 0 || v > MaxVersion {
		return derrors.New(derrors.Invalid, "invalid_version", "version %d is out of range (0 to %d)", v, MaxVersion).
			WithDetail(map[string]any{"max": MaxVersion})
	}
	return nil
}

// Languages are the target languages this installation translates into
// (its --targets), canonical BCP 47.
func (p *Pipeline) Languages() []string {
	var out []string
	for _, t := range p.cfg.Targets {
		if tag, err := language.Parse(t); err == nil {
			t = tag.String()
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// supported refuses a canonical language tag that is not one of
// Languages (unsupported_language, a 422 naming them).
func (p *Pipeline) supported(field, lang string) error {
	langs := p.Languages()
	if slices.Contains(langs, lang) {
		return nil
	}
	return derrors.New(derrors.Unprocessable, "unsupported_language", "%s %q is not a configured language; this installation translates into %s",
		field, lang, strings.Join(langs, ", ")).WithDetail(map[string]any{"lang": lang, "supported": langs, "configured": strings.Join(langs, ", ")})
}

// CheckTargets returns targets as canonical BCP 47 tags, each one of
// Languages (invalid_language or unsupported_language otherwise): what a
// caller may name as an article's or a feed's target languages.
func (p *Pipeline) CheckTargets(targets []string) ([]string, error) {
	var out []string
	for _, t := range targets {
		if err := textcheck.Line("targets", t); err != nil {
			return nil, err
		}
		c, err := canonicalLang(t)
		if err != nil {
			return nil, err
		}
		if err := p.supported("target", c); err != nil {
			return nil, err
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}
