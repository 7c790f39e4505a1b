// Package pipeline is pressroom's workflow: it carries an article from ingest
// through segmentation, machine translation, review and publication, and
// records every state change with its event in one transaction (the outbox).
//
// Work is handed to the queue only after the transaction that makes it
// pending has committed; if the process dies in between, Reconcile finds the
// pending work in the database and enqueues it again. Every step is
// idempotent, because the queue delivers at least once.
package pipeline

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

// Enqueuer hands work to the queue. Implementations must refuse duplicates
// quietly (the same task already queued is success), so callers may enqueue
// freely.
type Enqueuer interface {
	EnqueueSegment(ctx context.Context, articleID string, revision int) error
	EnqueueTranslate(ctx context.Context, editionID string, revision int) error
	EnqueuePublish(ctx context.Context, editionID string, at time.Time) error
	EnqueueDelivery(ctx context.Context, deliveryID string) error
	// RunDelivery enqueues a delivery, or runs it now if its task waits for
	// a retry: the delivery ahead of it has just been settled.
	RunDelivery(ctx context.Context, deliveryID string) error
	// EnqueueRedelivery enqueues a delivery asked for by a person, as a new
	// task even while the automatic one still waits for its next retry.
	EnqueueRedelivery(ctx context.Context, deliveryID string) error
}

// Translator produces machine drafts; the translate package's Router is one.
type Translator interface {
	Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error)
}

// Sender delivers one webhook call signed with every secret given; package
// webhook implements it.
type Sender interface {
	Send(ctx context.Context, url string, secrets []string, msgID string, at time.Time, body []byte) (webhook.Result, error)
}

// Config holds the pipeline's settings.
type Config struct {
	// SourceLang is the default source language of articles ("en").
	SourceLang string
	// Targets are the default target languages ("es", "pt-BR").
	Targets []string
	// BatchSize is how many segments go to a backend in one request.
	BatchSize int
	// BatchSizeFor, when set, picks the batch size for a language pair
	// instead (0 keeps BatchSize). The app gives pairs served by in-process
	// backends (pseudo, copy) whole editions: a request to them costs
	// nothing, while every batch costs a queue task and a transaction.
	BatchSizeFor func(from, to string) int
	// BaseURL is the public address of the service, for links in events and
	// pages ("http://localhost:8080").
	BaseURL string
	// WebhookSchedule is the waits between a delivery's attempts
	// (webhook.DefaultSchedule when nil).
	WebhookSchedule webhook.Schedule
	// Memory tunes the translation memory (fuzzy threshold, auto-approval of
	// in-context matches).
	Memory tm.Config
}

// Live is where the workflow tells the editors that have an edition open
// about the changes it commits, and keeps soft claims (who has an edition
// open); *live.Hub is one.
type Live interface {
	Publish(ctx context.Context, editionID string, ev live.Event)
	TakeClaim(ctx context.Context, editionID string, me live.Holder) (live.Holder, bool, error)
	ReleaseClaim(ctx context.Context, editionID string, me live.Holder) (bool, error)
}

// Deps are the parts the workflow works with, built by the app.
type Deps struct {
	Store *store.Store
	// Queue may be nil in tools that only read.
	Queue      Enqueuer
	Translator Translator
	Sender     Sender
	// Live may be nil (worker processes): no live updates, and claims
	// answer derrors.Unavailable.
	Live Live
	// Locales give published pages their chrome in the edition's language.
	Locales *i18n.Bundle
	// QA runs the quality checks on drafts and saves; nil checks nothing
	// (and then nothing stops an approval).
	QA QAChecker
	// Metrics observes webhook deliveries; nil observes nothing.
	Metrics DeliveryMetrics
	// Clock tells the time for webhook signatures, schedules and health
	// (time.Now when nil); tests move it.
	Clock func() time.Time
	Log   *slog.Logger
}

