package workers

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// ServerConfig configures a worker server.
type ServerConfig struct {
	Concurrency int
	// CheckInterval is how often an idle worker polls for new tasks. Asynq's
	// default (1 s) adds about half a second to every step at light load;
	// pressroom defaults to 100 ms.
	CheckInterval time.Duration
	// ShutdownTimeout is how long running tasks may take to finish after
	// a shutdown begins; Asynq puts back on the queue what is still
	// running then, for another worker (default 20 s).
	ShutdownTimeout time.Duration
	Log             *slog.Logger
}

// NewServer returns an Asynq server for pressroom's queues.
func NewServer(opt asynq.RedisConnOpt, cfg ServerConfig) *asynq.Server {
	if cfg.CheckInterval <= 0 {
		cfg.CheckInterval = 100 * time.Millisecond
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 20 * time.Second
	}
	return asynq.NewServer(opt, asynq.Config{
		Concurrency:       cfg.Concurrency,
		Queues:            Queues,
		RetryDelayFunc:    RetryDelay,
		TaskCheckInterval: cfg.CheckInterval,
		// Scheduled publications and retries become due on time, not up to
		// five seconds late (Asynq's default forwarding interval).
		DelayedTaskCheckInterval: time.Second,
		ShutdownTimeout:          cfg.ShutdownTimeout,
		Logger:                   slogAdapter{cfg.Log.With("component", "asynq")},
		LogLevel:                 asynq.WarnLevel,
	})
}

// NewScheduler returns a scheduler that enqueues the reconciler at the
// given interval (a minute in production). The task carries a fixed id, so N processes running a scheduler
// still enqueue one copy at a time (Asynq's scheduler has no leader).
func NewScheduler(opt asynq.RedisConnOpt, every time.Duration, log *slog.Logger) (*asynq.Scheduler, error) {
	s := asynq.NewScheduler(opt, &asynq.SchedulerOpts{
		Logger:   slogAdapter{log.With("component", "scheduler")},
		LogLevel: asynq.ErrorLevel,
	})
	_, err := s.Register("@every "+every.String(), asynq.NewTask(TypeReconcile, nil),
		asynq.TaskID("maintenance:reconcile"), asynq.Queue(QueueMaintenance), asynq.MaxRetry(0), asynq.Timeout(5*time.Minute))
	if err != nil {
		return nil, fmt.Errorf("register reconciler: %w", err)
	}
	// Sources are polled on the same beat; each source's own interval is
	// kept in the database, which also makes each poll happen once.
	_, err = s.Register("@every "+every.String(), asynq.NewTask(TypePollSources, nil),
		asynq.TaskID("maintenance:sources"), asynq.Queue(QueueMaintenance), asynq.MaxRetry(0), asynq.Timeout(10*time.Minute))
	if err != nil {
		return nil, fmt.Errorf("register source polling: %w", err)
	}
	return s, nil
}

// slogAdapter lets Asynq log through slog.
type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) Debug(args ...any) { a.l.Debug(fmt.Sprint(args...)) }
func (a slogAdapter) Info(args ...any)  { a.l.Info(fmt.Sprint(args...)) }
func (a slogAdapter) Warn(args ...any)  { a.l.Warn(fmt.Sprint(args...)) }
func (a slogAdapter) Error(args ...any) { a.l.Error(fmt.Sprint(args...)) }
func (a slogAdapter) Fatal(args ...any) { a.l.Error(fmt.Sprint(args...)) }
