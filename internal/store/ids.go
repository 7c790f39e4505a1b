package store

import (
	"crypto/rand"
	"encoding/json"
	"fmt"

	"github.com/oklog/ulid/v2"
)

// NewID returns a new sortable unique id with a readable prefix, e.g.
// "art_01J…". The prefix tells a reader what kind of object an id names.
func NewID(prefix string) string {
	return prefix + "_" + ulid.MustNew(ulid.Now(), rand.Reader).String()
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("store: marshal %T: %v", v, err))
	}
	return string(b)
}

func fromJSON[T any](s string, v *T) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode stored JSON: %w", err)
	}
	return nil
}
