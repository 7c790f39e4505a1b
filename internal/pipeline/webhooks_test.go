package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

// anyURL lets every webhook URL through (the guard has its own tests).
type anyURL struct{}

func (anyURL) CheckURL(context.Context, string) error { return nil }

// clock is a time tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// hookWorld is a workflow whose clock the test controls, with a webhook.
func hookWorld(t *testing.T, s pipeline.WebhookSettings) (*world, *pipeline.Pipeline, *clock, store.Webhook) {
	t.Helper()
	w := newWorld(t)
	c := &clock{t: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	p := pipeline.New(pipeline.Deps{Store: w.st, Queue: w.queue, Translator: w.engine, Sender: w.sender, Clock: c.now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))},
		pipeline.Config{BaseURL: "https://news.example", WebhookSchedule: webhook.Schedule{time.Minute, time.Minute, time.Minute, time.Minute, time.Minute}})
	if s.URL == nil {
		u := "https://hooks.example/in"
		s.URL = &u
	}
	if s.Events == nil {
		s.Events = &[]string{"*"}
	}
	h, err := p.CreateWebhook(context.Background(), anyURL{}, "usr_ed", s)
	if err != nil {
		t.Fatal(err)
	}
	return w, p, c, h
}

// event writes an event and returns the delivery made for the webhook.
func (w *world) event(t *testing.T, ev store.Event) string {
	t.Helper()
	var ids []string
	ctx := context.Background()
	if err := w.st.InTx(ctx, func(q *store.Queries) error {
		var err error
		ids, err = q.AddEvent(ctx, &ev)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 {
		t.Fatalf("event %s made deliveries %v, want one", ev.Type, ids)
	}
	return ids[0]
}

// TestDisabledAfterFiveDays: an endpoint that keeps failing is disabled once
// it has failed for five days without a success, with a webhook.disabled
// event; a success before that resets its record.
func TestDisabledAfterFiveDays(t *testing.T) {
	ctx := context.Background()
	w, p, c, h := hookWorld(t, pipeline.WebhookSettings{})
	w.sender.fail = true
	t0 := c.t
	d1 := w.event(t, store.Event{Type: store.EventArticleReceived, Data: []byte(`{}`)})
	var retry *pipeline.RetryError
	if err := p.Deliver(ctx, d1, false); !errors.As(err, &retry) {
		t.Fatalf("first failure: %v, want a RetryError", err)
	}
	c.t = t0.Add(4 * 24 * time.Hour)
	if err := p.Deliver(ctx, d1, false); !errors.As(err, &retry) {
		t.Fatalf("failure after 4 days: %v", err)
	}
	got, _ := w.st.GetWebhook(ctx, h.ID)
	if !got.Enabled || got.ConsecutiveFailures != 2 || got.FailingSince == nil || !got.FailingSince.Equal(t0) {
		t.Fatalf("after 4 days of failures: %+v", got)
	}
	c.t = t0.Add(5*24*time.Hour + time.Minute)
	if err := p.Deliver(ctx, d1, false); err != nil {
		t.Fatalf("the failure that disables: %v, want nil (nothing to retry)", err)
	}
	got, _ = w.st.GetWebhook(ctx, h.ID)
	if got.Enabled || !strings.Contains(got.DisabledReason, "failing since 2026-11-01T12:00:00Z") || got.DisabledAt == nil {
		t.Errorf("after 5 days of failures: %+v", got)
	}
	evs, _ := w.st.ListEvents(ctx, 1)
	var data pipeline.WebhookDisabledData
	if len(evs) != 1 || evs[0].Type != store.EventWebhookDisabled || json.Unmarshal(evs[0].Data, &data) != nil || data.WebhookID != h.ID {
		t.Errorf("latest event %+v; want webhook.disabled for %s", evs, h.ID)
	}
	if dl, _ := w.st.GetDelivery(ctx, d1); dl.Status != store.DeliveryFailed {
		t.Errorf("delivery is %s after disabling, want failed", dl.Status)
	}

	// Enabled again, it starts afresh; a success clears the record.
	on := true
	if _, err := p.UpdateWebhook(ctx, anyURL{}, h.ID, pipeline.WebhookSettings{Enabled: &on}); err != nil {
		t.Fatal(err)
	}
	got, _ = w.st.GetWebhook(ctx, h.ID)
	if !got.Enabled || got.DisabledReason != "" || got.FailingSince != nil || got.ConsecutiveFailures != 0 {
		t.Errorf("re-enabled: %+v", got)
	}
	d2 := w.event(t, store.Event{Type: store.EventArticleReceived, Data: []byte(`{}`)})
	if err := p.Deliver(ctx, d2, false); !errors.As(err, &retry) {
		t.Fatal(err)
	}
	w.sender.fail = false
	c.t = c.t.Add(2 * time.Minute)
	if err := p.Deliver(ctx, d2, false); err != nil {
		t.Fatal(err)
	}
	got, _ = w.st.GetWebhook(ctx, h.ID)
	if got.FailingSince != nil || got.ConsecutiveFailures != 0 || got.LastSuccessAt == nil {
		t.Errorf("after a success: %+v", got)
	}
}

// TestGoneDisables: 410 disables the webhook at the first answer.
func TestGoneDisables(t *testing.T) {
	ctx := context.Background()
	w, p, _, h := hookWorld(t, pipeline.WebhookSettings{})
	w.sender.fail, w.sender.code = true, 410
	d := w.event(t, store.Event{Type: store.EventArticleReceived, Data: []byte(`{}`)})
	if err := p.Deliver(ctx, d, false); err != nil {
		t.Fatalf("410: %v, want nil (not retried)", err)
	}
	got, _ := w.st.GetWebhook(ctx, h.ID)
	if got.Enabled || !strings.Contains(got.DisabledReason, "410") {
		t.Errorf("after 410: %+v", got)
	}
}

// TestEditionOrder: a later event of an edition waits while an earlier one
// is retrying (without an attempt of its own), and is enqueued when the
// earlier one is delivered; events of another edition do not wait.
func TestEditionOrder(t *testing.T) {
	ctx := context.Background()
	w, p, c, _ := hookWorld(t, pipeline.WebhookSettings{})
	_, eds := w.ingest(t, body)
	es, pt := eds["es"], eds["pt-BR"]
	pending, err := w.st.PendingDeliveries(ctx, 10) // the ingest's events, in order
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range pending {
		if err := p.Deliver(ctx, d.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	w.queue.take()
	w.sender.sent = nil
	first := w.event(t, store.Event{Type: store.EventApproved, ArticleID: es.ArticleID, EditionID: es.ID, Data: []byte(`{}`)})
	second := w.event(t, store.Event{Type: store.EventPublished, ArticleID: es.ArticleID, EditionID: es.ID, Data: []byte(`{}`)})
	other := w.event(t, store.Event{Type: store.EventApproved, ArticleID: pt.ArticleID, EditionID: pt.ID, Data: []byte(`{}`)})
	w.sender.fail = true
	var retry *pipeline.RetryError
	if err := p.Deliver(ctx, first, false); !errors.As(err, &retry) {
		t.Fatal(err)
	}
	w.sender.fail = false
	if err := p.Deliver(ctx, second, false); !errors.As(err, &retry) || retry.After < 50*time.Second {
		t.Fatalf("the later event: %v; want to wait until the earlier one's next attempt", err)
	}
	if err := p.Deliver(ctx, other, false); err != nil {
		t.Fatalf("another edition's event: %v", err)
	}
	// Run before its time (as the reconciler would after a lost queue), the
	// failed delivery keeps to its schedule.
	if err := p.Deliver(ctx, first, false); !errors.As(err, &retry) || retry.After < 50*time.Second {
		t.Fatalf("the failed delivery run early: %v; want to wait for its next attempt", err)
	}
	c.t = c.t.Add(2 * time.Minute)
	if err := p.Deliver(ctx, first, false); err != nil {
		t.Fatal(err)
	}
	if got := w.queue.take(); len(got) != 1 || got[0] != "run "+second {
		t.Errorf("after the earlier event was delivered, enqueued %v; want the later one", got)
	}
	if err := p.Deliver(ctx, second, false); err != nil {
		t.Fatal(err)
	}
	if len(w.sender.sent) != 4 {
		t.Errorf("calls %v; want 4 (first twice, other, second)", w.sender.sent)
	}
}

// TestPayloads: every payload is {type, timestamp, data}; edition events
// carry the public URLs; a full subscription gets the rendered edition of
// a publication, a thin one does not.
func TestPayloads(t *testing.T) {
	ctx := context.Background()
	full := store.PayloadFull
	w, p, _, _ := hookWorld(t, pipeline.WebhookSettings{Payload: &full, Events: &[]string{store.EventPublished}})
	thinW, thinP, _, _ := hookWorld(t, pipeline.WebhookSettings{Events: &[]string{store.EventPublished}})
	for _, tc := range []struct {
		w        *world
		p        *pipeline.Pipeline
		rendered bool
	}{{w, p, true}, {thinW, thinP, false}} {
		a, eds := tc.w.ingest(t, body)
		es := eds["es"]
		for _, s := range tc.w.segments(t, es) {
			if _, err := tc.w.p.ApproveSegment(ctx, ana, es.ID, s.ID, pipeline.SegmentApproval{Version: s.Version}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tc.w.p.RequestPublish(ctx, editor, es.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := tc.w.p.PublishEdition(ctx, es.ID); err != nil {
			t.Fatal(err)
		}
		dls, err := tc.w.st.PendingDeliveries(ctx, 10)
		if err != nil || len(dls) != 1 {
			t.Fatalf("pending deliveries %v %v", dls, err)
		}
		if err := tc.p.Deliver(ctx, dls[0].ID, false); err != nil {
			t.Fatal(err)
		}
		var pl struct {
			Type      string    `json:"type"`
			Timestamp time.Time `json:"timestamp"`
			Data      struct {
				EditionID, ArticleID, Lang, Status string
				Version                            int
				URLs                               pipeline.PublicURLs
				Rendered                           *pipeline.Rendered
			} `json:"data"`
		}
		raw := tc.w.sender.bodies[dls[0].EventID]
		if err := json.Unmarshal(raw, &pl); err != nil {
			t.Fatal(err)
		}
		page := "https://news.example/es/" + a.Slug
		if pl.Type != store.EventPublished || pl.Timestamp.IsZero() || pl.Data.Version != 1 || pl.Data.Lang != "es" ||
			pl.Data.URLs != (pipeline.PublicURLs{HTML: page, Markdown: page + "?format=markdown", JSON: page + "?format=json"}) {
			t.Errorf("payload %s", raw)
		}
		if got := pl.Data.Rendered != nil && strings.Contains(pl.Data.Rendered.HTML, "<h1>") && pl.Data.Rendered.Markdown != ""; got != tc.rendered {
			t.Errorf("rendered edition inline = %v, want %v: %s", got, tc.rendered, raw)
		}
		if len(raw) > pipeline.MaxWebhookPayload {
			t.Errorf("payload of %d bytes", len(raw))
		}
	}
}

// TestPayloadSizeCap: a rendered edition that would take a full payload
// past MaxWebhookPayload is left out, and the payload says so.
func TestPayloadSizeCap(t *testing.T) {
	ctx := context.Background()
	full := store.PayloadFull
	w, p, _, _ := hookWorld(t, pipeline.WebhookSettings{Payload: &full, Events: &[]string{store.EventUpdated}})
	_, eds := w.ingest(t, body)
	es := eds["es"]
	big := strings.Repeat("<p>palabra</p>", pipeline.MaxWebhookPayload/10)
	if err := w.st.PutVersion(ctx, &store.EditionVersion{EditionID: es.ID, Version: 1, Revision: 1, Title: "t", HTML: big, Markdown: "m", JSON: `{}`}); err != nil {
		t.Fatal(err)
	}
	d := w.event(t, store.Event{Type: store.EventUpdated, ArticleID: es.ArticleID, EditionID: es.ID,
		Data: []byte(`{"edition_id":"` + es.ID + `","lang":"es","version":1}`)})
	if err := p.Deliver(ctx, d, false); err != nil {
		t.Fatal(err)
	}
	dl, _ := w.st.GetDelivery(ctx, d)
	raw := w.sender.bodies[dl.EventID]
	var pl struct {
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(raw, &pl); err != nil {
		t.Fatal(err)
	}
	if len(raw) > pipeline.MaxWebhookPayload || pl.Data["rendered"] != nil || pl.Data["rendered_omitted"] != true || pl.Data["urls"] == nil {
		t.Errorf("payload of %d bytes: rendered %v, rendered_omitted %v, urls %v", len(raw), pl.Data["rendered"] != nil, pl.Data["rendered_omitted"], pl.Data["urls"])
	}
}

// TestReplayBounds: a replay of too many events is refused and makes no
// deliveries; a disabled webhook cannot replay.
func TestReplayBounds(t *testing.T) {
	ctx := context.Background()
	w, p, c, h := hookWorld(t, pipeline.WebhookSettings{})
	for range 3 {
		w.event(t, store.Event{Type: store.EventArticleReceived, Data: []byte(`{}`)})
	}
	var ids []string
	err := w.st.InTx(ctx, func(q *store.Queries) error {
		var err error
		ids, err = q.Replay(ctx, h, c.t.Add(-time.Hour*24*365), 2)
		return err
	})
	if derrors.Code(err) != "replay_too_large" || len(ids) != 0 {
		t.Errorf("replay of 3 events with a limit of 2: %v %v", ids, err)
	}
	if ids, err := p.Replay(ctx, h.ID, time.Time{}); err != nil || len(ids) != 3 {
		t.Errorf("replay: %v %v", ids, err)
	}
	off := false
	if _, err := p.UpdateWebhook(ctx, anyURL{}, h.ID, pipeline.WebhookSettings{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Replay(ctx, h.ID, time.Time{}); derrors.Code(err) != "webhook_disabled" {
		t.Errorf("replay of a disabled webhook: %v", err)
	}
}
