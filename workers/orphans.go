package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// Orphans finds tasks left active by a worker process that died without
// handing them back (SIGKILL, out of memory, a lost machine) and enqueues a
// copy of each at once.
//
// Why: Asynq recovers such a task only once its lease (30 s) has expired and
// its recoverer, which runs once a minute, has moved it to retry, so a killed
// worker's work waited 30–90 s. Asynq's servers write a heartbeat every 5 s
// listing the tasks they are running, kept for 10 s; a task that is active
// yet listed by no live server for longer than Grace (more than one
// heartbeat, so a task just taken is not mistaken for one) has no one working
// on it. Its copy carries a derived task id (copyID), so every process
// running a watch enqueues one copy between them, and keeps that id for a
// while after it is done (Retention), so the copy is not made again while
// the original still sits in the active list. Handlers are idempotent; when
// Asynq later recovers the original, the handler wrapper sees the copy and
// completes the original without running it (Copied), so the work is not
// done twice even where doing it twice would show (a webhook call).
type Orphans struct {
	insp   *asynq.Inspector
	client *asynq.Client
	log    *slog.Logger
	// Grace is how long a task must be seen active and unlisted before it
	// is copied (default 8 s: more than Asynq's 5 s heartbeat).
	Grace time.Duration
	// seen holds, per queue and task id, when the task was first seen
	// active and listed by no live server. Only Run's goroutine uses it.
	seen map[string]time.Time
}

// orphanRetention is how long a finished copy keeps its id: longer than
// the original can stay active (a 30 s lease plus a recoverer run a minute
// later), so the copy is made once.
const orphanRetention = 3 * time.Minute

// NewOrphans returns a watch on the queues of the given Redis.
func NewOrphans(opt asynq.RedisConnOpt, log *slog.Logger) *Orphans {
	return &Orphans{insp: asynq.NewInspector(opt), client: asynq.NewClient(opt), log: log,
		Grace: 8 * time.Second, seen: map[string]time.Time{}}
}

// Close closes the watch's connections.
func (o *Orphans) Close() error { return errors.Join(o.insp.Close(), o.client.Close()) }

// Run checks every interval until ctx is done.
func (o *Orphans) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n, err := o.Check(ctx, now)
			if err != nil {
				o.log.Debug("orphaned task check", "err", err) // Redis away: the next check retries
			} else if n > 0 {
				o.log.Warn("re-enqueued tasks left by a worker that died", "tasks", n)
			}
		}
	}
}

// Check looks at the queues once and copies the tasks orphaned for longer
// than Grace; it returns how many copies it enqueued.
func (o *Orphans) Check(ctx context.Context, now time.Time) (int, error) {
	// Servers first: a task taken after this read is unlisted now, and
	// listed by the time Grace has passed.
	servers, err := o.insp.Servers()
	if err != nil {
		return 0, fmt.Errorf("list servers: %w", err)
	}
	listed := map[string]bool{}
	for _, s := range servers {
		for _, w := range s.ActiveWorkers {
			listed[w.Queue+"/"+w.TaskID] = true
		}
	}
	active := map[string]bool{}
	copied := 0
	for q := range Queues {
		tasks, err := o.activeTasks(q)
		if err != nil {
			return copied, err
		}
		for _, t := range tasks {
			key := q + "/" + t.ID
			active[key] = true
			if listed[key] {
				delete(o.seen, key)
				continue
			}
			first, ok := o.seen[key]
			if !ok {
				o.seen[key] = now
				continue
			}
			if now.Sub(first) < o.Grace {
				continue
			}
			made, err := o.copy(ctx, t)
			if err != nil {
				return copied, err
			}
			if made {
				copied++
				o.log.Info("task left by a dead worker copied", "type", t.Type, "id", t.ID, "copy", copyID(t.ID, t.Retried),
					"unlisted_for", now.Sub(first).Round(time.Second))
			}
		}
	}
	for key := range o.seen {
		if !active[key] {
			delete(o.seen, key)
		}
	}
	return copied, nil
}

// activeTasks lists every active task of a queue.
func (o *Orphans) activeTasks(q string) ([]*asynq.TaskInfo, error) {
	const size = 500
	var out []*asynq.TaskInfo
	for page := 1; ; page++ {
		ts, err := o.insp.ListActiveTasks(q, asynq.PageSize(size), asynq.Page(page))
		if errors.Is(err, asynq.ErrQueueNotFound) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("list active tasks of %s: %w", q, err)
		}
		out = append(out, ts...)
		if len(ts) < size {
			return out, nil
		}
	}
}

// copy enqueues the orphan's copy; false when it exists already.
func (o *Orphans) copy(ctx context.Context, t *asynq.TaskInfo) (bool, error) {
	opts := []asynq.Option{asynq.Queue(t.Queue), asynq.TaskID(copyID(t.ID, t.Retried)),
		asynq.MaxRetry(t.MaxRetry), asynq.Retention(orphanRetention)}
	if t.Timeout > 0 {
		opts = append(opts, asynq.Timeout(t.Timeout))
	}
	_, err := o.client.EnqueueContext(ctx, asynq.NewTaskWithHeaders(t.Type, t.Payload, t.Headers), opts...)
	switch {
	case errors.Is(err, asynq.ErrTaskIDConflict), errors.Is(err, asynq.ErrDuplicateTask):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("copy orphaned task %s: %w", t.ID, err)
	}
	return true, nil
}

// Copied reports whether the task now running, at its retried-th retry,
// is an original that was copied when it was orphaned at its previous try:
// Asynq's recoverer has put it back after its lease expired, and the copy
// does (or did) its work.
func (o *Orphans) Copied(queue, id string, retried int) bool {
	if retried == 0 || queue == "" {
		return false
	}
	_, err := o.insp.GetTaskInfo(queue, copyID(id, retried-1))
	return err == nil
}

// copyID is the task id of the copy of task id, orphaned at its retried-th
// retry: the same original orphaned again after a retry gets a new copy.
func copyID(id string, retried int) string {
	return fmt.Sprintf("orphan:%s:%d", id, retried)
}
