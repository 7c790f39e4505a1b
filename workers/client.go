package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/pressroom-dev/pressroom/internal/logctx"
)

// headerRequestID is the task header that carries the id of the request
// whose work enqueued the task (and, through the tasks it enqueues in
// turn, the whole article's path), so an operator can follow one request
// from its access-log line into every task it caused.
const headerRequestID = "request_id"

// newTask builds a task with the request id of ctx, if any, as a header.
func newTask(ctx context.Context, typ string, payload []byte) *asynq.Task {
	if id := logctx.RequestID(ctx); id != "" {
		return asynq.NewTaskWithHeaders(typ, payload, map[string]string{headerRequestID: id})
	}
	return asynq.NewTask(typ, payload)
}

// Client enqueues tasks. Every task carries an id derived from what it works
// on, so the queue refuses a second copy while the first is still there;
// that refusal counts as success.
type Client struct {
	c    *asynq.Client
	insp *asynq.Inspector
}

// NewClient returns a client on the given Redis connection.
func NewClient(opt asynq.RedisConnOpt) *Client {
	return &Client{c: asynq.NewClient(opt), insp: asynq.NewInspector(opt)}
}

// Close closes the client's connections.
func (c *Client) Close() error { return errors.Join(c.c.Close(), c.insp.Close()) }

func (c *Client) enqueue(ctx context.Context, typ string, payload any, id string, opts ...asynq.Option) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	opts = append(opts, asynq.TaskID(id))
	_, err = c.c.EnqueueContext(ctx, newTask(ctx, typ, b), opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("enqueue %s %s: %w", typ, id, err)
	}
	return nil
}

// EnqueueSegment implements pipeline.Enqueuer.
func (c *Client) EnqueueSegment(ctx context.Context, articleID string, revision int) error {
	return c.enqueue(ctx, TypeSegment, SegmentPayload{articleID, revision},
		fmt.Sprintf("segment:%s:%d", articleID, revision), asynq.Queue(QueuePipeline), asynq.MaxRetry(10))
}

// EnqueueTranslate implements pipeline.Enqueuer.
func (c *Client) EnqueueTranslate(ctx context.Context, editionID string, revision int) error {
	return c.enqueue(ctx, TypeTranslate, TranslatePayload{editionID, revision},
		fmt.Sprintf("translate:%s:%d", editionID, revision), asynq.Queue(QueuePipeline), asynq.MaxRetry(10), asynq.Timeout(30*time.Minute))
}

// EnqueueTranslateBatch implements pipeline.BatchEnqueuer. A batch is named
// by its first segment, so enqueueing the same batch twice is refused.
func (c *Client) EnqueueTranslateBatch(ctx context.Context, editionID string, revision int, segmentIDs []string) error {
	if len(segmentIDs) == 0 {
		return nil
	}
	return c.enqueue(ctx, TypeBatch, BatchPayload{editionID, revision, segmentIDs},
		fmt.Sprintf("tbatch:%s:%d:%s:%d", editionID, revision, segmentIDs[0], len(segmentIDs)),
		asynq.Queue(QueuePipeline), asynq.MaxRetry(10), asynq.Timeout(10*time.Minute))
}

// EnqueuePublish implements pipeline.Enqueuer. The task id includes the time,
// so rescheduling enqueues a new task; the stale one finds nothing to do.
func (c *Client) EnqueuePublish(ctx context.Context, editionID string, at time.Time) error {
	return c.enqueue(ctx, TypePublish, PublishPayload{editionID},
		fmt.Sprintf("publish:%s:%d", editionID, at.Unix()), asynq.Queue(QueuePipeline), asynq.ProcessAt(at), asynq.MaxRetry(10))
}

// EnqueueDelivery implements pipeline.Enqueuer.
func (c *Client) EnqueueDelivery(ctx context.Context, deliveryID string) error {
	return c.enqueue(ctx, TypeDeliver, DeliverPayload{deliveryID},
		"deliver:"+deliveryID, asynq.Queue(QueueWebhooks), asynq.MaxRetry(DeliveryMaxRetry))
}

// RunDelivery implements pipeline.Enqueuer: it enqueues the delivery, or,
// when its task is waiting for a retry (behind an earlier event of the same
// edition), makes it run now.
func (c *Client) RunDelivery(ctx context.Context, deliveryID string) error {
	b, err := json.Marshal(DeliverPayload{deliveryID})
	if err != nil {
		return err
	}
	id := "deliver:" + deliveryID
	_, err = c.c.EnqueueContext(ctx, newTask(ctx, TypeDeliver, b), asynq.TaskID(id), asynq.Queue(QueueWebhooks), asynq.MaxRetry(DeliveryMaxRetry))
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		// Waiting for a retry: run it now. (RunTask fails when the task is
		// pending or active already: it runs anyway.)
		_ = c.insp.RunTask(QueueWebhooks, id)
		return nil
	}
	if err != nil {
		return fmt.Errorf("enqueue %s %s: %w", TypeDeliver, id, err)
	}
	return nil
}

// EnqueueRedelivery implements pipeline.Enqueuer: a manual redelivery gets
// its own task id, so it runs now even if the automatic task is waiting.
func (c *Client) EnqueueRedelivery(ctx context.Context, deliveryID string) error {
	return c.enqueue(ctx, TypeDeliver, DeliverPayload{deliveryID},
		fmt.Sprintf("redeliver:%s:%d", deliveryID, time.Now().UnixNano()), asynq.Queue(QueueWebhooks), asynq.MaxRetry(DeliveryMaxRetry))
}

// DeliveryMaxRetry is how many times the queue retries a delivery task. The
// pipeline counts a delivery's attempts itself (webhook.Schedule) and marks
// it failed after the last; the queue's count only needs to be larger, as it
// also counts the waits behind an earlier event of the same edition.
const DeliveryMaxRetry = 100
