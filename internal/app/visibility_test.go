package app_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestTranslatorSeesOwnLanguages: in article listings and an article's own
// answer a Spanish translator sees the article and its Spanish edition
// only, and filtering by edition status does not reveal the state of the
// other languages' editions; an editor sees every edition. On SQLite and
// PostgreSQL.
func TestTranslatorSeesOwnLanguages(t *testing.T) {
	for _, db := range []struct {
		name string
		cfg  func(t *testing.T) app.Config
	}{
		{"sqlite", func(t *testing.T) app.Config { return app.Config{DataDir: t.TempDir(), Workers: 2} }},
		{"postgres", func(t *testing.T) app.Config {
			return app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t), Workers: 2}
		}},
	} {
		t.Run(db.name, func(t *testing.T) {
			a := start(t, db.cfg(t))
			editor := newClient(t, a, auth.Editor)
			ana := newClient(t, a, auth.Translator, "es")
			art := ingestOne(t, editor, "The strike goes on. Talks resume on Monday.", "es", "pt-BR")
			var pt string
			for _, e := range art.Editions {
				if e.Lang == "pt-BR" {
					pt = e.ID
				}
			}
			// Only the Portuguese edition is approved.
			if err := a.Store.SetEditionStatus(context.Background(), pt, store.EditionApproved, store.EditionInReview); err != nil {
				t.Fatal(err)
			}

			langsOf := func(c *client, path string) ([][]string, string) {
				t.Helper()
				code, raw := c.do("GET", path, nil, nil)
				if code != 200 {
					t.Fatalf("GET %s: %d %s", path, code, raw)
				}
				var list []article
				if raw[0] == '{' {
					var one article
					if err := json.Unmarshal(raw, &one); err != nil {
						t.Fatal(err)
					}
					list = []article{one}
				} else if err := json.Unmarshal(raw, &list); err != nil {
					t.Fatal(err)
				}
				out := [][]string{}
				for _, a := range list {
					var ls []string
					for _, e := range a.Editions {
						ls = append(ls, e.Lang)
					}
					out = append(out, ls)
				}
				return out, string(raw)
			}
			for _, tc := range []struct {
				who  string
				c    *client
				path string
				want [][]string
			}{
				{"translator", ana, "/api/v1/articles", [][]string{{"es"}}},
				{"translator", ana, "/api/v1/articles/" + art.ID, [][]string{{"es"}}},
				{"translator", ana, "/api/v1/articles?edition_status=approved", [][]string{}},
				{"translator", ana, "/api/v1/articles?edition_status=in_review", [][]string{{"es"}}},
				{"translator", ana, "/api/v1/articles?q=strike", [][]string{{"es"}}},
				{"editor", editor, "/api/v1/articles", [][]string{{"es", "pt-BR"}}},
				{"editor", editor, "/api/v1/articles/" + art.ID, [][]string{{"es", "pt-BR"}}},
				{"editor", editor, "/api/v1/articles?edition_status=approved", [][]string{{"es", "pt-BR"}}},
			} {
				got, raw := langsOf(tc.c, tc.path)
				if d := cmp.Diff(tc.want, got); d != "" {
					t.Errorf("%s GET %s: edition languages (-want +got):\n%s\n%s", tc.who, tc.path, d, raw)
				}
			}
		})
	}
}
