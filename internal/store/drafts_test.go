package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestSetDrafts checks, on both databases, that one bulk write of N drafts
// leaves the segments exactly as N SetDraft calls do, that it skips
// segments no longer pending, and that running it twice changes nothing.
func TestSetDrafts(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := mk(t)
			ctx := context.Background()
			// 2×draftsPerStatement+3 segments, so the bulk write spans three statements.
			const n = 503
			mkEdition := func(slug string) (store.Edition, []store.Segment) {
				a := newArticle(t, s, slug)
				e := store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: "es", Status: store.EditionTranslating, Revision: 1}
				if err := s.CreateEdition(ctx, &e); err != nil {
					t.Fatal(err)
				}
				segs := make([]store.Segment, n)
				for i := range segs {
					segs[i] = store.Segment{ID: store.NewID("seg"), EditionID: e.ID, Revision: 1, Index: i, Source: fmt.Sprintf("Sentence %d.", i),
						Status: store.SegmentPending}
				}
				if err := s.InsertSegments(ctx, segs); err != nil {
					t.Fatal(err)
				}
				return e, segs
			}
			draft := func(s store.Segment, i int) store.Segment {
				s.Target, s.Origin, s.Engine = fmt.Sprintf("Frase %d, 'citada' y \"doble\".", i), "pseudo", "pseudo-1"
				s.Notes = []note.Note{note.Text(fmt.Sprintf("note %d", i))}
				if i%3 == 0 {
					s.QA = []store.QAIssue{{Code: "numbers", Severity: "error", Message: "m"}, {Code: "spell", Severity: "warning"}}
				}
				if i%5 == 0 {
					s.Matches = []store.Match{{Source: "Sentence.", Target: "Frase.", Score: 80}}
				}
				return s
			}
			e1, one := mkEdition("one-by-one")
			e2, bulk := mkEdition("bulk")
			// The same segment drafted elsewhere first is skipped by both.
			skip := draft(bulk[7], 7)
			skip.Target = "first"
			if err := s.SetDraft(ctx, skip); err != nil {
				t.Fatal(err)
			}
			if err := s.SetDraft(ctx, draft(one[7], 7)); err != nil {
				t.Fatal(err)
			}
			var want []string
			for i := range one {
				if i == 7 {
					continue
				}
				if err := s.SetDraft(ctx, draft(one[i], i)); err != nil {
					t.Fatal(err)
				}
			}
			var drafts []store.Segment
			for i := range bulk {
				drafts = append(drafts, draft(bulk[i], i))
				if i != 7 {
					want = append(want, bulk[i].ID)
				}
			}
			var changed []string
			if err := s.InTx(ctx, func(q *store.Queries) (err error) {
				changed, err = q.SetDrafts(ctx, drafts)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			slices.Sort(changed)
			slices.Sort(want)
			if diff := cmp.Diff(want, changed); diff != "" {
				t.Errorf("changed ids (-want +got):\n%s", diff)
			}
			got1, err := s.EditionSegments(ctx, e1.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			got2, err := s.EditionSegments(ctx, e2.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			got2[7].Target = draft(one[7], 7).Target // the only intended difference
			ignore := cmpopts.IgnoreFields(store.Segment{}, "ID", "EditionID", "UpdatedAt")
			if diff := cmp.Diff(got1, got2, ignore, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("bulk drafts differ from single ones (-single +bulk):\n%s", diff)
			}
			if p, err := s.EditionProgress(ctx, e2); err != nil || p.Drafted != n {
				t.Errorf("progress %+v %v", p, err)
			}
			// Run again: nothing changes.
			again, err := s.SetDrafts(ctx, drafts)
			if err != nil || len(again) != 0 {
				t.Errorf("second run changed %d segments (err %v), want none", len(again), err)
			}
			got3, err := s.EditionSegments(ctx, e2.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			got3[7].Target = draft(one[7], 7).Target
			if diff := cmp.Diff(got2, got3); diff != "" {
				t.Errorf("second run changed segments:\n%s", diff)
			}
			if _, err := s.SetDrafts(ctx, nil); err != nil {
				t.Errorf("no drafts: %v", err)
			}
		})
	}
}
