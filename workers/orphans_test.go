package workers

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestOrphansLeaveLiveWorkAlone runs a task on a live worker for longer
// than the watch's grace and checks that the watch never copies it (its
// server's heartbeat lists it), and that a copy is made once per try of
// the original, whose recovered next try then counts as copied.
// (The process-level proof, a SIGKILLed worker's work redone within 35 s,
// is internal/chaos's TestKilledWorkerRecovered.)
func TestOrphansLeaveLiveWorkAlone(t *testing.T) {
	opt, err := asynq.ParseRedisURI(testenv.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	started, release := make(chan struct{}, 1), make(chan struct{})
	srv := asynq.NewServer(opt, asynq.Config{Concurrency: 1, Queues: Queues, TaskCheckInterval: 10 * time.Millisecond, LogLevel: asynq.FatalLevel})
	mux := asynq.NewServeMux()
	mux.HandleFunc("test:slow", func(ctx context.Context, _ *asynq.Task) error {
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil
	})
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	defer close(release)
	c := asynq.NewClient(opt)
	defer c.Close()
	if _, err := c.Enqueue(asynq.NewTask("test:slow", nil), asynq.Queue(QueuePipeline), asynq.TaskID("slow-1")); err != nil {
		t.Fatal(err)
	}
	<-started

	o := NewOrphans(opt, log)
	defer o.Close()
	o.Grace = 6 * time.Second // more than one 5 s heartbeat
	// Observed over two heartbeats: the task was taken after the server's
	// first heartbeat, so it is unlisted for up to 5 s, less than the grace.
	for end := time.Now().Add(11 * time.Second); time.Now().Before(end); {
		n, err := o.Check(context.Background(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			t.Fatalf("a task its live worker is running was copied as an orphan")
		}
		time.Sleep(500 * time.Millisecond) // pacing the checks across heartbeats
	}
	insp := asynq.NewInspector(opt)
	defer insp.Close()
	if _, err := insp.GetTaskInfo(QueuePipeline, copyID("slow-1", 0)); err == nil {
		t.Fatal("a copy of a live task exists")
	}
	if o.Copied(QueuePipeline, "slow-1", 1) {
		t.Fatal("Copied says yes without a copy")
	}

	// A copy is made once per original and try, and the original's next
	// try (Asynq's recovery) counts as copied.
	orphan := &asynq.TaskInfo{ID: "gone-1", Queue: QueuePipeline, Type: "test:gone", MaxRetry: 3}
	made, err := o.copy(context.Background(), orphan)
	if err != nil || !made {
		t.Fatalf("copy: %v %v", made, err)
	}
	if made, err := o.copy(context.Background(), orphan); err != nil || made {
		t.Fatalf("second copy: made %v, %v; want refused", made, err)
	}
	if !o.Copied(QueuePipeline, "gone-1", 1) {
		t.Fatal("the original recovered after its copy was made does not count as copied")
	}
	if o.Copied(QueuePipeline, "gone-1", 0) || o.Copied(QueuePipeline, "gone-1", 2) {
		t.Fatal("Copied matches a try that was not copied")
	}
}
