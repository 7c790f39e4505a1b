package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestBulkInserts checks the multi-row INSERTs of PutBlocks and
// InsertCandidates on both databases: more rows than one statement takes,
// a name repeated within one call, and a second call changing nothing.
func TestBulkInserts(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := mk(t)
			ctx := context.Background()
			a := newArticle(t, s, "bulk")

			var blocks []store.Block
			for i := range 1201 {
				blocks = append(blocks, store.Block{Index: i, Kind: "paragraph", Level: i % 3, Ordered: i%2 == 0})
			}
			for range 2 {
				if err := s.PutBlocks(ctx, a.ID, 1, blocks); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.GetBlocks(ctx, a.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(blocks, got); d != "" {
				t.Errorf("blocks (-want +got):\n%s", d)
			}

			var cs []store.GlossaryCandidate
			for i := range 1001 {
				cs = append(cs, store.GlossaryCandidate{ArticleID: a.ID, SourceLang: "en", Term: fmt.Sprintf("Name %d", i),
					TermKey: fmt.Sprintf("name %d", i), Kind: "name", Occurrences: 2})
			}
			cs = append(cs, store.GlossaryCandidate{ArticleID: a.ID, SourceLang: "en", Term: "NAME 7", TermKey: "name 7", Kind: "name"})
			if err := s.InsertCandidates(ctx, cs); err != nil {
				t.Fatal(err)
			}
			again := []store.GlossaryCandidate{{ArticleID: a.ID, SourceLang: "en", Term: "Name 1", TermKey: "name 1", Kind: "name", Occurrences: 9}}
			if err := s.InsertCandidates(ctx, again); err != nil {
				t.Fatal(err)
			}
			list, err := s.ListCandidates(ctx, store.CandidateFilter{ArticleID: a.ID, Limit: 5000})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1001 {
				t.Fatalf("%d candidates stored, want 1001", len(list))
			}
			for _, c := range list {
				if c.Term == "NAME 7" || c.Occurrences != 2 || c.Status != store.CandidateProposed {
					t.Errorf("candidate changed by a repeat: %+v", c)
				}
			}
		})
	}
}
