package translate

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// TestRouterKeepsCodeFromEngines: code spans and code blocks reach the
// backend as one standalone placeholder each and come back as written,
// wherever the engine moved them; other codes travel as before.
func TestRouterKeepsCodeFromEngines(t *testing.T) {
	code := func(id int) inline.Tag { return inline.Tag{ID: id, Name: "code", Paired: true} }
	em := inline.Tag{ID: 2, Name: "em", Paired: true}
	pre := inline.Tag{ID: 1, Name: "pre", Attrs: map[string]string{"lang": "sh"}, Paired: true}
	in := []Segment{
		{ID: "a", Text: "Use <1>fee_per_teu</1> in <2>the</2> API &amp; <3>x &lt; 1</3>.", Tags: []inline.Tag{code(1), em, code(3)}},
		{ID: "b", Text: "<1>for i in range(3): print(i)</1>", Tags: []inline.Tag{pre}},
		{ID: "c", Text: "No <2>code</2> here.", Tags: []inline.Tag{em}},
	}
	// Placeholder ids follow the segment's own: a's codes become 4 and 5,
	// b's code block 2.
	one := &fake{name: "one", reply: map[string]string{
		"Use <4/> in <2>the</2> API &amp; <5/>.": "<5/> y <4/> en <2>la</2> API.",
		"<2/>":                                   "<2/>",
	}}
	reg, _ := NewRegistry(one)
	r, err := NewRouter(reg, Policy{Default: []string{"one"}}, WithLogger(quiet()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Translate(context.Background(), Request{From: "en", To: "es", Segments: in})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"one|<3>x &lt; 1</3> y <1>fee_per_teu</1> en <2>la</2> API.",
		"one|<1>for i in range(3): print(i)</1>",
		"one|one:No <2>code</2> here.",
	}
	if d := cmp.Diff(want, summary(got)); d != "" {
		t.Errorf("drafts (-want +got):\n%s", d)
	}
	wantSent := []string{"Use <4/> in <2>the</2> API &amp; <5/>.", "<2/>", "No <2>code</2> here."}
	if d := cmp.Diff([][]string{wantSent}, one.calls); d != "" {
		t.Errorf("sent to the engine (-want +got):\n%s", d)
	}
	if d := cmp.Diff(in[0].Tags, []inline.Tag{code(1), em, code(3)}); d != "" {
		t.Errorf("the request's tags were changed:\n%s", d)
	}
}
