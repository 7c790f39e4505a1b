package pipeline_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// TestImageAloneInItsParagraph: a photo standing in its own paragraph is a
// segment of tags alone ("<1/>"). Its translation is the same tags: a
// translator can save it (it was refused as empty) and approve it without
// overriding a quality error (it was flagged empty_target, which blocked
// publication of every article with such a photo).
func TestImageAloneInItsParagraph(t *testing.T) {
	for name, open := range stores() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			p := pipeline.New(pipeline.Deps{Store: st, Translator: translate.NewPseudo(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
				QA: qa.New(qa.Config{})}, pipeline.Config{})
			a, err := p.Ingest(ctx, "tok_editor", pipeline.ArticleInput{Format: "markdown", Targets: []string{"es"},
				Body: "# Bridge closed\n\nThe bridge was closed on Monday.\n\n![Workers on the bridge](https://img.example.org/bridge.jpg)\n\n*Workers on the bridge. Photo: Renée Oliveira.*\n"})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.SegmentArticle(ctx, a.ID, 1); err != nil {
				t.Fatal(err)
			}
			eds, err := st.ArticleEditions(ctx, a.ID)
			if err != nil || len(eds) != 1 {
				t.Fatalf("editions %v, %v", eds, err)
			}
			if err := p.TranslateEdition(ctx, eds[0].ID, eds[0].Revision); err != nil {
				t.Fatal(err)
			}
			segs, err := st.EditionSegments(ctx, eds[0].ID, eds[0].Revision)
			if err != nil {
				t.Fatal(err)
			}
			var img store.Segment
			for _, s := range segs {
				if inline.Plain(s.Source) == "" {
					img = s
				}
			}
			if img.ID == "" {
				t.Fatalf("no segment of tags alone among %+v", segs)
			}
			saved, err := p.EditSegment(ctx, reviewer, img.EditionID, img.ID, pipeline.SegmentEdit{Target: img.Source, Version: img.Version})
			if err != nil {
				t.Fatalf("saving %q as its own translation: %v", img.Source, err)
			}
			for _, f := range saved.QA {
				if f.Severity == string(qa.Error) {
					t.Errorf("%q → %q: QA error %+v", img.Source, saved.Target, f)
				}
			}
			if _, err := p.ApproveSegment(ctx, reviewer, img.EditionID, img.ID, pipeline.SegmentApproval{Version: saved.Version}); err != nil {
				t.Errorf("approving without a reason: %v", err)
			}
			if _, err := p.EditSegment(ctx, reviewer, img.EditionID, img.ID, pipeline.SegmentEdit{Target: " ", Version: saved.Version + 1}); err == nil {
				t.Errorf("a blank translation of %q was saved", img.Source)
			}
		})
	}
}
