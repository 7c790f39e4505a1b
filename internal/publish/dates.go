package publish

import (
	"strconv"
	"strings"
	"time"
)

// LongDate writes a date as readers of loc's language write it ("29 de
// enero de 2026", "January 29, 2026"): the month names (DateMonths, twelve
// names separated by spaces) and the pattern (DateLong) come from locales/.
func LongDate(loc Localizer, t time.Time) string {
	months := strings.Fields(loc.T("DateMonths"))
	month := t.Month().String()
	if len(months) == 12 {
		month = months[t.Month()-1]
	}
	return loc.T("DateLong", "Day", strconv.Itoa(t.Day()), "Month", month, "Year", strconv.Itoa(t.Year()))
}

// ParseDay reads a source date as stored: YYYY-MM-DD or RFC 3339. The zero
// time means none.
func ParseDay(s string) time.Time {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	return time.Time{}
}
