package store

import (
	"database/sql/driver"

	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// key is text the store computes itself (a glossary entry's key joins its
// parts with U+001F): checkArgs lets it through.
type key string

// Value makes key a driver value.
func (k key) Value() (driver.Value, error) { return string(k), nil }

// checkArgs is the last line: every string a query sends is checked by
// textcheck.Text, so no door can store a NUL in SQLite or make PostgreSQL fail
// on one. Doors check their fields first to name them.
func checkArgs(args []any) error {
	for _, a := range args {
		var s string
		switch v := a.(type) {
		case string:
			s = v
		case *string:
			if v == nil {
				continue
			}
			s = *v
		default:
			continue
		}
		if err := textcheck.Text("text", s); err != nil {
			return err
		}
	}
	return nil
}
