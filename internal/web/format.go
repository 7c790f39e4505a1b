package web

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/pressroom-dev/pressroom/internal/i18n"
)

// formatter writes numbers, dates and durations in the UI's language:
// numbers through golang.org/x/text (CLDR grouping and percent signs), dates
// from the DateTime pattern and month names in the locale files (x/text has
// no date formatting). Times are shown in UTC and say so.
type formatter struct {
	loc    *i18n.Localizer
	p      *message.Printer
	months []string
}

func newFormatter(l *i18n.Localizer) formatter {
	return formatter{loc: l, p: message.NewPrinter(language.Make(l.Lang())), months: strings.Fields(l.T("MonthsShort"))}
}

// Num formats an integer with the locale's grouping ("1,234", "1.234").
func (f formatter) Num(n int) string { return f.p.Sprint(number.Decimal(n)) }

// Percent formats part of total as a whole percentage ("45%", "45 %").
func (f formatter) Percent(part, total int) string {
	if total <= 0 {
		return f.p.Sprint(number.Percent(0, number.MaxFractionDigits(0)))
	}
	return f.p.Sprint(number.Percent(float64(part)/float64(total), number.MaxFractionDigits(0)))
}

// Score formats a match score given in percent.
func (f formatter) Score(pct int) string {
	return f.p.Sprint(number.Percent(float64(pct)/100, number.MaxFractionDigits(0)))
}

// Date formats a time as the locale writes a date and time ("Mar 5, 2026,
// 14:07 UTC", "5 mar 2026, 14:07 UTC").
func (f formatter) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	month := t.Month().String()[:3]
	if len(f.months) == 12 {
		month = f.months[t.Month()-1]
	}
	return f.loc.T("DateTime", "Day", t.Day(), "Month", month, "Year", t.Year(), "Time", t.Format("15:04"))
}

// ISO is a machine-readable time for <time datetime>.
func (f formatter) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Since says how long ago t was, coarsely ("5 min", "3 h", "2 d").
func (f formatter) Since(t time.Time) string { return f.Duration(time.Since(t)) }

// Duration formats a duration coarsely in the locale's units.
func (f formatter) Duration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return f.loc.T("DurationLessThanMinute")
	case d < time.Hour:
		return f.loc.T("DurationMinutes", "N", f.Num(int(d/time.Minute)))
	case d < 48*time.Hour:
		return f.loc.T("DurationHours", "N", f.Num(int(d/time.Hour)))
	}
	return f.loc.T("DurationDays", "N", f.Num(int(d/(24*time.Hour))))
}

// Itoa is for ids and counts that must not be grouped (segment numbers).
func (f formatter) Itoa(n int) string { return strconv.Itoa(n) }
