package importer

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
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

// datelineLayouts are the ways newsrooms write a date line under the
// headline ("Nov. 27, 2026", "November 27, 2026", "27 November 2026").
var datelineLayouts = []string{"Jan 2, 2006", "January 2, 2006", "2 January 2006", "2 Jan 2006", "2006-01-02", "Jan 2 2006", "January 2 2006"}

// timeRE is a clock time that may follow the date ("11:15 p.m.", "9:45 a.m. EST").
var timeRE = regexp.MustCompile(`^\d{1,2}(:\d{2})?\s*([ap]\.?m\.?|[AP]\.?M\.?)?(\s+[A-Z]{2,4})?$`)

// parseDateline reads a line that is only a date, maybe after a weekday and
// before a clock time ("Tuesday, Nov. 27, 2026, 11:15 p.m."), as YYYY-MM-DD.
func parseDateline(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if utf8.RuneCountInString(s) > 60 {
		return "", false
	}
	for _, wd := range []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"} {
		if rest, ok := strings.CutPrefix(s, wd); ok {
			s = strings.TrimLeft(rest, ", ")
			break
		}
	}
	// "Sept." is AP style for September; Go knows "Sep".
	s = strings.NewReplacer("Sept.", "Sep", "Sept ", "Sep ", ".", "").Replace(s)
	try := func(d string) (string, bool) {
		for _, l := range datelineLayouts {
			if t, err := time.Parse(l, strings.TrimSpace(d)); err == nil {
				return t.Format("2006-01-02"), true
			}
		}
		return "", false
	}
	if d, ok := try(s); ok {
		return d, true
	}
	// A clock time after the date's last comma or blank.
	for _, sep := range []string{", ", " "} {
		if k := strings.LastIndex(s, sep); k > 0 {
			for k > 0 && !timeRE.MatchString(strings.TrimSpace(s[k+len(sep):])) {
				k = strings.LastIndex(s[:k], sep)
			}
			if k > 0 {
				if d, ok := try(strings.TrimRight(s[:k], ", ")); ok {
					return d, true
				}
			}
		}
	}
	return "", false
}
