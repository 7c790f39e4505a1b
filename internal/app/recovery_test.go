package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/pressroom-dev/pressroom/workers"

	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestRestartLosesNothing stops the service mid-pipeline, losing its
// in-memory queue, and checks that after a restart every article still
// reaches review: the database, not the queue, says what is pending.
func TestRestartLosesNothing(t *testing.T) {
	dir := t.TempDir()
	seeds := testenv.Seeds(t)

	// First life: no workers, so the ingested work exists only in the queue.
	a1 := start(t, app.Config{DataDir: dir, Workers: 0})
	tok, _, err := auth.CreateToken(context.Background(), a1.Store.Queries, "t", auth.Editor, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	c1 := &client{t: t, base: a1.URL(), token: tok}
	first := c1.ingest(seeds[0])
	a1.Close()

	// Second life: workers run; the second article is ingested and the
	// service stops at once, with its work in flight.
	a2 := start(t, app.Config{DataDir: dir, Workers: 2})
	c2 := &client{t: t, base: a2.URL(), token: tok}
	second := c2.ingest(seeds[1])
	a2.Close()

	// Third life: everything reaches review.
	a3 := start(t, app.Config{DataDir: dir, Workers: 2})
	c3 := &client{t: t, base: a3.URL(), token: tok}
	for _, id := range []string{first.ID, second.ID} {
		c3.waitEditions(id, "in_review")
	}
}

// wipeMidPipeline ingests the seeds while the pipeline queue is paused, so
// their tasks are surely waiting in Redis, then wipes Redis with wipe (which
// drops the pause too). The running service's periodic reconciler must find
// the work in the database and enqueue it again.
func wipeMidPipeline(t *testing.T, a *app.App, wipe func()) {
	c := newClient(t, a, auth.Editor)
	insp := asynq.NewInspector(a.Conn().Opt)
	defer insp.Close()
	if err := insp.PauseQueue(workers.QueuePipeline); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range testenv.Seeds(t) {
		ids = append(ids, c.ingest(s).ID)
	}
	info, err := insp.GetQueueInfo(workers.QueuePipeline)
	if err != nil || info.Pending == 0 {
		t.Fatalf("before the wipe: queue %+v, %v; want pending tasks", info, err)
	}
	wipe()
	for _, id := range ids {
		c.waitEditions(id, "in_review")
	}
}

// TestWipeEmbeddedRedis wipes the in-process Redis mid-pipeline.
func TestWipeEmbeddedRedis(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2, Scheduler: true, ReconcileEvery: time.Second})
	wipeMidPipeline(t, a, a.Embedded.FlushAll)
}

// TestWipeRedisServer wipes a real redis-server mid-pipeline, with
// PostgreSQL as the store.
func TestWipeRedisServer(t *testing.T) {
	redisURL := testenv.RedisURL(t)
	a := start(t, app.Config{RedisURL: redisURL, DatabaseURL: testenv.PostgresURL(t), Workers: 2, Scheduler: true, ReconcileEvery: time.Second})
	opt, err := redis.ParseURL(redisURL)
	if err != nil {
		t.Fatal(err)
	}
	rc := redis.NewClient(opt)
	defer rc.Close()
	wipeMidPipeline(t, a, func() {
		if err := rc.FlushDB(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
	})
}
