// Package workers holds pressroom's Asynq task types, their payloads and
// handlers. Handlers are thin: they decode a payload and call the pipeline,
// which is idempotent, so at-least-once delivery is safe.
package workers

import (
	"encoding/json"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

// Task type names.
const (
	TypeSegment   = "article:segment"
	TypeTranslate = "edition:translate"
	TypeBatch     = "edition:translate_batch"
	TypePublish   = "edition:publish"
	TypeDeliver   = "webhook:deliver"
	TypeReconcile = "maintenance:reconcile"
	// TypePollSources polls the feeds that are due (package sources).
	TypePollSources = "maintenance:sources"
)

// Queue names and their priorities: webhook calls to slow receivers must not
// hold up translation, and maintenance yields to everything.
const (
	QueuePipeline    = "pipeline"
	QueueWebhooks    = "webhooks"
	QueueMaintenance = "maintenance"
)

// Queues is the priority map for asynq.Config.
var Queues = map[string]int{QueuePipeline: 6, QueueWebhooks: 3, QueueMaintenance: 1}

// SegmentPayload asks for one revision of an article to be segmented.
type SegmentPayload struct {
	ArticleID string `json:"article_id"`
	Revision  int    `json:"revision"`
}

// TranslatePayload asks for the pending segments of an edition's revision to
// be drafted.
type TranslatePayload struct {
	EditionID string `json:"edition_id"`
	Revision  int    `json:"revision"`
}

// BatchPayload asks for some segments of an edition to be drafted: one
// backend request's worth, so an article's batches spread over all workers.
type BatchPayload struct {
	EditionID  string   `json:"edition_id"`
	Revision   int      `json:"revision"`
	SegmentIDs []string `json:"segment_ids"`
}

// PublishPayload asks for a scheduled edition to be published.
type PublishPayload struct {
	EditionID string `json:"edition_id"`
}

// DeliverPayload asks for a webhook delivery to be attempted.
type DeliverPayload struct {
	DeliveryID string `json:"delivery_id"`
}

// payload is what every task payload can say about itself: whether it
// names what it works on.
type payload interface {
	check() error
}

func (p SegmentPayload) check() error   { return need("article_id", p.ArticleID) }
func (p TranslatePayload) check() error { return need("edition_id", p.EditionID) }
func (p PublishPayload) check() error   { return need("edition_id", p.EditionID) }
func (p DeliverPayload) check() error   { return need("delivery_id", p.DeliveryID) }
func (p BatchPayload) check() error {
	if len(p.SegmentIDs) == 0 {
		return derrors.New(derrors.Invalid, "invalid_payload", "payload has no segment_ids")
	}
	return need("edition_id", p.EditionID)
}

func need(field, v string) error {
	if v == "" {
		return derrors.New(derrors.Invalid, "invalid_payload", "payload has no %s", field)
	}
	return nil
}

// decode reads a task's payload. A payload that does not decode, or names
// nothing, is derrors.Invalid: retrying cannot fix it, so the task ends.
func decode[T payload](b []byte) (T, error) {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return v, derrors.New(derrors.Invalid, "invalid_payload", "decode %T payload: %v", v, err)
	}
	return v, v.check()
}
