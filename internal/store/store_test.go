package store_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// open returns a migrated store of each kind: SQLite always, PostgreSQL when
// the test environment has one (in CI it must).
func stores(t *testing.T) map[string]func(t *testing.T) *store.Store {
	return map[string]func(t *testing.T) *store.Store{
		"sqlite":   func(t *testing.T) *store.Store { return open(t, "", t.TempDir()) },
		"postgres": func(t *testing.T) *store.Store { return open(t, testenv.PostgresURL(t), "") },
	}
}

func open(t *testing.T, url, dir string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := s.Migrate(ctx, log); err != nil {
		t.Fatal(err)
	}
	// Migrating twice is a no-op.
	if err := s.Migrate(ctx, log); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	return s
}

// TestConformance runs the same checks on both databases.
func TestConformance(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			for _, tc := range []struct {
				name string
				fn   func(t *testing.T, s *store.Store)
			}{
				{"articles", testArticles},
				{"segments", testSegments},
				{"outbox", testOutbox},
				{"auth", testAuth},
				{"rollback", testRollback},
				{"lists", testLists},
				{"search", testSearch},
			} {
				t.Run(tc.name, func(t *testing.T) { tc.fn(t, mk(t)) })
			}
		})
	}
}

func newArticle(t *testing.T, s *store.Store, slug string) store.Article {
	t.Helper()
	a := store.Article{ID: store.NewID("art"), Slug: slug, Title: "T", SourceLang: "en", Targets: []string{"es", "pt-BR"}, Revision: 1, Status: store.ArticleReceived}
	r := store.Revision{ArticleID: a.ID, Revision: 1, Format: "text", Body: "Hello.", Doc: `{"blocks":[]}`}
	if err := s.CreateArticle(context.Background(), &a, &r); err != nil {
		t.Fatal(err)
	}
	return a
}

