package qa

import (
	"regexp"
	"strconv"
	"strings"
)

// English clock times ("4:12 p.m.", "3 p.m.", "11am") are written in
// Spanish and Portuguese news on the 24-hour clock ("16.12", "16:12",
// "16h12", "las 15.00", "às 15h"), or kept on the 12-hour one ("las 4:12
// de la tarde"). Read as numbers, "4:12 p.m." → "16.12" was two numbers
// missing and one extra, errors on a right translation; so each source
// time is paired with a target time of the same hour and minutes, and both
// are left out of the number check. A time with no such partner is
// checked as numbers, as before.

// sourceTimeRE matches an English clock time with a.m. or p.m.
var sourceTimeRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?`)

// targetTimeRE matches what may be a clock time in Spanish or Portuguese:
// an hour with minutes after ":", "." or "h", or an hour alone.
var targetTimeRE = regexp.MustCompile(`\d{1,2}(?:[:.h]\d{2})?`)

// blankTimes returns src and tgt with the clock times of src and their
// partners in tgt replaced by spaces (byte lengths kept).
func blankTimes(src, tgt string) (string, string) {
	if !strings.ContainsAny(src, "mM") {
		return src, tgt
	}
	locs := sourceTimeRE.FindAllStringSubmatchIndex(src, -1)
	if len(locs) == 0 {
		return src, tgt
	}
	cands := targetTimes(tgt)
	used := make([]bool, len(cands))
	sb, tb := []byte(src), []byte(tgt)
	for _, l := range locs {
		h, _ := strconv.Atoi(src[l[2]:l[3]])
		m := 0
		if l[4] >= 0 {
			m, _ = strconv.Atoi(src[l[4]:l[5]])
		}
		if h < 1 || h > 12 || m > 59 {
			continue
		}
		h24 := h % 12
		if src[l[6]] == 'p' || src[l[6]] == 'P' {
			h24 += 12
		}
		for k, c := range cands {
			if used[k] || c.minute != m || (c.hour != h24 && c.hour != h) {
				continue
			}
			used[k] = true
			blank(sb, l[0], l[1])
			blank(tb, c.start, c.end)
			break
		}
	}
	return string(sb), string(tb)
}

// ttime is a possible clock time in a target text.
type ttime struct {
	hour, minute int
	start, end   int
}

// targetTimes returns the candidate times of s: numbers of one or two
// digits, with two-digit minutes or none, that are not part of a longer
// number ("3,5", "2.340", "1950").
func targetTimes(s string) []ttime {
	var out []ttime
	for _, l := range targetTimeRE.FindAllStringIndex(s, -1) {
		if l[0] > 0 && (isDigitByte(s[l[0]-1]) || (s[l[0]-1] == '.' || s[l[0]-1] == ',') && l[0] > 1 && isDigitByte(s[l[0]-2])) {
			continue
		}
		if l[1] < len(s) && (isDigitByte(s[l[1]]) || (s[l[1]] == '.' || s[l[1]] == ',' || s[l[1]] == ':') && l[1]+1 < len(s) && isDigitByte(s[l[1]+1])) {
			continue
		}
		tok := s[l[0]:l[1]]
		hs, ms, _ := strings.Cut(strings.NewReplacer(":", " ", ".", " ", "h", " ").Replace(tok), " ")
		h, _ := strconv.Atoi(hs)
		m := 0
		if ms != "" {
			m, _ = strconv.Atoi(ms)
		}
		if h > 24 || m > 59 {
			continue
		}
		out = append(out, ttime{hour: h, minute: m, start: l[0], end: l[1]})
	}
	return out
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func blank(b []byte, from, to int) {
	for i := from; i < to; i++ {
		b[i] = ' '
	}
}
