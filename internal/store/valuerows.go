package store

import "strings"

// rowsPerInsert bounds one multi-row INSERT: at a dozen columns a row it
// stays well under SQLite's (32,766) and PostgreSQL's (65,535) parameter
// limits.
const rowsPerInsert = 500

// valueRows returns n placeholder rows of cols columns each,
// "(?,?),(?,?)", for a multi-row INSERT … VALUES.
func valueRows(n, cols int) string {
	row := "(" + strings.Repeat("?,", cols-1) + "?)"
	var b strings.Builder
	b.Grow(n * (len(row) + 1))
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	return b.String()
}

// inList returns "(?,?,…)" with n placeholders, for … IN (…); n must be
// at least 1 (an empty IN list is a syntax error on both databases, so
// callers answer an empty input without a query).
func inList(n int) string { return valueRows(1, n) }
