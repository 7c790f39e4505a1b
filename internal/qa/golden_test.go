package qa_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/segment/segmenttest"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

var update = flag.Bool("update", false, "rewrite testdata/qa/check_golden.json")

// goldenSegments are the segments of the fixtures in testdata (never
// ../shared, so the answers do not depend on the machine), each with
// targets of the shapes the pipeline sees and the defects the checks
// look for: pseudo-localised, copied, glued, numbers swapped, a word
// doubled, Spanish words in Portuguese.
func goldenSegments(t *testing.T) []qa.Segment {
	t.Helper()
	var out []qa.Segment
	for _, s := range segmenttest.Fixtures(t) {
		src := s.Tagged
		var terms []qa.Term
		if w := strings.Fields(s.Text); len(w) > 2 {
			terms = []qa.Term{{Source: w[1], Target: strings.ToUpper(w[1]), Kind: qa.TermPreferred}}
		}
		targets := []string{
			translate.Pseudolocalize(src),
			src,
			strings.Replace(src, " ", "", 3),
			strings.NewReplacer(",", ".", ".", ",").Replace(src),
			strings.Replace(src, " ", " de de ", 1),
			"el muy " + src + " según nación",
			strings.ToLower(src),
		}
		for _, to := range []string{"es", "pt-BR"} {
			for _, tgt := range targets {
				out = append(out, qa.Segment{From: "en", To: to, Source: src, Target: tgt, Tags: s.Tags, Terms: terms})
			}
		}
	}
	return out
}

// TestCheckGolden pins every finding of Check (without a speller) on
// goldenSegments: an optimisation must not change one. Rewrite the file
// with -update only when a check's behaviour is meant to change.
func TestCheckGolden(t *testing.T) {
	c := qa.New(qa.Config{}, qa.WithGlossary(qa.GlossaryFunc(func(source, target string, terms []qa.Term) []qa.TermFinding {
		var out []qa.TermFinding
		for _, term := range terms {
			if !strings.Contains(target, term.Target) {
				out = append(out, qa.TermFinding{Code: "term_missing", Term: term})
			}
		}
		return out
	})))
	// A speller with a fixed rule, so that the checks that ask one are
	// pinned too: a word is misspelt when its length in bytes is a
	// multiple of three.
	spelt := qa.New(qa.Config{}, qa.WithSpeller(ruleSpeller{}))
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	for i, s := range goldenSegments(t) {
		for _, ch := range []*qa.Checker{c, spelt} {
			line := []any{i, s.To}
			for _, f := range ch.Check(context.Background(), s) {
				line = append(line, f.Code, f.Severity, f.Args)
			}
			if err := enc.Encode(line); err != nil {
				t.Fatal(err)
			}
		}
	}
	testenv.Golden(t, filepath.Join(testenv.RepoRoot(), "testdata", "qa", "check_golden.json"), got.Bytes(), *update)
}

type ruleSpeller struct{}

func (ruleSpeller) Misspelt(_ context.Context, lang string, words []string) ([]string, error) {
	var bad []string
	for _, w := range words {
		if (len(w)+len(lang))%3 == 0 {
			bad = append(bad, w)
		}
	}
	return bad, nil
}
