package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestSQLiteWriterWaitEnds checks that an SQLite write transaction waiting
// for another ends with its context instead of waiting for ever — the case
// of a transaction opened inside another on the same store, which would
// otherwise wait for itself — and that the store is usable afterwards.
func TestSQLiteWriterWaitEnds(t *testing.T) {
	s := open(t, "", t.TempDir())
	ctx := context.Background()
	var inner error
	err := s.InTx(ctx, func(*store.Queries) error {
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		inner = s.InTx(short, func(*store.Queries) error { return nil })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(inner, context.DeadlineExceeded) {
		t.Errorf("nested transaction: %v, want the context's deadline", inner)
	}
	if err := s.InTx(ctx, func(*store.Queries) error { return nil }); err != nil {
		t.Errorf("a transaction after the wait: %v", err)
	}
	if !store.IsContention(store.ErrBusy) {
		t.Error("IsContention(ErrBusy) = false; a busy writer is a lost race, not a fault")
	}
}
