// Package workers holds pressroom's Asynq task types, their payloads and
// handlers. Handlers are thin: they decode a payload and call the pipeline,
// which is idempotent, so at-least-once delivery is safe.
package workers

import (
	"encoding/json"
	"fmt"
)

// Task type names.
const (
	TypeSegment   = "article:segment"
	TypeTranslate = "edition:translate"
	TypeBatch     = "edition:translate_batch"
	TypePublish   = "edition:publish"
	TypeDeliver   = "webhook:deliver"
	TypeReconcile = "maintenance:reconcile"
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

func decode[T any](b []byte) (T, error) {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("decode payload: %w", err)
	}
	return v, nil
}
