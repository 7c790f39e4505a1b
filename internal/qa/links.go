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
	if !strings.ContainsAny(s, "@/") && !strings.Contains(strings.ToLower(s), "www.") {
		return s
	}
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	return emailRE.ReplaceAllStringFunc(urlRE.ReplaceAllStringFunc(s, blank), blank)
}

// checkLinks wants every URL and e-mail address of the source in the
// target, unchanged.
func checkLinks(t *text, emit func(string, ...string)) {
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
