package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

// DeliveryMetrics observes webhook deliveries; *webhook.Metrics is one.
type DeliveryMetrics interface {
	Attempt(code int)
	Outcome(outcome string)
	Acked(d time.Duration)
}

// RetryError asks the queue to try a delivery again after a given wait (the
// webhook schedule, a receiver's Retry-After, or the time an earlier
// delivery of the same edition is next tried).
type RetryError struct {
	After time.Duration
	Err   error
}

func (e *RetryError) Error() string { return e.Err.Error() }
func (e *RetryError) Unwrap() error { return e.Err }

// statusGone is HTTP 410: the receiver says the endpoint is gone for good.
const statusGone = 410

// errWaiting is the reason a delivery is put back: an earlier event of the
// same edition has not been delivered yet.
var errWaiting = errors.New("an earlier event of the same edition is not delivered yet")

// errNotDue is the reason a delivery run before its next attempt's time is
// put back.
var errNotDue = errors.New("not due yet")

// Deliver makes one attempt to send a delivery to its webhook. The number
// of attempts and the waits between them follow Config.WebhookSchedule and
// are counted in the database (not by the queue), so a delivery that waits
// its turn behind an earlier event of the same edition loses none. A failed
// attempt returns a *RetryError with the wait before the next; after the
// last, the delivery is failed (it can be redelivered or replayed).
//
// final (the queue's last try) is ignored: the queue allows more tries than
// the schedule, and the reconciler enqueues anything still pending.
func (p *Pipeline) Deliver(ctx context.Context, deliveryID string, _ bool) error {
	d, err := p.store.GetDelivery(ctx, deliveryID)
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "delivery_not_found", "no delivery %q", deliveryID)
	} else if err != nil {
		return err
	}
	if d.Status != store.DeliveryPending {
		return nil
	}
	h, err := p.store.GetWebhook(ctx, d.WebhookID)
	if err != nil {
		return err
	}
	if !h.Enabled {
		p.metrics.Outcome("disabled")
		return p.store.SetDeliveryStatus(ctx, d.ID, store.DeliveryFailed)
	}
	ev, err := p.store.GetEvent(ctx, d.EventID)
	if err != nil {
		return err
	}
	now := p.now()
	if d.NextAttemptAt != nil && d.NextAttemptAt.Sub(now) > time.Second {
		// Enqueued early (by the reconciler, after a lost queue): keep to
		// the schedule.
		wait := d.NextAttemptAt.Sub(now)
		return &RetryError{After: wait, Err: fmt.Errorf("delivery %s is due at %s: %w", d.ID, d.NextAttemptAt.Format(time.RFC3339), errNotDue)}
	}
	if ahead, err := p.store.DeliveryAhead(ctx, d, ev); err == nil {
		wait := time.Second
		if ahead.NextAttemptAt != nil && ahead.NextAttemptAt.After(now) {
			wait = ahead.NextAttemptAt.Sub(now) + time.Second
		}
		p.log.DebugContext(ctx, "delivery waits for an earlier one", "delivery", d.ID, "ahead", ahead.ID, "wait", wait)
		return &RetryError{After: wait, Err: fmt.Errorf("delivery %s waits for %s: %w", d.ID, ahead.ID, errWaiting)}
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	body, err := p.webhookBody(ctx, h, ev)
	if err != nil {
		return err
	}
	start := time.Now()
	res, sendErr := p.sender.Send(ctx, h.URL, h.Secrets(now), ev.ID, now, body)
	p.metrics.Attempt(res.Code)
	a := store.Attempt{Code: res.Code, DurationMS: time.Since(start).Milliseconds()}
	if sendErr == nil {
		err := p.store.InTx(ctx, func(q *store.Queries) error {
			if err := q.HoldPendingDelivery(ctx, d.ID); err != nil {
				return err
			}
			if err := q.RecordAttempt(ctx, d.ID, a, store.DeliveryDelivered); err != nil {
				return err
			}
			return q.WebhookSucceeded(ctx, h.ID, p.now())
		})
		if errors.Is(err, store.ErrConflict) {
			// Another runner settled it while this one was sending: the
			// receiver heard the event twice (at least once), the
			// delivery keeps the one recorded success.
			p.log.InfoContext(ctx, "webhook delivered again by a second runner; not recorded twice", "delivery", d.ID, "event", ev.ID)
			return nil
		}
		if err != nil {
			return err
		}
		p.metrics.Outcome("delivered")
		p.metrics.Acked(p.now().Sub(ev.CreatedAt))
		p.log.InfoContext(ctx, "webhook delivered", "delivery", d.ID, "webhook", h.ID, "event", ev.ID, "type", ev.Type, "attempt", d.Attempts+1, "code", res.Code)
		p.sendNext(ctx, h.ID, ev.EditionID)
		return nil
	}
	a.Error = sendErr.Error()
	attempt := d.Attempts + 1
	last := attempt > p.cfg.WebhookSchedule.Retries()
	wait := p.cfg.WebhookSchedule.Delay(attempt-1, res.RetryAfter)
	status, next := store.DeliveryPending, now.Add(wait)
	if last {
		status, next = store.DeliveryFailed, time.Time{}
	}
	disabled := ""
	err = p.inTx(ctx, func(q *store.Queries, af *after) error {
		if err := q.HoldPendingDelivery(ctx, d.ID); err != nil {
			return err // settled by another runner meanwhile: its outcome stands
		}
		since, err := q.WebhookFailed(ctx, h.ID, now)
		if err != nil {
			return err
		}
		switch {
		case res.Code == statusGone:
			disabled = DisabledGone
		case now.Sub(since) >= webhook.DisableAfter:
			disabled = DisabledFailing(since)
		}
		if disabled != "" {
			status, next = store.DeliveryFailed, time.Time{}
		}
		if err := q.RecordAttemptNext(ctx, d.ID, a, status, next); err != nil {
			return err
		}
		if disabled == "" {
			return nil
		}
		return p.disableWebhook(ctx, q, af, h, disabled, now)
	})
	if errors.Is(err, store.ErrConflict) {
		p.log.InfoContext(ctx, "webhook attempt failed after another runner settled the delivery; not recorded", "delivery", d.ID, "event", ev.ID)
		return nil
	}
	if err != nil {
		return err
	}
	p.log.WarnContext(ctx, "webhook attempt failed", "delivery", d.ID, "webhook", h.ID, "event", ev.ID, "attempt", attempt,
		"code", res.Code, "err", sendErr, "next_in", map[bool]time.Duration{true: 0, false: wait}[status == store.DeliveryFailed])
	switch {
	case disabled != "":
		p.metrics.Outcome("disabled")
		return nil
	case status == store.DeliveryFailed:
		p.metrics.Outcome("failed")
		p.sendNext(ctx, h.ID, ev.EditionID)
		return nil
	}
	return &RetryError{After: wait, Err: fmt.Errorf("deliver %s to %s (attempt %d): %w", d.ID, h.URL, attempt, sendErr)}
}

