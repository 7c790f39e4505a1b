package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// testLists checks that the list-page queries answer for many articles and
// editions at once exactly what the one-at-a-time queries answer.
func testLists(t *testing.T, s *store.Store) {
	ctx := context.Background()
	var arts []store.Article
	var eds []store.Edition
	for i, slug := range []string{"one", "two", "three"} {
		a := newArticle(t, s, slug)
		arts = append(arts, a)
		for j, lang := range []string{"pt-BR", "es"}[:1+i%2] {
			e := store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: lang, Status: store.EditionInReview, Revision: 1}
			if err := s.CreateEdition(ctx, &e); err != nil {
				t.Fatal(err)
			}
			var segs []store.Segment
			for k := range i + j + 1 {
				status := []string{store.SegmentPending, store.SegmentDraft, store.SegmentApproved}[k%3]
				segs = append(segs, store.Segment{ID: store.NewID("seg"), EditionID: e.ID, Revision: 1, Index: k, Source: "S.", Status: status})
			}
			// A segment of an older revision does not count.
			segs = append(segs, store.Segment{ID: store.NewID("seg"), EditionID: e.ID, Revision: 0, Index: 99, Source: "Old.", Status: store.SegmentApproved})
			if err := s.InsertSegments(ctx, segs); err != nil {
				t.Fatal(err)
			}
			eds = append(eds, e)
		}
	}
	due := time.Date(2026, 3, 5, 14, 0, 0, 0, time.UTC)
	if err := s.SetEditionDue(ctx, eds[1].ID, &due); err != nil {
		t.Fatal(err)
	}

	ids := []string{arts[0].ID, arts[1].ID, arts[2].ID, "art_none"}
	byArticle, err := s.EditionsOf(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	wantByArticle := map[string][]store.Edition{}
	var edIDs []string
	wantProgress := map[string]store.Progress{}
	wantDue := map[string]time.Time{}
	for _, a := range arts {
		list, err := s.ArticleEditions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantByArticle[a.ID] = list
		for _, e := range list {
			edIDs = append(edIDs, e.ID)
			if wantProgress[e.ID], err = s.EditionProgress(ctx, e); err != nil {
				t.Fatal(err)
			}
			if d, err := s.EditionDue(ctx, e.ID); err != nil {
				t.Fatal(err)
			} else if d != nil {
				wantDue[e.ID] = *d
			}
		}
	}
	if d := cmp.Diff(wantByArticle, byArticle); d != "" {
		t.Errorf("EditionsOf (-one at a time +at once):\n%s", d)
	}
	progress, err := s.Progresses(ctx, edIDs)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantProgress, progress); d != "" {
		t.Errorf("Progresses (-one at a time +at once):\n%s", d)
	}
	if len(wantDue) != 1 {
		t.Fatalf("one deadline was set; EditionDue found %d", len(wantDue))
	}
	dues, err := s.EditionDues(ctx, edIDs)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantDue, dues); d != "" {
		t.Errorf("EditionDues (-one at a time +at once):\n%s", d)
	}
	for name, n := range map[string]int{"EditionsOf": len(must(s.EditionsOf(ctx, nil))), "Progresses": len(must(s.Progresses(ctx, nil))),
		"EditionDues": len(must(s.EditionDues(ctx, nil)))} {
		if n != 0 {
			t.Errorf("%s(nothing) = %d entries", name, n)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// testSearch checks the dashboard's search, filters and pages. Other checks
// share the database, so every title carries a token of this run.
func testSearch(t *testing.T, s *store.Store) {
	ctx := context.Background()
	tok := strings.ToLower(store.NewID("q"))
	for i, title := range []string{"Port strike ends", "Harbour reopens", "100% of the port_workers", "ÉVORA council votes"} {
		a := store.Article{ID: store.NewID("art"), Slug: fmt.Sprintf("%s-%d", tok, i), Title: title + " " + tok, SourceLang: "en", Revision: 1,
			Status: store.ArticleReceived, HeadlineMissing: i == 1}
		if err := s.CreateArticle(ctx, &a, &store.Revision{ArticleID: a.ID, Revision: 1, Format: "text", Body: title, Doc: "{}"}); err != nil {
			t.Fatal(err)
		}
		e := store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: "es", Status: []string{store.EditionPublished, store.EditionInReview, store.EditionInReview, store.EditionPublished}[i], Revision: 1}
		if err := s.CreateEdition(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		f     store.ArticleFilter
		want  []string
		total int
	}{
		{store.ArticleFilter{Query: "ENDS " + tok, Limit: 10}, []string{"Port strike ends"}, 1},
		{store.ArticleFilter{Query: tok, Limit: 10}, []string{"ÉVORA council votes", "100% of the port_workers", "Harbour reopens", "Port strike ends"}, 4},
		{store.ArticleFilter{Query: "évora council votes " + tok, Limit: 10}, []string{"ÉVORA council votes"}, 1}, // accented capitals on SQLite too
		{store.ArticleFilter{Query: "100% of the port_workers " + tok, Limit: 10}, []string{"100% of the port_workers"}, 1},
		{store.ArticleFilter{Query: "h_rbour reopens " + tok, Limit: 10}, nil, 0}, // _ is no wildcard
		{store.ArticleFilter{Query: "0%_", Limit: 10}, nil, 0},
		{store.ArticleFilter{Query: tok, EditionStatus: store.EditionInReview, Limit: 1}, []string{"100% of the port_workers"}, 2},
		{store.ArticleFilter{Query: tok, EditionStatus: store.EditionInReview, Limit: 1, Offset: 1}, []string{"Harbour reopens"}, 2},
		{store.ArticleFilter{Query: tok, HeadlineMissing: true, Limit: 10}, []string{"Harbour reopens"}, 1},
	} {
		got, total, err := s.SearchArticles(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, a := range got {
			titles = append(titles, strings.TrimSuffix(a.Title, " "+tok))
		}
		if d := cmp.Diff(tc.want, titles); d != "" || total != tc.total {
			t.Errorf("%+v: total %d (want %d) (-want +got):\n%s", tc.f, total, tc.total, d)
		}
	}
}
