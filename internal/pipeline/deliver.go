package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Deliver makes one attempt to send a delivery to its webhook. final says
// this is the queue's last try: a failure then marks the delivery failed
// (it can be redelivered by hand) instead of leaving it pending. A failed
// attempt returns an error so the queue retries with backoff.
func (p *Pipeline) Deliver(ctx context.Context, deliveryID string, final bool) error {
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
	ev, err := p.store.GetEvent(ctx, d.EventID)
	if err != nil {
		return err
	}
	if !h.Active {
		return p.store.SetDeliveryStatus(ctx, d.ID, store.DeliveryFailed)
	}
	body, err := json.Marshal(map[string]any{"type": ev.Type, "timestamp": ev.CreatedAt.UTC().Format(time.RFC3339Nano), "data": ev.Data})
	if err != nil {
		return err
	}
	start := time.Now()
	code, sendErr := p.sender.Send(ctx, h.URL, h.Secret, ev.ID, p.now(), body)
	a := store.Attempt{Code: code, DurationMS: time.Since(start).Milliseconds()}
	status := store.DeliveryDelivered
	if sendErr != nil {
		a.Error = sendErr.Error()
		status = store.DeliveryPending
		if final {
			status = store.DeliveryFailed
		}
	}
	if err := p.store.RecordAttempt(ctx, d.ID, a, status); err != nil {
		return err
	}
	if sendErr != nil {
		return fmt.Errorf("deliver %s to %s: %w", d.ID, h.URL, sendErr)
	}
	return nil
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
