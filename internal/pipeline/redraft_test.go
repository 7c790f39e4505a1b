package pipeline

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// redraftQueue remembers what was enqueued.
type redraftQueue struct {
	mu        sync.Mutex
	translate []string
}

func (q *redraftQueue) EnqueueSegment(context.Context, string, int) error { return nil }
func (q *redraftQueue) EnqueueTranslate(_ context.Context, id string, _ int) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.translate = append(q.translate, id)
	return nil
}
func (q *redraftQueue) EnqueuePublish(context.Context, string, time.Time) error { return nil }
func (q *redraftQueue) EnqueueDelivery(context.Context, string) error           { return nil }
func (q *redraftQueue) EnqueueRedelivery(context.Context, string) error         { return nil }
func (q *redraftQueue) RunDelivery(context.Context, string) error               { return nil }

// upperMT "translates" by upper-casing, so a machine draft is recognisable.
type upperMT struct{}

func (upperMT) Translate(_ context.Context, req translate.Request) ([]translate.Draft, error) {
	out := make([]translate.Draft, len(req.Segments))
	for i, s := range req.Segments {
		out[i] = translate.Draft{ID: s.ID, Text: strings.ToUpper(s.Text), Backend: "upper"}
	}
	return out, nil
}

// redraftHooks is a segmented hook and an edit checker.
type redraftHooks struct {
	segmented []string // article ids, one per call
}

func (h *redraftHooks) ArticleSegmented(_ context.Context, q *store.Queries, a store.Article, _ []store.Block, segs []store.Segment) error {
	h.segmented = append(h.segmented, a.ID)
	if len(segs) == 0 {
		return errors.New("no segments")
	}
	return nil
}

func (h *redraftHooks) CheckEdit(_ context.Context, _ *store.Queries, from, to, source, target string) ([]store.QAIssue, error) {
	if strings.Contains(target, "BAD") {
		return []store.QAIssue{{Code: "test_bad", Severity: "error", Message: from + "→" + to + ": bad word"}}, nil
	}
	return nil, nil
}

func newRedraftPipeline(t *testing.T) (*Pipeline, *redraftQueue, *redraftHooks) {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background(), quiet); err != nil {
		t.Fatal(err)
	}
	q := &redraftQueue{}
	p := New(Deps{Store: st, Queue: q, Translator: upperMT{}, Log: quiet}, Config{Targets: []string{"es"}})
	h := &redraftHooks{}
	p.SetSegmentedHook(h)
	p.AddEditChecker(h)
	return p, q, h
}

// TestHooksAndRedraft: the segmented hook runs once per revision, edit
// checkers fill a human save's qa, and Redraft resets only untouched
// machine drafts that want selects, moves the edition back to translating
// and enqueues its translation.
func TestHooksAndRedraft(t *testing.T) {
	ctx := context.Background()
	p, queue, h := newRedraftPipeline(t)
	a, err := p.Ingest(ctx, "test", ArticleInput{Body: "Jess Spear spoke. Spear left. The end.", Format: "text"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := p.SegmentArticle(ctx, a.ID, a.Revision); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(h.segmented, []string{a.ID}) {
		t.Errorf("segmented hook calls %v, want one for %s", h.segmented, a.ID)
	}
	e, err := p.store.GetEditionByLang(ctx, a.ID, "es")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.TranslateEdition(ctx, e.ID, e.Revision); err != nil {
		t.Fatal(err)
	}
	segs, _ := p.store.EditionSegments(ctx, e.ID, e.Revision)
	if len(segs) != 3 || segs[0].Target != "JESS SPEAR SPOKE." {
		t.Fatalf("segments %+v", segs)
	}
	who := auth.Principal{ID: "usr_1", Role: auth.Editor}
	edited, err := p.EditSegment(ctx, who, e.ID, segs[1].ID, SegmentEdit{Target: "Spear se fue. BAD", Version: segs[1].Version})
	if err != nil {
		t.Fatal(err)
	}
	if len(edited.QA) != 1 || edited.QA[0].Code != "test_bad" || edited.QA[0].Message != "en→es: bad word" {
		t.Errorf("qa %+v", edited.QA)
	}
	queue.translate = nil

	// A failing fn changes nothing.
	want := func(s store.Segment) bool { return strings.Contains(s.Source, "Spear") }
	if _, err := p.Redraft(ctx, a.ID, want, func(*store.Queries) error { return errors.New("no") }); err == nil {
		t.Fatal("Redraft ignored fn's error")
	}
	if cur, _ := p.store.GetSegment(ctx, e.ID, segs[0].ID); cur.Status != store.SegmentDraft {
		t.Errorf("a failed redraft reset a segment: %+v", cur)
	}
	ran := false
	n, err := p.Redraft(ctx, a.ID, want, func(*store.Queries) error { ran = true; return nil })
	if err != nil || n != 1 || !ran {
		t.Fatalf("redraft: %d %v (fn ran: %v); want 1 (the edited one stays)", n, err, ran)
	}
	after, _ := p.store.EditionSegments(ctx, e.ID, e.Revision)
	if after[0].Status != store.SegmentPending || after[1].Target != "Spear se fue. BAD" || after[2].Status != store.SegmentDraft {
		t.Errorf("after redraft: %+v", after)
	}
	if cur, _ := p.store.GetEdition(ctx, e.ID); cur.Status != store.EditionTranslating {
		t.Errorf("edition %s, want translating", cur.Status)
	}
	if !slices.Equal(queue.translate, []string{e.ID}) {
		t.Errorf("enqueued %v, want the edition's translation", queue.translate)
	}
	// Nothing left to redraft; translating again drafts it and settles.
	if n, err := p.Redraft(ctx, a.ID, want, nil); err != nil || n != 0 {
		t.Errorf("second redraft: %d %v", n, err)
	}
	if err := p.TranslateEdition(ctx, e.ID, e.Revision); err != nil {
		t.Fatal(err)
	}
	if cur, _ := p.store.GetEdition(ctx, e.ID); cur.Status != store.EditionInReview {
		t.Errorf("edition %s after translation, want in_review", cur.Status)
	}
}