// Pipeline runs the workflow.
type Pipeline struct {
	store      *store.Store
	queue      Enqueuer
	translator Translator
	sender     Sender
	live       Live
	locales    *i18n.Bundle
	metrics    DeliveryMetrics
	qa         QAChecker
	cfg        Config
	log        *slog.Logger
	now        func() time.Time
	checkers   []EditChecker // optional; see AddEditChecker
	segmented  SegmentedHook // optional; see SetSegmentedHook
	memory     *tm.Memory
}

// New returns a pipeline.
func New(d Deps, cfg Config) *Pipeline {
	if cfg.SourceLang == "" {
		cfg.SourceLang = "en"
	}
	if len(cfg.Targets) == 0 {
		cfg.Targets = []string{"es", "pt-BR"}
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 50
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if cfg.WebhookSchedule == nil {
		cfg.WebhookSchedule = webhook.DefaultSchedule
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	if d.Metrics == nil {
		d.Metrics = noMetrics{}
	}
	return &Pipeline{store: d.Store, queue: d.Queue, translator: d.Translator, sender: d.Sender, live: d.Live,
		locales: d.Locales, qa: d.QA, metrics: d.Metrics, cfg: cfg, log: d.Log, now: d.Clock,
		memory: tm.New(d.Store, cfg.Memory)}
}

// Memory returns the translation memory the pipeline drafts from and feeds.
func (p *Pipeline) Memory() *tm.Memory { return p.memory }

// Store returns the pipeline's store, for read-only handlers.
func (p *Pipeline) Store() *store.Store { return p.store }

// Config returns the pipeline's settings.
func (p *Pipeline) Config() Config { return p.cfg }

// after collects the work a transaction makes pending; it is enqueued once the
// transaction has committed.
type after struct {
	segment    []articleRev
	translate  []articleRev // edition id, revision
	publish    []publishAt
	deliveries []string
}

type articleRev struct {
	id  string
	rev int
}

type publishAt struct {
	id string
	at time.Time
}

// event writes an event and queues its deliveries.
func (a *after) event(ctx context.Context, q *store.Queries, typ, articleID, editionID string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	ids, err := q.AddEvent(ctx, &store.Event{Type: typ, ArticleID: articleID, EditionID: editionID, Data: raw})
	if err != nil {
		return err
	}
	a.deliveries = append(a.deliveries, ids...)
	return nil
}

// inTx runs fn in a transaction, then enqueues what it made pending. Enqueue
// failures are logged, not returned: the change is committed and the
// reconciler will enqueue the work.
func (p *Pipeline) inTx(ctx context.Context, fn func(q *store.Queries, a *after) error) error {
	var a after
	if err := p.store.InTx(ctx, func(q *store.Queries) error { return fn(q, &a) }); err != nil {
		return err
	}
	p.flush(ctx, &a)
	return nil
}

func (p *Pipeline) flush(ctx context.Context, a *after) {
	if p.queue == nil {
		return
	}
	for _, s := range a.segment {
		p.logEnqueue(p.queue.EnqueueSegment(ctx, s.id, s.rev), "article:segment", s.id)
	}
	for _, t := range a.translate {
		p.logEnqueue(p.queue.EnqueueTranslate(ctx, t.id, t.rev), "edition:translate", t.id)
	}
	for _, t := range a.publish {
		p.logEnqueue(p.queue.EnqueuePublish(ctx, t.id, t.at), "edition:publish", t.id)
	}
	for _, d := range a.deliveries {
		p.logEnqueue(p.queue.EnqueueDelivery(ctx, d), "webhook:deliver", d)
	}
}

func (p *Pipeline) logEnqueue(err error, task, id string) {
	if err != nil {
		p.log.Warn("enqueue failed; the reconciler will retry", "task", task, "id", id, "err", err)
	}
}

type noMetrics struct{}

func (noMetrics) Attempt(int)           {}
func (noMetrics) Outcome(string)        {}
func (noMetrics) Acked(d time.Duration) {}
