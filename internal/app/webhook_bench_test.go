package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// BenchmarkWebhookDelivery delivers 10,000 events to 10 loopback receivers
// (one webhook each, filtered by language, so each receiver gets 1,000):
// 2,000 editions with 5 events each, written in bursts of 100 events per
// transaction, and delivered in order per edition. It reports deliveries per
// second (first event written → last acknowledged) and the p50/p95 delay
// from an event being written to its acknowledgement.
//
//	PRESSROOM_TEST_REDIS_URL=redis://127.0.0.1:6396/0 go test ./internal/app/ -run '^$' -bench WebhookDelivery -benchtime 1x
func BenchmarkWebhookDelivery(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		benchWebhooks(b, app.Config{DataDir: b.TempDir(), Workers: 20})
	})
	b.Run("redis-sqlite", func(b *testing.B) {
		if os.Getenv("PRESSROOM_TEST_REDIS_URL") == "" {
			b.Skip("needs PRESSROOM_TEST_REDIS_URL")
		}
		benchWebhooks(b, app.Config{RedisURL: testenv.RedisURL(b), DataDir: b.TempDir(), Workers: 20})
	})
	b.Run("redis-postgres", func(b *testing.B) {
		if os.Getenv("PRESSROOM_TEST_REDIS_URL") == "" || os.Getenv("PRESSROOM_TEST_DATABASE_URL") == "" {
			b.Skip("needs PRESSROOM_TEST_REDIS_URL and PRESSROOM_TEST_DATABASE_URL")
		}
		benchWebhooks(b, app.Config{RedisURL: testenv.RedisURL(b), DatabaseURL: testenv.PostgresURL(b), Workers: 20})
	})
}

var benchLangs = []string{"es", "pt-BR", "fr", "de", "it", "nl", "ca", "gl", "eu", "pl"}

func benchWebhooks(b *testing.B, cfg app.Config) {
	const receivers, editions, perEdition = 10, 2000, 5
	cfg.Addr, cfg.Backends, cfg.CheckInterval = "127.0.0.1:0", "pseudo", 10*time.Millisecond
	cfg.WebhookAllowNetworks = []string{"127.0.0.0/8"}
	cfg.Log = testLogger(b)
	ctx := context.Background()
	a, err := app.Start(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	tok, _, err := auth.CreateToken(ctx, a.Store.Queries, "b", auth.Editor, nil, "")
	if err != nil {
		b.Fatal(err)
	}
	c := &client{t: b, base: a.URL(), token: tok}

	var mu sync.Mutex
	acked := map[string]time.Time{}
	for i := range receivers {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			mu.Lock()
			if _, ok := acked[r.Header.Get("webhook-id")]; !ok {
				acked[r.Header.Get("webhook-id")] = time.Now()
			}
			mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}))
		defer srv.Close()
		if code, raw := c.do("POST", "/api/v1/webhooks", map[string]any{"url": srv.URL, "events": []string{"*"},
			"languages": []string{benchLangs[i]}}, nil); code != 201 {
			b.Fatalf("create webhook: %d %s", code, raw)
		}
	}
	b.ResetTimer()
	for range b.N {
		mu.Lock()
		clear(acked)
		mu.Unlock()
		written := map[string]time.Time{}
		start := time.Now()
		// Events are written in transactions of 100 (a burst: 20 editions
		// moving through 5 states), and their deliveries enqueued after each
		// commit, as the workflow does.
		for e0 := 0; e0 < editions; e0 += 20 {
			var evs []*store.Event
			var ids []string
			err := a.Store.InTx(ctx, func(q *store.Queries) error {
				for e := e0; e < e0+20; e++ {
					ed := fmt.Sprintf("edn_bench%05d", e)
					for _, typ := range editionEvents[:perEdition] {
						ev := &store.Event{Type: typ, EditionID: ed, Lang: benchLangs[e%receivers], Data: []byte(`{"edition_id":"` + ed + `"}`)}
						dl, err := q.AddEvent(ctx, ev)
						if err != nil {
							return err
						}
						evs, ids = append(evs, ev), append(ids, dl...)
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			now := time.Now()
			for _, ev := range evs {
				written[ev.ID] = now
			}
			for _, id := range ids {
				if err := a.Client().EnqueueDelivery(ctx, id); err != nil {
					b.Fatal(err)
				}
			}
		}
		writeTook := time.Since(start)
		deadline := time.Now().Add(10 * time.Minute)
		for {
			mu.Lock()
			n := len(acked)
			mu.Unlock()
			if n == len(written) {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("%d of %d events acknowledged after 10 minutes", n, len(written))
			}
			time.Sleep(50 * time.Millisecond) // polling the receivers, not waiting for work
		}
		var last time.Time
		var delays []time.Duration
		mu.Lock()
		for id, at := range acked {
			delays = append(delays, at.Sub(written[id]))
			if at.After(last) {
				last = at
			}
		}
		mu.Unlock()
		slices.Sort(delays)
		total := last.Sub(start)
		b.ReportMetric(float64(len(written))/total.Seconds(), "deliveries/s")
		b.ReportMetric(float64(delays[len(delays)/2].Milliseconds()), "p50_ms")
		b.ReportMetric(float64(delays[len(delays)*95/100].Milliseconds()), "p95_ms")
		b.ReportMetric(writeTook.Seconds(), "write_s")
	}
}
