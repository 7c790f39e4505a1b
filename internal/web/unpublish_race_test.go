package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestConcurrentUnpublish races unpublish calls on the same published
// edition, through the API and the web form at once, on SQLite and on
// PostgreSQL, for several editions: exactly one call withdraws it and
// every other answers 409, never 500; one edition.unpublished event each.
func TestConcurrentUnpublish(t *testing.T) {
	for _, db := range []struct {
		name string
		cfg  func(t *testing.T) app.Config
	}{
		{"sqlite", func(t *testing.T) app.Config { return app.Config{DataDir: t.TempDir()} }},
		{"postgres", func(t *testing.T) app.Config {
			return app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t)}
		}},
	} {
		t.Run(db.name, func(t *testing.T) {
			e := newEnvWith(t, db.cfg(t))
			eve := e.addUser("eve", auth.Editor)
			e.addUser("max", auth.Editor)
			who := auth.Principal{ID: eve.ID, Name: eve.Name, Role: auth.Editor}
			ctx := context.Background()
			tok, _, err := auth.CreateToken(ctx, e.app.Store.Queries, "race", auth.Editor, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			browsers := []*user{e.login("eve"), e.login("max")}

			var eds []store.Edition
			for i := range 3 {
				_, m := e.ingest(fmt.Sprintf("Race %d", i), "text", fmt.Sprintf("Sentence %d. Another one.", i))
				for _, ed := range m {
					e.approveEdition(who, ed.ID)
					if _, err := e.app.Pipeline.RequestPublish(ctx, who, ed.ID, time.Time{}); err != nil {
						t.Fatalf("publish: %v", err)
					}
					eds = append(eds, ed)
				}
			}
			for _, ed := range eds {
				e.waitEdition(ed.ID, func(x store.Edition) bool { return x.Status == store.EditionPublished })
			}

			for _, ed := range eds {
				codes := raceUnpublish(t, e, tok, browsers, ed.ID)
				ok, conflicts := 0, 0
				for _, c := range codes {
					switch c {
					case http.StatusOK, http.StatusSeeOther:
						ok++
					case http.StatusConflict:
						conflicts++
					}
				}
				if ok != 1 || conflicts != len(codes)-1 {
					t.Errorf("edition %s: answers %v, want one success and %d × 409", ed.ID, codes, len(codes)-1)
				}
				if n := countEvents(t, e, store.EventUnpublished, ed.ID); n != 1 {
					t.Errorf("edition %s: %d edition.unpublished events, want 1", ed.ID, n)
				}
				got, err := e.app.Store.GetEdition(ctx, ed.ID)
				if err != nil || got.Status != store.EditionUnpublished {
					t.Errorf("edition %s after the race: %s %v", ed.ID, got.Status, err)
				}
			}
		})
	}
}

// raceUnpublish sends twelve API calls and one web form per browser at the
// same moment and returns their statuses.
func raceUnpublish(t *testing.T, e *env, token string, browsers []*user, editionID string) []int {
	t.Helper()
	var reqs []func() (*http.Response, error)
	for range 12 {
		reqs = append(reqs, func() (*http.Response, error) {
			req, _ := http.NewRequest(http.MethodPost, e.url+"/api/v1/editions/"+editionID+"/unpublish", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			return http.DefaultClient.Do(req)
		})
	}
	for _, b := range browsers {
		reqs = append(reqs, func() (*http.Response, error) {
			req, _ := http.NewRequest(http.MethodPost, e.url+"/editions/"+editionID+"/unpublish",
				strings.NewReader(url.Values{"csrf": {b.csrf}, "back": {"/articles"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return b.c.Do(req)
		})
	}
	codes := make([]int, len(reqs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, do := range reqs {
		wg.Go(func() {
			<-start
			resp, err := do()
			if err != nil {
				t.Errorf("unpublish: %v", err)
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		})
	}
	close(start)
	wg.Wait()
	return codes
}

func countEvents(t *testing.T, e *env, typ, editionID string) int {
	t.Helper()
	evs, err := e.app.Store.ListEvents(context.Background(), 10000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		if ev.Type == typ && ev.EditionID == editionID {
			n++
		}
	}
	return n
}
