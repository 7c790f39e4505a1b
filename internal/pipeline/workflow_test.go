package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

const body = "# Port strike\n\nThe workers called a [general strike](https://example.org/strike). It began on *Saturday*.\n"

// TestArticleThroughTheWorkflow follows one article through every step:
// ingest, segmentation, translation, review, publication and the webhook
// deliveries of its events.
func TestArticleThroughTheWorkflow(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	h := store.Webhook{ID: store.NewID("whk"), URL: "https://hooks.example/in", Events: []string{"*"}, Secret: "whsec_x", Enabled: true}
	if err := w.st.CreateWebhook(ctx, &h); err != nil {
		t.Fatal(err)
	}

	a, err := w.p.Ingest(ctx, editor.ID, pipeline.ArticleInput{Format: "markdown", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if got := w.queue.take(); len(got) != 2 || got[0] != "segment "+a.ID || !strings.HasPrefix(got[1], "deliver ") {
		t.Errorf("after ingest, enqueued %v; want the segmentation and one delivery", got)
	}
	if err := w.p.SegmentArticle(ctx, a.ID, 1); err != nil {
		t.Fatal(err)
	}
	eds := w.editions(t, a.ID)
	if d := cmp.Diff([]string{"translate " + eds["es"].ID, "translate " + eds["pt-BR"].ID}, w.queue.take()); d != "" {
		t.Errorf("after segmentation (-want +got):\n%s", d)
	}
	for _, e := range eds {
		if err := w.p.TranslateEdition(ctx, e.ID, e.Revision); err != nil {
			t.Fatal(err)
		}
	}
	es := w.edition(t, eds["es"].ID)
	if es.Status != store.EditionInReview {
		t.Fatalf("es after translation: %s", es.Status)
	}
	segs := w.segments(t, es)
	var texts []string
	for _, s := range segs {
		texts = append(texts, s.Target)
	}
	if d := cmp.Diff([]string{"[es] Port strike", "[es] The workers called a <1>general strike</1>.", "[es] It began on <2>Saturday</2>."}, texts); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}

	// Ana reviews the Spanish edition: she edits the first segment and
	// approves every one.
	if _, err := w.p.EditSegment(ctx, ana, es.ID, segs[0].ID, pipeline.SegmentEdit{Target: "Huelga portuaria", Version: segs[0].Version}); err != nil {
		t.Fatal(err)
	}
	if evs := w.hub.takeEvents(); len(evs) != 1 || evs[0].Type != live.EventSegment || evs[0].Segment.ByName != "Ana" ||
		evs[0].Segment.Target != "Huelga portuaria" {
		t.Errorf("live events after the edit: %+v", evs)
	}
	for _, s := range w.segments(t, es) {
		if _, err := w.p.ApproveSegment(ctx, ana, es.ID, s.ID, pipeline.SegmentApproval{Version: s.Version}); err != nil {
			t.Fatalf("approve %d: %v", s.Index, err)
		}
	}
	if es = w.edition(t, es.ID); es.Status != store.EditionApproved {
		t.Fatalf("es after approving every segment: %s", es.Status)
	}

	// Only an editor publishes.
	if _, err := w.p.RequestPublish(ctx, ana, es.ID, time.Time{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a translator publishing: %v, want forbidden", err)
	}
	if _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	w.queue.take()
	if err := w.p.PublishEdition(ctx, es.ID); err != nil {
		t.Fatal(err)
	}
	if es = w.edition(t, es.ID); es.Status != store.EditionPublished || es.Version != 1 {
		t.Fatalf("es after publishing: %s v%d", es.Status, es.Version)
	}
	v, err := w.st.GetVersion(ctx, es.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<h1>Huelga portuaria</h1>`, `<a href="https://example.org/strike" rel="noopener">general strike</a>`,
		`<em>Saturday</em>`, `lang="es"`} {
		if !strings.Contains(v.HTML, want) {
			t.Errorf("published page lacks %s:\n%s", want, v.HTML)
		}
	}

	wantEvents := []string{store.EventArticleReceived, store.EventReadyForReview, store.EventReadyForReview, store.EventApproved, store.EventPublished}
	if d := cmp.Diff(wantEvents, w.eventTypes(t)); d != "" {
		t.Errorf("events (-want +got):\n%s", d)
	}
	evs, err := w.st.ListEvents(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal(evs[0].Data, &data); err != nil {
		t.Fatal(err)
	}
	if data["url"] != publish.PageURL("https://news.example", "es", a.Slug) {
		t.Errorf("edition.published url = %v", data["url"])
	}

	// Every event was delivered to the webhook, oldest first: the
	// publication's delivery fails twice, the second time on the schedule's
	// last attempt (the test schedule allows one retry).
	dls, err := w.st.WebhookDeliveries(ctx, h.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(dls) != len(wantEvents) {
		t.Fatalf("%d deliveries for %d events", len(dls), len(wantEvents))
	}
	var published store.Delivery
	slices.Reverse(dls)
	for _, d := range dls {
		if d.EventType == store.EventPublished {
			published = d
			continue
		}
		if err := w.p.Deliver(ctx, d.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	w.sender.fail = true
	var retry *pipeline.RetryError
	if err := w.p.Deliver(ctx, published.ID, false); !errors.As(err, &retry) {
		t.Errorf("a failed delivery returned %v, want a *RetryError for the queue to retry", err)
	}
	if err := w.p.Deliver(ctx, published.ID, false); err != nil {
		t.Errorf("the last attempt returned %v; want nil (the delivery is failed, not retried)", err)
	}
	w.sender.fail = false
	if err := w.p.Deliver(ctx, published.ID, false); err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	if dls, err = w.st.WebhookDeliveries(ctx, h.ID, 100); err != nil {
		t.Fatal(err)
	}
	for _, d := range dls {
		statuses[d.EventType+" "+d.Status]++
	}
	want := map[string]int{"article.received delivered": 1, "edition.ready_for_review delivered": 2, "edition.approved delivered": 1,
		"edition.published failed": 1}
	if d := cmp.Diff(want, statuses); d != "" {
		t.Errorf("deliveries (-want +got):\n%s", d)
	}
	// 4 delivered at once, 2 failed tries; the failed delivery is not sent
	// again until someone redelivers it.
	if len(w.sender.sent) != 6 {
		t.Errorf("%d calls to the webhook, want 6", len(w.sender.sent))
	}
	w.queue.take()
	if _, err := w.p.Redeliver(ctx, h.ID, published.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.queue.take(); !cmp.Equal(got, []string{"redeliver " + published.ID}) {
		t.Errorf("redelivery enqueued %v", got)
	}
}

// TestReviewRules: every review operation looks the edition up and checks
// the caller itself, and refuses bad input with a stable code; nothing
// refused changes a segment.
func TestReviewRules(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	w.engine.broken = "Saturday" // its segment keeps no draft
	_, eds := w.ingest(t, body)
	es, pt := eds["es"], eds["pt-BR"]
	segs := w.segments(t, es)
	s1, s2, pending := segs[0], segs[1], segs[2]
	if pending.Status != store.SegmentPending {
		t.Fatalf("segment 3 is %s; the broken draft should have been refused", pending.Status)
	}
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name string
		call func() error
		code string
	}{
		{"another language", func() error {
			_, err := w.p.EditSegment(ctx, ana, pt.ID, w.segments(t, pt)[0].ID, pipeline.SegmentEdit{Target: "x", Version: 2})
			return err
		}, "forbidden"},
		{"no such edition", func() error {
			_, err := w.p.EditSegment(ctx, ana, "edn_nope", s1.ID, pipeline.SegmentEdit{Target: "x", Version: 2})
			return err
		}, "edition_not_found"},
		{"no such segment", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, "seg_nope", pipeline.SegmentEdit{Target: "x", Version: 2})
			return err
		}, "segment_not_found"},
		{"segment of another edition", func() error {
			_, err := w.p.EditSegment(ctx, editor, es.ID, w.segments(t, pt)[0].ID, pipeline.SegmentEdit{Target: "x", Version: 2})
			return err
		}, "segment_not_found"},
		{"stale version", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentEdit{Target: "x", Version: s1.Version - 1})
			return err
		}, "version_conflict"},
		{"empty", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentEdit{Target: "  ", Version: s1.Version})
			return err
		}, "empty_target"},
		{"tags dropped", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, s2.ID, pipeline.SegmentEdit{Target: "Sin enlace.", Version: s2.Version})
			return err
		}, "tags_mismatch"},
		{"tags smuggled in", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentEdit{Target: "Huelga <1>x</1>", Version: s1.Version})
			return err
		}, "tags_mismatch"},
		{"raw HTML", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentEdit{Target: "<script>x</script>", Version: s1.Version})
			return err
		}, "tags_mismatch"},
		{"invalid UTF-8", func() error {
			_, err := w.p.EditSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentEdit{Target: "\xff", Version: s1.Version})
			return err
		}, "invalid_utf8"},
		{"approve without a draft", func() error {
			_, err := w.p.ApproveSegment(ctx, ana, es.ID, pending.ID, pipeline.SegmentApproval{Version: pending.Version})
			return err
		}, "no_draft"},
		{"approve a stale version", func() error {
			_, err := w.p.ApproveSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentApproval{Version: s1.Version + 5})
			return err
		}, "version_conflict"},
		{"approve with broken text", func() error {
			_, err := w.p.ApproveSegment(ctx, ana, es.ID, s2.ID, pipeline.SegmentApproval{Version: s2.Version, Target: str("roto")})
			return err
		}, "tags_mismatch"},
		{"approve in another language", func() error {
			_, err := w.p.ApproveSegment(ctx, bea, es.ID, s1.ID, pipeline.SegmentApproval{Version: s1.Version})
			return err
		}, "forbidden"},
		{"empty comment", func() error { _, err := w.p.AddComment(ctx, ana, es.ID, s1.ID, " \n "); return err }, "comment_empty"},
		{"long comment", func() error {
			_, err := w.p.AddComment(ctx, ana, es.ID, s1.ID, strings.Repeat("é", pipeline.MaxCommentRunes+1))
			return err
		}, "comment_too_long"},
		{"comment in another language", func() error { _, err := w.p.AddComment(ctx, bea, es.ID, s1.ID, "hi"); return err }, "forbidden"},
		{"comment on no segment", func() error { _, err := w.p.AddComment(ctx, ana, es.ID, "seg_nope", "hi"); return err }, "segment_not_found"},
		{"claim in another language", func() error { _, err := w.p.Claim(ctx, bea, es.ID); return err }, "forbidden"},
		{"deadline by a translator", func() error { return w.p.SetDue(ctx, ana, es.ID, nil) }, "forbidden"},
		{"publish before approval", func() error { _, err := w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); return err }, "not_approved"},
		{"unpublish what is not published", func() error { _, err := w.p.Unpublish(ctx, editor, es.ID); return err }, "not_published"},
		{"unpublish by a translator", func() error { _, err := w.p.Unpublish(ctx, ana, es.ID); return err }, "forbidden"},
	} {
		err := tc.call()
		if got := derrors.Code(err); got != tc.code {
			t.Errorf("%s: %v (code %q), want code %q", tc.name, err, got, tc.code)
		}
	}
	if d := cmp.Diff(segs, w.segments(t, es)); d != "" {
		t.Errorf("refused calls changed segments (-before +after):\n%s", d)
	}
	if evs := w.hub.takeEvents(); len(evs) != 0 {
		t.Errorf("refused calls sent live events: %+v", evs)
	}

	// A conflict carries the segment as it now is.
	_, err := w.p.EditSegment(ctx, ana, es.ID, s1.ID, pipeline.SegmentEdit{Target: "x", Version: 1})
	if e := derrors.As(err); e == nil || !cmp.Equal(e.Detail, s1) {
		t.Errorf("conflict detail: %+v", e)
	}
}

// TestApproveWithText: approving with the text on screen saves and
// approves in one transaction, with both in the history, and tells open
// editors once.
func TestApproveWithText(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, eds := w.ingest(t, body)
	es := eds["es"]
	s := w.segments(t, es)[1]
	w.hub.takeEvents()
	text := "Los trabajadores convocaron una <1>huelga general</1>."
	got, err := w.p.ApproveSegment(ctx, ana, es.ID, s.ID, pipeline.SegmentApproval{Version: s.Version, Target: &text})
	if err != nil {
		t.Fatal(err)
	}
	if got.Target != text || got.Status != store.SegmentApproved || got.Version != s.Version+2 || got.Origin != "human" || got.UpdatedBy != ana.ID {
		t.Errorf("approved segment: %+v", got)
	}
	hist, err := w.st.SegmentHistory(ctx, es.ID, s.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, h := range hist {
		actions = append(actions, h.Action+" v"+strconv.Itoa(h.Version))
	}
	if d := cmp.Diff([]string{"approve v" + strconv.Itoa(s.Version+2), "edit v" + strconv.Itoa(s.Version+1)}, actions); d != "" {
		t.Errorf("history, newest first (-want +got):\n%s", d)
	}
	if evs := w.hub.takeEvents(); len(evs) != 1 || evs[0].Segment.Status != store.SegmentApproved {
		t.Errorf("live events: %+v", evs)
	}
	// The approved text is in the translation memory: the same sentence in
	// another article is drafted from it, not by the engine.
	calls := w.engine.calls
	_, eds2 := w.ingest(t, "The workers called a [general strike](https://example.org/strike).")
	seg := w.segments(t, eds2["es"])[0]
	if seg.Target != text || seg.Origin != "tm" {
		t.Errorf("same sentence again: %q from %s, want the approved text from tm", seg.Target, seg.Origin)
	}
	if w.engine.calls != calls+1 { // only pt-BR went to the engine
		t.Errorf("engine called %d times for the second article, want 1", w.engine.calls-calls)
	}
}

// TestCommentsAndClaims: comments and claims go through the workflow, which
// tells the edition's open editors.
func TestCommentsAndClaims(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, eds := w.ingest(t, body)
	es := eds["es"]
	s := w.segments(t, es)[0]
	w.hub.takeEvents()
	for range 2 {
		if _, err := w.p.AddComment(ctx, ana, es.ID, s.ID, "  Check the name.  "); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := w.st.SegmentComments(ctx, es.ID, s.ID)
	if err != nil || len(cs) != 2 || cs[0].Body != "Check the name." {
		t.Errorf("comments: %+v %v", cs, err)
	}
	claim := func(who auth.Principal) live.Holder {
		h, err := w.p.Claim(ctx, who, es.ID)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	maria := auth.Principal{ID: "usr_mar", Name: "María", Role: auth.Translator, Langs: []string{"es-ES", "es"}}
	holders := []live.Holder{claim(ana), claim(maria), claim(ana)}
	if err := w.p.ReleaseClaim(ctx, maria, es.ID); err != nil { // not hers: nothing happens
		t.Fatal(err)
	}
	if err := w.p.ReleaseClaim(ctx, ana, es.ID); err != nil {
		t.Fatal(err)
	}
	holders = append(holders, claim(maria))
	anaH, mariaH := live.Holder{ID: ana.ID, Name: "Ana"}, live.Holder{ID: maria.ID, Name: "María"}
	if d := cmp.Diff([]live.Holder{anaH, anaH, anaH, mariaH}, holders); d != "" {
		t.Errorf("claim holders (-want +got):\n%s", d)
	}
	want := []live.Event{
		{Type: live.EventComment, SegmentID: s.ID, Comments: 1},
		{Type: live.EventComment, SegmentID: s.ID, Comments: 2},
		{Type: live.EventClaim, Holder: "Ana", HolderID: ana.ID},
		{Type: live.EventClaim},
		{Type: live.EventClaim, Holder: "María", HolderID: maria.ID},
	}
	if d := cmp.Diff(want, w.hub.takeEvents()); d != "" {
		t.Errorf("live events (-want +got):\n%s", d)
	}
}

// TestWithoutLive: a process without the live hub (a worker) still runs
// review operations; claims say they are unavailable.
func TestWithoutLive(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, eds := w.ingest(t, body)
	p := pipeline.New(pipeline.Deps{Store: w.st, Queue: w.queue, Translator: w.engine, Sender: w.sender}, pipeline.Config{})
	s := w.segments(t, eds["es"])[0]
	if _, err := p.ApproveSegment(ctx, ana, eds["es"].ID, s.ID, pipeline.SegmentApproval{Version: s.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Claim(ctx, ana, eds["es"].ID); !errors.Is(err, derrors.Unavailable) {
		t.Errorf("claim without live: %v", err)
	}
}
