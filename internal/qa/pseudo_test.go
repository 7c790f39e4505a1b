package qa_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// everyWordMisspelt is a speller with no words: it flags all it is given.
type everyWordMisspelt struct{}

func (everyWordMisspelt) Misspelt(_ context.Context, _ string, words []string) ([]string, error) {
	return words, nil
}

// TestPseudoTargets checks that a pseudo-translation skips the checks of
// its words against the language (it is in no language) and keeps the
// others, and that the same text from anyone else gets every check.
func TestPseudoTargets(t *testing.T) {
	c := qa.New(qa.Config{}, qa.WithSpeller(everyWordMisspelt{}))
	ctx := context.Background()
	source := `The <1>ministry</1> said 25 people marched on 12 May.`
	pseudo, err := translate.NewPseudo().Translate(ctx, translate.Request{From: "en", To: "pt-BR",
		Segments: []translate.Segment{{ID: "s1", Text: source}}})
	if err != nil {
		t.Fatal(err)
	}
	broken := pseudo[0].Text[:len(pseudo[0].Text)-len(" 12 Máý.")] + "." // a number lost, tags kept
	language := []string{qa.CodeSpelling, qa.CodeUntranslated, qa.CodeSpanishInPortuguese}
	for _, tc := range []struct {
		name         string
		target       string
		pseudo       bool
		wantLanguage bool // spelling findings expected
		wantCodes    []string
	}{
		{name: "pseudo draft", target: pseudo[0].Text, pseudo: true},
		{name: "pseudo draft that lost a number", target: broken, pseudo: true, wantCodes: []string{qa.CodeNumberMissing}},
		{name: "the same text from a person", target: pseudo[0].Text, wantLanguage: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := c.Check(ctx, qa.Segment{From: "en", To: "pt-BR", Source: source, Target: tc.target, Pseudo: tc.pseudo})
			var codes []string
			gotLanguage := false
			for _, f := range fs {
				if len(only([]qa.Finding{f}, language)) > 0 {
					gotLanguage = true
					continue
				}
				codes = append(codes, f.Code)
			}
			if gotLanguage != tc.wantLanguage {
				t.Errorf("language findings: got %v, want %v (%v)", gotLanguage, tc.wantLanguage, fs)
			}
			if d := cmp.Diff(tc.wantCodes, codes); d != "" {
				t.Errorf("other findings of %q (-want +got):\n%s", tc.target, d)
			}
		})
	}
}
