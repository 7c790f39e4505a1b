package cli

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/translate/backends"
)

// langPair is a translation direction, e.g. en→pt-BR.
type langPair struct{ from, to string }

func (p langPair) String() string { return p.from + "→" + p.to }

// canonicalLang validates a language flag and canonicalises it ("pt-br" →
// "pt-BR").
func canonicalLang(flag, s string) (string, error) {
	t, err := language.Parse(strings.TrimSpace(s))
	if err != nil || t == language.Und {
		return "", usagef("--%s %q is not a language tag (e.g. en, es, pt-BR)", flag, s)
	}
	return t.String(), nil
}

// configuredPairs are the pairs pressroom is set up to translate: the
// source language to each default target (serve's --targets), and every
// pair the config file's [routing.pairs] names ("en-pt-BR" → en→pt-BR).
func configuredPairs(source string, targets []string, file *backends.File) []langPair {
	var out []langPair
	add := func(p langPair) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, t := range targets {
		if c, err := canonicalLang("targets", t); err == nil {
			add(langPair{source, c})
		}
	}
	if file != nil {
		keys := make([]string, 0, len(file.Routing.Pairs))
		for k := range file.Routing.Pairs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			from, to, ok := strings.Cut(k, "-")
			if !ok {
				continue
			}
			f, err1 := canonicalLang("from", from)
			t, err2 := canonicalLang("to", to)
			if err1 == nil && err2 == nil {
				add(langPair{f, t})
			}
		}
	}
	return out
}

// checkPair refuses a pair that is not configured, naming those that are. A
// configured target without a region covers its regions, as routing does
// (en→pt covers en→pt-BR).
func checkPair(want langPair, configured []langPair) error {
	for _, p := range configured {
		if strings.EqualFold(p.from, want.from) && auth.CoversLang(p.to, want.to) {
			return nil
		}
	}
	names := make([]string, len(configured))
	for i, p := range configured {
		names[i] = p.String()
	}
	return usagef("%s is not a configured language pair; configured: %s (add a target with --targets, or a pair to [routing.pairs] in --config)",
		want, strings.Join(names, ", "))
}

// errSegments reports segments that every backend of the chain failed on.
type errSegments struct {
	n, of int
	first error
}

func (e errSegments) Error() string {
	return fmt.Sprintf("%d of %d segments were not translated (their source text was printed instead); first error: %v", e.n, e.of, e.first)
}