func testArticles(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := newArticle(t, s, "port-strike")
	got, err := s.GetArticle(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(a, got); d != "" {
		t.Errorf("article round trip (-want +got):\n%s", d)
	}
	b := store.Article{ID: store.NewID("art"), Slug: "port-strike", Title: "x", SourceLang: "en", Targets: []string{"es"}, Revision: 1, Status: store.ArticleReceived}
	if err := s.CreateArticle(ctx, &b, &store.Revision{ArticleID: b.ID, Revision: 1, Doc: "{}"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate slug: %v, want ErrConflict", err)
	}
	if _, err := s.GetArticle(ctx, "art_nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	if err := s.AddRevision(ctx, &store.Revision{ArticleID: a.ID, Revision: 3, Doc: "{}"}, "T2", false, "", ""); err == nil {
		t.Error("revision 3 after 1 accepted")
	}
	if err := s.AddRevision(ctx, &store.Revision{ArticleID: a.ID, Revision: 2, Format: "text", Body: "Hi.", Doc: "{}"}, "T2", false, "", ""); err != nil {
		t.Fatal(err)
	}
	if r, err := s.GetRevision(ctx, a.ID, 2); err != nil || r.Body != "Hi." {
		t.Errorf("revision 2: %+v %v", r, err)
	}
	if err := s.SetArticleStatus(ctx, a.ID, 1, store.ArticleReceived, store.ArticleSegmented); !errors.Is(err, store.ErrConflict) {
		t.Errorf("status change at a stale revision: %v", err)
	}
	blocks := []store.Block{{Index: 0, Kind: "heading", Level: 1}, {Index: 1, Kind: "paragraph",
		Tags: []inline.Tag{{ID: 1, Name: "a", Paired: true, Attrs: map[string]string{"href": "https://x.org/?a=1&b=2"}}}}}
	for range 2 { // idempotent
		if err := s.PutBlocks(ctx, a.ID, 2, blocks); err != nil {
			t.Fatal(err)
		}
	}
	gotBlocks, err := s.GetBlocks(ctx, a.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(blocks, gotBlocks); d != "" {
		t.Errorf("blocks (-want +got):\n%s", d)
	}
}

func testSegments(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := newArticle(t, s, "s")
	e := store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: "es", Status: store.EditionTranslating, Revision: 1}
	if err := s.CreateEdition(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateEdition(ctx, &store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: "es", Status: "x", Revision: 1}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second es edition: %v", err)
	}
	segs := []store.Segment{
		{ID: store.NewID("seg"), EditionID: e.ID, Revision: 1, Index: 0, Block: 0, Source: "One.", Trail: " ", Status: store.SegmentPending},
		{ID: store.NewID("seg"), EditionID: e.ID, Revision: 1, Index: 1, Block: 0, Source: "Two <1>x</1>.", Status: store.SegmentPending},
	}
	if err := s.InsertSegments(ctx, segs); err != nil {
		t.Fatal(err)
	}
	d := segs[0]
	d.Target, d.Origin, d.Notes = "Uno.", "pseudo", []note.Note{note.Text("n")}
	if err := s.SetDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDraft(ctx, d); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second draft: %v, want ErrConflict", err)
	}
	p, err := s.EditionProgress(ctx, e)
	if err != nil || p != (store.Progress{Total: 2, Drafted: 1, Approved: 0}) {
		t.Errorf("progress %+v %v", p, err)
	}
	got, err := s.GetSegment(ctx, e.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Status != store.SegmentDraft || got.Trail != " " || got.Notes[0].English() != "n" {
		t.Errorf("drafted segment %+v", got)
	}
	if err := s.UpdateTarget(ctx, e.ID, d.ID, "Uno!", nil, 1, "u"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale update: %v", err)
	}
	if err := s.UpdateTarget(ctx, e.ID, d.ID, "Uno!", nil, 2, "u"); err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveSegment(ctx, e.ID, segs[1].ID, 1, "u"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("approving a pending segment: %v", err)
	}
	if err := s.ApproveSegment(ctx, e.ID, d.ID, 3, "u"); err != nil {
		t.Fatal(err)
	}
	pending, err := s.PendingSegments(ctx, e.ID, 1, 10)
	if err != nil || len(pending) != 1 || pending[0].ID != segs[1].ID {
		t.Errorf("pending %+v %v", pending, err)
	}
	n, err := s.CountSegmentsNotIn(ctx, e.ID, 1, store.SegmentApproved)
	if err != nil || n != 1 {
		t.Errorf("not approved = %d %v", n, err)
	}
	at := time.Date(2030, 5, 6, 7, 8, 9, 123456000, time.UTC)
	if err := s.ScheduleEdition(ctx, e.ID, at, store.EditionTranslating); err != nil {
		t.Fatal(err)
	}
	ge, _ := s.GetEdition(ctx, e.ID)
	if ge.PublishAt == nil || !ge.PublishAt.Equal(at) || ge.Status != store.EditionScheduled {
		t.Errorf("scheduled edition %+v", ge)
	}
	v := store.EditionVersion{EditionID: e.ID, Version: 1, Revision: 1, Title: "t", HTML: "<p>", Markdown: "m", JSON: "{}"}
	if err := s.PutVersion(ctx, &v); err != nil {
		t.Fatal(err)
	}
	if err := s.PutVersion(ctx, &v); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second version 1: %v", err)
	}
	if err := s.MarkPublished(ctx, e.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPublished(ctx, e.ID, 1); !errors.Is(err, store.ErrConflict) {
		t.Errorf("publishing twice: %v", err)
	}
	if eds, err := s.PublishedInLang(ctx, "es", 10); err != nil || len(eds) != 1 {
		t.Errorf("published in es: %v %v", eds, err)
	}
}

func testOutbox(t *testing.T, s *store.Store) {
	ctx := context.Background()
	for _, h := range []store.Webhook{
		{ID: store.NewID("whk"), URL: "https://a", Events: []string{"edition.published"}, Secret: "s", Enabled: true},
		{ID: store.NewID("whk"), URL: "https://b", Events: []string{"*"}, Secret: "s", Enabled: true},
		{ID: store.NewID("whk"), URL: "https://c", Events: []string{"article.received"}, Secret: "s", Enabled: true},
	} {
		if err := s.CreateWebhook(ctx, &h); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	err := s.InTx(ctx, func(q *store.Queries) error {
		var err error
		ids, err = q.AddEvent(ctx, &store.Event{Type: "edition.published", Data: []byte(`{"x":1}`)})
		return err
	})
	if err != nil || len(ids) != 2 {
		t.Fatalf("deliveries %v %v, want 2 (a and b)", ids, err)
	}
	d, err := s.GetDelivery(ctx, ids[0])
	if err != nil || d.EventType != "edition.published" || d.Status != store.DeliveryPending {
		t.Fatalf("delivery %+v %v", d, err)
	}
	if err := s.RecordAttempt(ctx, d.ID, store.Attempt{Code: 500, Error: "boom"}, store.DeliveryPending); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAttempt(ctx, d.ID, store.Attempt{Code: 204}, store.DeliveryDelivered); err != nil {
		t.Fatal(err)
	}
	atts, err := s.DeliveryAttempts(ctx, d.ID)
	if err != nil || len(atts) != 2 || atts[1].Attempt != 2 || atts[0].Error != "boom" {
		t.Errorf("attempts %+v %v", atts, err)
	}
	// A settled delivery cannot be held for a second outcome; a pending
	// one can.
	if err := s.HoldPendingDelivery(ctx, d.ID); !errors.Is(err, store.ErrConflict) {
		t.Errorf("holding a delivered delivery: %v, want ErrConflict", err)
	}
	if err := s.HoldPendingDelivery(ctx, ids[1]); err != nil {
		t.Errorf("holding a pending delivery: %v", err)
	}
	pend, err := s.PendingDeliveries(ctx, 10)
	if err != nil || len(pend) != 1 {
		t.Errorf("pending deliveries %+v %v", pend, err)
	}
	ev, err := s.GetEvent(ctx, d.EventID)
	if err != nil || string(ev.Data) != `{"x":1}` {
		t.Errorf("event %+v %v", ev, err)
	}
}

func testAuth(t *testing.T, s *store.Store) {
	ctx := context.Background()
	tok := store.Token{ID: store.NewID("tok"), Role: "translator", Langs: []string{"es"}}
	if err := s.CreateToken(ctx, &tok, "hash1"); err != nil {
		t.Fatal(err)
	}
	got, err := s.TokenByHash(ctx, "hash1")
	if err != nil || got.Role != "translator" || got.Langs[0] != "es" {
		t.Errorf("token %+v %v", got, err)
	}
	if err := s.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenByHash(ctx, "hash1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoked token: %v", err)
	}
	u := store.User{ID: store.NewID("usr"), Username: "ana", PasswordHash: "h", Role: "admin", Active: true}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	u.ID = store.NewID("usr")
	if err := s.CreateUser(ctx, &u); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate username: %v", err)
	}
}

func testRollback(t *testing.T, s *store.Store) {
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.AddEvent(ctx, &store.Event{Type: "x", Data: []byte("{}")}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v", err)
	}
	evs, err := s.ListEvents(ctx, 10)
	if err != nil || len(evs) != 0 {
		t.Errorf("rolled-back event is stored: %v %v", evs, err)
	}
}