// disableWebhook disables h with a reason and writes a webhook.disabled
// event, once.
func (p *Pipeline) disableWebhook(ctx context.Context, q *store.Queries, af *after, h store.Webhook, reason string, at time.Time) error {
	err := q.DisableWebhook(ctx, h.ID, reason, at)
	if errors.Is(err, store.ErrConflict) {
		return nil // already disabled, and the event written
	} else if err != nil {
		return err
	}
	p.log.WarnContext(ctx, "webhook disabled", "webhook", h.ID, "url", h.URL, "reason", reason)
	return af.event(ctx, q, store.EventWebhookDisabled, "", "", WebhookDisabledData{WebhookID: h.ID, URL: h.URL, Reason: reason, DisabledAt: at.UTC()})
}

// WebhookDisabledData is the data of a webhook.disabled event.
type WebhookDisabledData struct {
	WebhookID  string    `json:"webhook_id"`
	URL        string    `json:"url"`
	Reason     string    `json:"reason"`
	DisabledAt time.Time `json:"disabled_at"`
}

// sendNext enqueues the next pending delivery of the same edition to the
// webhook, which may be waiting for the one just settled: it runs now. Its
// task id is the delivery's own, so it is never queued twice.
func (p *Pipeline) sendNext(ctx context.Context, webhookID, editionID string) {
	if editionID == "" || p.queue == nil {
		return
	}
	next, err := p.store.NextDelivery(ctx, webhookID, editionID)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			p.log.WarnContext(ctx, "finding the next delivery", "webhook", webhookID, "edition", editionID, "err", err)
		}
		return
	}
	p.logEnqueue(p.queue.RunDelivery(ctx, next.ID), "webhook:deliver", next.ID)
}

// Redeliver sends a delivery again, whatever became of it.
func (p *Pipeline) Redeliver(ctx context.Context, webhookID, deliveryID string) (store.Delivery, error) {
	d, err := p.store.GetDelivery(ctx, deliveryID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.WebhookID != webhookID) {
		return d, derrors.New(derrors.NotFound, "delivery_not_found", "no delivery %q for webhook %q", deliveryID, webhookID)
	} else if err != nil {
		return d, err
	}
	if err := p.store.SetDeliveryStatus(ctx, d.ID, store.DeliveryPending); err != nil {
		return d, err
	}
	d.Status = store.DeliveryPending
	if p.queue != nil {
		if err := p.queue.EnqueueRedelivery(ctx, d.ID); err != nil {
			return d, err
		}
	}
	return d, nil
}

// MaxReplayEvents bounds one replay (one transaction writes a delivery per
// event).
const MaxReplayEvents = 50000

// Replay re-sends to a webhook every event since a time that it subscribes
// to, in order, each as a new delivery carrying the event's original id
// (the webhook-id header). It returns the new deliveries.
func (p *Pipeline) Replay(ctx context.Context, webhookID string, since time.Time) ([]string, error) {
	var ids []string
	err := p.inTx(ctx, func(q *store.Queries, af *after) error {
		h, err := q.GetWebhook(ctx, webhookID)
		if errors.Is(err, store.ErrNotFound) {
			return derrors.New(derrors.NotFound, "webhook_not_found", "no webhook %q", webhookID)
		} else if err != nil {
			return err
		}
		if !h.Enabled {
			return derrors.New(derrors.Conflict, "webhook_disabled", "webhook %s is disabled; enable it (PATCH enabled: true) before replaying", webhookID)
		}
		ids, err = q.Replay(ctx, h, since, MaxReplayEvents)
		af.deliveries = append(af.deliveries, ids...)
		return err
	})
	return ids, err
}

// Why the delivery disabled a webhook (store.Webhook.DisabledReason): stable
// English for the API and the log, which the web UI recognises to say it in
// the reader's language.
const (
	DisabledGone    = "the receiver answered 410 Gone"
	disabledFailing = "failing since %s without a success"
)

// DisabledFailing is the reason of a webhook disabled after failing, with
// no success, since since.
func DisabledFailing(since time.Time) string {
	return fmt.Sprintf(disabledFailing, since.UTC().Format(time.RFC3339))
}

// FailingSince returns the time a DisabledFailing reason names, and false
// for any other reason.
func FailingSince(reason string) (time.Time, bool) {
	var at string
	if _, err := fmt.Sscanf(reason, disabledFailing, &at); err != nil || reason != fmt.Sprintf(disabledFailing, at) {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, at)
	return t, err == nil
}
