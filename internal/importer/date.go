package importer

import (
	"strings"
	"time"
)

// leadingDate recognises a publication date that scrapers put before the
// article ("date 2026-01-29 …", "Date: 2026-01-29"), returning it as
// YYYY-MM-DD and the text without it. The rest of that line stays: it is
// the article's first words, not metadata.
func leadingDate(s string) (date, rest string) {
	t := strings.TrimLeft(s, " \t\n")
	if len(t) < 5 || !strings.EqualFold(t[:4], "date") {
		return "", s
	}
	t = t[4:]
	t = strings.TrimPrefix(t, ":")
	u := strings.TrimLeft(t, " \t")
	if len(u) == len(t) || len(u) < 10 {
		return "", s
	}
	d, err := time.Parse("2006-01-02", u[:10])
	if err != nil {
		return "", s
	}
	if len(u) > 10 && u[10] != ' ' && u[10] != '\t' && u[10] != '\n' {
		return "", s
	}
	return d.Format("2006-01-02"), strings.TrimLeft(u[10:], " \t")
}
