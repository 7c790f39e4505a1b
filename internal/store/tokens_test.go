package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
)

func TestListTokens(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := mk(t)
			ctx := context.Background()
			var ids []string
			for i, role := range []string{"editor", "translator", "admin"} {
				tok := store.Token{ID: store.NewID("tok"), Name: role, Role: role}
				if role == "translator" {
					tok.Langs = []string{"es", "pt-BR"}
				}
				if err := s.CreateToken(ctx, &tok, "hash"+string(rune('a'+i))); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, tok.ID)
			}
			if err := s.RevokeToken(ctx, ids[1]); err != nil {
				t.Fatal(err)
			}
			summary := func(withRevoked bool) []string {
				toks, err := s.ListTokens(ctx, withRevoked)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, tok := range toks {
					out = append(out, tok.ID+" "+tok.Role+" "+map[bool]string{true: "revoked", false: "live"}[tok.Revoked]+" "+fmt.Sprint(tok.Langs))
				}
				return out
			}
			want := []string{ids[0] + " editor live []", ids[2] + " admin live []"}
			if d := cmp.Diff(want, summary(false)); d != "" {
				t.Errorf("live tokens (-want +got):\n%s", d)
			}
			want = []string{ids[0] + " editor live []", ids[1] + " translator revoked [es pt-BR]", ids[2] + " admin live []"}
			if d := cmp.Diff(want, summary(true)); d != "" {
				t.Errorf("all tokens (-want +got):\n%s", d)
			}
			if id, err := s.TokenIDByHash(ctx, "hashb"); err != nil || id != ids[1] {
				t.Errorf("TokenIDByHash of a revoked token: %q %v", id, err)
			}
			if _, err := s.TokenIDByHash(ctx, "nonesuch"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("TokenIDByHash of an unknown hash: %v", err)
			}
		})
	}
}
