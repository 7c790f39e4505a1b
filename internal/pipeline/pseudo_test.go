package pipeline_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// flagsAll is a speller that knows no word.
type flagsAll struct{}

func (flagsAll) Misspelt(_ context.Context, _ string, words []string) ([]string, error) {
	return words, nil
}

// TestPseudoDraftsSkipLanguageChecks checks that pseudo drafts are stored
// without spelling findings (their words are in no language), and that the
// same text saved by a translator is checked like any other.
func TestPseudoDraftsSkipLanguageChecks(t *testing.T) {
	for name, open := range stores() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			p := pipeline.New(pipeline.Deps{Store: st, Translator: translate.NewPseudo(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
				QA: qa.New(qa.Config{}, qa.WithSpeller(flagsAll{}))}, pipeline.Config{})
			eds := run(t, p, "The port of Santos was closed on Monday.\n\nDock workers voted to continue the strike.\n")
			var seg store.Segment
			for lang, segs := range eds {
				for _, s := range segs {
					if s.Origin != translate.PseudoName || s.Status != store.SegmentDraft {
						t.Fatalf("%s segment %q: origin %q status %q, want a pseudo draft", lang, s.Source, s.Origin, s.Status)
					}
					for _, f := range s.QA {
						if f.Code == qa.CodeSpelling || f.Code == qa.CodeSpanishInPortuguese || f.Code == qa.CodeUntranslated {
							t.Errorf("%s draft %q has a language finding: %+v", lang, s.Target, f)
						}
					}
					seg = s
				}
			}
			fs, err := p.CheckSegment(ctx, reviewer, seg.EditionID, seg.ID, seg.Target)
			if err != nil {
				t.Fatal(err)
			}
			spelling := 0
			for _, f := range fs {
				if f.Code == qa.CodeSpelling {
					spelling++
				}
			}
			if spelling == 0 {
				t.Errorf("a translator's %q got no spelling finding from a speller that knows no word: %+v", seg.Target, fs)
			}
		})
	}
}
