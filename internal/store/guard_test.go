package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestTextGuard: whatever door a text comes through, the store refuses
// control characters, invalid UTF-8 and noncharacters as a 400 kind with a
// stable code, on writes and lookups, and stores nothing (SQLite used to
// store them, PostgreSQL to fail with an internal error on NUL).
func TestTextGuard(t *testing.T) {
	bad := map[string]string{
		"NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "DEL": "\x7f", "NEL": "\u0085", "CSI": "\u009b",
		"invalid UTF-8": "\xff", "encoded surrogate": "\xed\xa0\x80", "U+FFFE": "\ufffe", "U+FDD0": "\ufdd0", "U+10FFFF": "\U0010ffff",
	}
	wantCode := map[string]string{"invalid UTF-8": "invalid_text", "encoded surrogate": "invalid_text",
		"U+FFFE": "invalid_text", "U+FDD0": "invalid_text", "U+10FFFF": "invalid_text"}
	for dbName, mk := range stores(t) {
		t.Run(dbName, func(t *testing.T) {
			s := mk(t)
			ctx := context.Background()
			for name, ch := range bad {
				want := wantCode[name]
				if want == "" {
					want = "control_character"
				}
				check := func(what string, err error) {
					t.Helper()
					if !errors.Is(err, derrors.Invalid) || derrors.Code(err) != want {
						t.Errorf("%s with %s: %v (code %q), want invalid %s", what, name, err, derrors.Code(err), want)
					}
				}
				a := store.Article{ID: store.NewID("art"), Slug: "s" + store.NewID("x")[2:], Title: "T" + ch, SourceLang: "en",
					Targets: []string{"es"}, Revision: 1, Status: store.ArticleReceived}
				r := store.Revision{ArticleID: a.ID, Revision: 1, Format: "text", Body: "Hello.", Doc: `{"blocks":[]}`}
				check("article title", s.CreateArticle(ctx, &a, &r))
				u := store.User{ID: store.NewID("usr"), Username: "ana" + ch, Role: "admin", PasswordHash: "x", Active: true}
				check("username", s.CreateUser(ctx, &u))
				_, err := s.UserByName(ctx, "ana"+ch)
				check("lookup by username", err)
				_, err = s.GetArticleBySlug(ctx, "a"+ch)
				check("lookup by slug", err)
			}
			arts, err := s.ListArticles(ctx, "", 100)
			if err != nil {
				t.Fatal(err)
			}
			users, err := s.ListUsers(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 0 || len(users) != 0 {
				t.Errorf("stored %d articles and %d users", len(arts), len(users))
			}
			// Tab, newline and carriage return are text.
			a := store.Article{ID: store.NewID("art"), Slug: "ok", Title: "a\tb\nc\rd", SourceLang: "en",
				Targets: []string{"es"}, Revision: 1, Status: store.ArticleReceived}
			r := store.Revision{ArticleID: a.ID, Revision: 1, Format: "text", Body: "Hello.\n\tBye.", Doc: `{"blocks":[]}`}
			if err := s.CreateArticle(ctx, &a, &r); err != nil {
				t.Errorf("tab and newline: %v", err)
			}
		})
	}
}
