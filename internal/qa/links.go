package qa

import (
	"regexp"
	"strings"
)

var (
	urlRE   = regexp.MustCompile(`(?i)\b(?:https?://|ftp://|www\.)[^\s<>"“”«»‘’]+`)
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
)

// links returns the URLs or e-mail addresses of s, trailing punctuation
// trimmed ("…/report.csv." ends at "csv").
func links(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllString(s, -1) {
		m = strings.TrimRight(m, ".,;:!?)]}…")
		if m != "" {
			out = append(out, m)
		}
	}
	return out
}

// blankLinks replaces URLs and e-mail addresses with spaces, so their digits
// and dots are not read as numbers or punctuation.
func blankLinks(s string) string {
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	if mayHaveURL(s) {
		s = urlRE.ReplaceAllStringFunc(s, blank)
	}
	if strings.IndexByte(s, '@') >= 0 {
		s = emailRE.ReplaceAllStringFunc(s, blank)
	}
	return s
}

// mayHaveURL is a quick test before the URL pattern, which is slow on
// ordinary text.
func mayHaveURL(s string) bool {
	return strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "WWW.")
}

// checkLinks wants every URL and e-mail address of the source in the
// target, unchanged.
func checkLinks(t *text, emit func(string, ...string)) {
	if !mayHaveURL(t.src) && strings.IndexByte(t.src, '@') < 0 {
		return
	}
	have := wordSet(strings.Join(append(links(urlRE, t.tgt), links(emailRE, t.tgt)...), " "))
	for _, u := range links(urlRE, t.src) {
		if !have[u] {
			emit(CodeURLMissing, "url", u)
		}
	}
	for _, e := range links(emailRE, t.src) {
		if !have[e] {
			emit(CodeEmailMissing, "email", e)
		}
	}
}
