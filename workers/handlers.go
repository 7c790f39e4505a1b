package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"time"

	"github.com/hibiken/asynq"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/logctx"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Handlers binds task types to the pipeline.
type Handlers struct {
	P   *pipeline.Pipeline
	Log *slog.Logger
	// Sources polls the feeds that are due; nil: no source polling.
	Sources SourcePoller
	// Orphans, when set, lets a task that Asynq recovered after its worker
	// died be completed without running when its copy has taken over.
	Orphans *Orphans
}

// SourcePoller polls the due feeds (sources.Poller).
type SourcePoller interface {
	PollDue(ctx context.Context) error
}

// Mux returns a ServeMux with every task type registered. Each task's id
// and type are put into its context (see WithTaskIDs), so every record
// logged with that context carries task_id and task_type.
func (h *Handlers) Mux() *asynq.ServeMux {
	h.Log = logctx.Logger(h.Log)
	mux := asynq.NewServeMux()
	mux.Use(WithTaskIDs)
	mux.HandleFunc(TypeSegment, h.wrap(decoded(func(ctx context.Context, p SegmentPayload, _ bool) error {
		return h.P.SegmentArticle(ctx, p.ArticleID, p.Revision)
	})))
	mux.HandleFunc(TypeTranslate, h.wrap(decoded(func(ctx context.Context, p TranslatePayload, _ bool) error {
		return h.P.TranslateEdition(ctx, p.EditionID, p.Revision)
	})))
	mux.HandleFunc(TypeBatch, h.wrap(decoded(func(ctx context.Context, p BatchPayload, _ bool) error {
		return h.P.TranslateBatch(ctx, p.EditionID, p.Revision, p.SegmentIDs)
	})))
	mux.HandleFunc(TypePublish, h.wrap(decoded(func(ctx context.Context, p PublishPayload, _ bool) error {
		return h.P.PublishEdition(ctx, p.EditionID)
	})))
	mux.HandleFunc(TypeDeliver, h.wrap(decoded(func(ctx context.Context, p DeliverPayload, final bool) error {
		return h.P.Deliver(ctx, p.DeliveryID, final)
	})))
	mux.HandleFunc(TypeReconcile, h.wrap(func(ctx context.Context, _ *asynq.Task, _ bool) error {
		st, err := h.P.Reconcile(ctx)
		if err == nil && st != (pipeline.ReconcileStats{}) {
			h.Log.InfoContext(ctx, "reconciled", "segment", st.Segment, "translate", st.Translate, "publish", st.Publish, "deliver", st.Deliver)
		}
		return err
	}))
	mux.HandleFunc(TypePollSources, h.wrap(func(ctx context.Context, _ *asynq.Task, _ bool) error {
		if h.Sources == nil {
			return nil
		}
		return h.Sources.PollDue(ctx)
	}))
	return mux
}

// decoded decodes a task's payload of type P before calling fn.
func decoded[P payload](fn func(ctx context.Context, p P, final bool) error) func(context.Context, *asynq.Task, bool) error {
	return func(ctx context.Context, t *asynq.Task, final bool) error {
		p, err := decode[P](t.Payload())
		if err != nil {
			return err
		}
		return fn(ctx, p, final)
	}
}

// wrap logs failures and decides what the queue does with them. On the last
// try, or for an error retrying cannot fix, the task is completed rather than
// archived: the database still says the work is pending, and the reconciler
// will enqueue it afresh (an archived task would hold its id and block that).
func (h *Handlers) wrap(fn func(ctx context.Context, t *asynq.Task, final bool) error) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		retried, _ := asynq.GetRetryCount(ctx)
		maxRetry, _ := asynq.GetMaxRetry(ctx)
		final := retried >= maxRetry
		if h.Orphans != nil {
			queue, _ := asynq.GetQueueName(ctx)
			if id, _ := asynq.GetTaskID(ctx); h.Orphans.Copied(queue, id, retried) {
				h.Log.InfoContext(ctx, "task recovered after its worker died; its copy has taken over")
				return nil
			}
		}
		start := time.Now()
		err := fn(ctx, t, final)
		if err == nil {
			h.Log.DebugContext(ctx, "task done", "took", time.Since(start))
			return nil
		}
		switch {
		case permanent(err):
			h.Log.ErrorContext(ctx, "task failed permanently", "err", err)
			return nil
		case final && errors.As(err, new(*pipeline.RetryError)):
			h.Log.WarnContext(ctx, "task out of queue retries; the reconciler will enqueue it again", "err", err)
			return nil
		case final:
			h.Log.ErrorContext(ctx, "task failed on its last try; the reconciler will retry it later", "tries", retried+1, "err", err)
			return nil
		case errors.As(err, new(*pipeline.RetryError)):
			h.Log.DebugContext(ctx, "task to be retried", "try", retried+1, "err", err)
			return fmt.Errorf("%s: %w", t.Type(), err)
		default:
			h.Log.WarnContext(ctx, "task failed; will retry", "try", retried+1, "err", err)
			return fmt.Errorf("%s: %w", t.Type(), err)
		}
	}
}

// WithTaskIDs is Asynq middleware that puts the task's id and type into its
// context for logctx (task_id, task_type on every record logged with it),
// and the id of the request that caused it, when the task carries one
// (request_id; see newTask), so tasks it enqueues carry it on.
func WithTaskIDs(next asynq.Handler) asynq.Handler {
	return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
		id, _ := asynq.GetTaskID(ctx)
		ctx = logctx.WithTask(ctx, id, t.Type())
		if rid := t.Headers()[headerRequestID]; rid != "" {
			ctx = logctx.WithRequestID(ctx, rid)
		}
		return next.ProcessTask(ctx, t)
	})
}

// permanent reports whether retrying cannot fix err: what it works on is
// gone, or the task or its input is bad, or a backend refused for good.
func permanent(err error) bool {
	return errors.Is(err, derrors.NotFound) || errors.Is(err, derrors.Invalid) ||
		errors.Is(err, derrors.Unprocessable) || translate.IsPermanent(err)
}

// RetryDelay is exponential backoff with jitter (2 s, 4 s, 8 s, … capped at
// 6 h), and no delay after a lease expiry: a worker that died mid-task should
// not make the work wait longer than the lease already did.
//
// A *pipeline.RetryError names its own wait: webhook deliveries follow their
// schedule (and receivers' Retry-After), counted in the database.
func RetryDelay(n int, err error, _ *asynq.Task) time.Duration {
	if errors.Is(err, asynq.ErrLeaseExpired) {
		return 0
	}
	var re *pipeline.RetryError
	if errors.As(err, &re) {
		return re.After
	}
	d := time.Duration(math.Min(math.Pow(2, float64(n+1)), 6*3600)) * time.Second
	return d + time.Duration(rand.Int64N(int64(d/4)+1))
}
