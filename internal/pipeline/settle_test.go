package pipeline

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestSettleMoves is the table of edition status moves: from each status,
// given how many segments have no draft (pending) and how many are not
// approved (open), which moves settle makes and which events they write.
func TestSettleMoves(t *testing.T) {
	for _, tc := range []struct {
		status        string
		pending, open int
		want          []string // "to (event) from [statuses]"
	}{
		{store.EditionTranslating, 2, 3, nil},
		{store.EditionTranslating, 0, 3, []string{"in_review (edition.ready_for_review) from [translating]"}},
		{store.EditionTranslating, 0, 0, []string{"in_review (edition.ready_for_review) from [translating]",
			"approved (edition.approved) from [in_review]"}},
		{store.EditionInReview, 0, 1, nil},
		{store.EditionInReview, 0, 0, []string{"approved (edition.approved) from [in_review]"}},
		{store.EditionOutdated, 1, 1, nil},
		{store.EditionOutdated, 0, 2, nil},
		{store.EditionOutdated, 0, 0, []string{"approved (edition.approved) from [outdated]"}},
		{store.EditionApproved, 0, 0, nil},
		{store.EditionApproved, 0, 1, []string{"in_review () from [approved]"}},
		{store.EditionScheduled, 0, 1, []string{"in_review () from [scheduled]"}},
		{store.EditionPublished, 0, 1, []string{"in_review () from [published]"}},
		{store.EditionPublished, 0, 0, nil},
		{store.EditionUnpublished, 0, 1, nil}, // withdrawn stays withdrawn (in_review would be live)
		{store.EditionUnpublished, 0, 0, nil},
	} {
		var got []string
		move := func(to, event string, from ...string) error {
			got = append(got, fmt.Sprintf("%s (%s) from %v", to, event, from))
			return nil
		}
		p := &Pipeline{}
		if err := p.settleMoves(store.Edition{Status: tc.status}, tc.pending, tc.open, move); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s with %d pending, %d open (-want +got):\n%s", tc.status, tc.pending, tc.open, d)
		}
	}
}

// TestSettleCoversEveryStatus keeps the table above in step with the
// statuses: a new status must be decided on here.
func TestSettleCoversEveryStatus(t *testing.T) {
	decided := map[string]bool{store.EditionTranslating: true, store.EditionInReview: true, store.EditionOutdated: true,
		store.EditionApproved: true, store.EditionScheduled: true, store.EditionPublished: true, store.EditionUnpublished: true}
	for _, s := range store.EditionStatuses {
		if !decided[s] {
			t.Errorf("settle has no rule for edition status %q", s)
		}
	}
	if len(decided) != len(store.EditionStatuses) {
		t.Errorf("store.EditionStatuses has %d statuses, the settle table %d", len(store.EditionStatuses), len(decided))
	}
}
