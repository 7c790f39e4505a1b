package httpmt

import (
	"testing"
	"time"
)

func TestMarkupRoundTrip(t *testing.T) {
	tests := []struct{ in, engine, want string }{
		{"a <1>b</1> &amp; c<2/>", "A <g1>B</g1> &amp; C<x2/>", "A <1>B</1> &amp; C<2/>"},
		{"x<3/>", "X<x3></x3>", "X<3/>"},
		{"it's", "es &#39;así&#39; &quot;x&quot;", `es 'así' "x"`},
		{"Donald Trump", `<keep translate="no" class="notranslate">Donald Trump</keep> habló`, "Donald Trump habló"},
	}
	for _, tt := range tests {
		got, err := FromMarkup(tt.engine)
		if err != nil || got != tt.want {
			t.Errorf("FromMarkup(%q) = %q, %v; want %q", tt.engine, got, err, tt.want)
		}
	}
	if got := ToMarkup("a <1>b</1><2/> Donald Trump", []string{"Donald Trump"}); got != `a <g1>b</g1><x2/> <keep translate="no" class="notranslate">Donald Trump</keep>` {
		t.Errorf("ToMarkup = %q", got)
	}
	if _, err := FromMarkup("a <b>c</b>"); err == nil {
		t.Error("foreign markup accepted")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{"Thu, 01 Jan 2026 00:01:00 GMT", time.Minute, true},
		{"", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := RetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
