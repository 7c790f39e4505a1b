package app_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// BenchmarkPipeline measures ingest → both editions in review with the
// pseudo backend (so the figure is pressroom's own cost, not an engine's):
// each iteration ingests every seed article once and waits for review.
//
//	go test ./internal/app/ -run '^$' -bench Pipeline -benchtime 20x
func BenchmarkPipeline(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		benchPipeline(b, app.Config{DataDir: b.TempDir(), Workers: 10})
	})
	b.Run("redis-postgres", func(b *testing.B) {
		if os.Getenv("PRESSROOM_TEST_REDIS_URL") == "" || os.Getenv("PRESSROOM_TEST_DATABASE_URL") == "" {
			b.Skip("needs PRESSROOM_TEST_REDIS_URL and PRESSROOM_TEST_DATABASE_URL")
		}
		benchPipeline(b, app.Config{RedisURL: testenv.RedisURL(b), DatabaseURL: testenv.PostgresURL(b), Workers: 10})
	})
}

func benchPipeline(b *testing.B, cfg app.Config) {
	cfg.Addr, cfg.Backends, cfg.CheckInterval = "127.0.0.1:0", "pseudo", 20*time.Millisecond
	cfg.Log = testLogger(b)
	a, err := app.Start(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	tok, _, err := auth.CreateToken(context.Background(), a.Store.Queries, "b", auth.Editor, nil, "")
	if err != nil {
		b.Fatal(err)
	}
	c := &client{t: b, base: a.URL(), token: tok}
	seeds := testenv.Seeds(b)
	segments := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var ids []string
		for _, s := range seeds {
			art := c.ingest(s)
			ids = append(ids, art.ID)
		}
		for _, id := range ids {
			deadline := time.Now().Add(2 * time.Minute)
			for {
				var art article
				c.do("GET", "/api/v1/articles/"+id, nil, &art)
				done := len(art.Editions) == 2
				for _, e := range art.Editions {
					done = done && e.Status == "in_review"
				}
				if done {
					for _, e := range art.Editions {
						segments += e.Progress.Total
					}
					break
				}
				if time.Now().After(deadline) {
					b.Fatalf("article %s not in review: %+v", id, art)
				}
				time.Sleep(5 * time.Millisecond) // polling interval
			}
		}
	}
	b.StopTimer()
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*len(seeds))/secs, "articles/s")
	b.ReportMetric(float64(segments)/secs, "segments/s")
}
