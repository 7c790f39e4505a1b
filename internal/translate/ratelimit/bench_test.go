package ratelimit

import (
	"context"
	"os"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// BenchmarkWait is the cost the shared limiter adds to each backend call
// (one EVALSHA round trip) when the budget allows the call:
//
//	go test -run '^$' -bench Wait ./internal/translate/ratelimit/
//	PRESSROOM_TEST_REDIS_URL=redis://127.0.0.1:6379 go test -run '^$' -bench Wait ./internal/translate/ratelimit/
func BenchmarkWait(b *testing.B) {
	limits := map[string]Limit{"deepl": {RequestsPerSecond: 1e9, CharsPerSecond: 1e12}}
	run := func(b *testing.B, rdb redis.UniversalClient) {
		l := New(rdb, limits, WithLogger(quiet()))
		ctx := context.Background()
		b.ResetTimer()
		for b.Loop() {
			if err := l.Wait(ctx, "deepl", 500); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("miniredis", func(b *testing.B) {
		mr := miniredis.RunT(b)
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		defer rdb.Close()
		run(b, rdb)
	})
	b.Run("redis-server", func(b *testing.B) {
		u := os.Getenv("PRESSROOM_TEST_REDIS_URL")
		if u == "" {
			b.Skip("PRESSROOM_TEST_REDIS_URL not set")
		}
		opt, err := redis.ParseURL(u)
		if err != nil {
			b.Fatal(err)
		}
		rdb := redis.NewClient(opt)
		defer rdb.Close()
		run(b, rdb)
	})
}
