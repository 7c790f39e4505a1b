package inline

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheck is the gate that keeps markup safe: a translation reaches a
// published page only if Check accepts it, so every way a translation (by a
// person, an engine or a hostile client) can break its tags must fail here.
func TestCheck(t *testing.T) {
	const src = "See <1>the <2>strike</2> report</1> and<3/> the list."
	for _, tc := range []struct {
		name, source, target string
		ok                   bool
	}{
		// Accepted.
		{"same", src, src, true},
		{"reordered", src, "La lista<3/> y <1>el informe de la <2>huelga</2></1>.", true},
		{"standalone moved", src, "<3/>Ver <1>el informe de la <2>huelga</2></1>.", true},
		{"nesting inverted but proper", src, "<2>Ver <1>el informe</1></2><3/>.", true},
		{"empty paired content", src, "<1></1><2></2><3/>", true},
		{"no tags on either side", "Plain text.", "Texto plano.", true},
		{"escaped markup is text", "Plain.", "a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b", true},
		{"raw > is text", "a > b", "a > b", true},
		{"unknown entity kept as text", "x", "&#60;b&#62; &nbsp;", true},
		// Refused: broken structure.
		{"crossed", src, "<1>the <2>strike</1> report</2><3/>", false},
		{"closed before opened", src, "</1>x<1><2></2><3/>", false},
		{"never closed", src, "<1>x <2></2><3/>", false},
		{"closed twice", src, "<1>x</1></1><2></2><3/>", false},
		{"close of the wrong tag", src, "<1><2>x</1></2><3/>", false},
		// Refused: the wrong placeholders.
		{"missing paired", src, "Ver el informe <3/>.", false},
		{"missing standalone", src, "<1>el <2>x</2></1>", false},
		{"duplicated paired", src, "<1>a</1><1>b</1><2></2><3/>", false},
		{"duplicated standalone", src, "<1><2></2></1><3/><3/>", false},
		{"nested in itself", src, "<1><1></1></1><2></2><3/>", false},
		{"extra placeholder", src, "<1><2></2></1><3/><4/>", false},
		{"unknown id", "Text.", "Text<7/>.", false},
		{"paired used as standalone", src, "<1/><2></2><3/>", false},
		{"standalone used as paired", src, "<1><2></2></1><3>x</3>", false},
		{"all tags dropped", src, "Ver el informe.", false},
		// Refused: not tagged text at all.
		{"stray <", "a", "a < b", false},
		{"stray < before a tag", src, "a < <1><2></2></1><3/>", false},
		{"HTML tag", "a", "a <b>bold</b>", false},
		{"script", "a", "<script>alert(1)</script>", false},
		{"space inside", src, "< 1><2></2></ 1><3/>", false},
		{"leading zero", "<1/>", "<01/>", false},
		{"plus sign", "<1/>", "<+1/>", false},
		{"zero id", "<1/>", "<0/>", false},
		{"negative id", "<1/>", "<-1/>", false},
		{"huge id", "<1/>", "<99999999999999999999/>", false},
		{"non-ASCII digit", "<1/>", "<١/>", false},
		{"self-closing close", "<1>a</1>", "</1/>a", false},
		{"empty placeholder", "a", "<>a", false},
		{"unterminated", "<1>a</1>", "<1>a</1", false},
		{"malformed source", "<1>a", "<1>a</1>", false},
	} {
		err := Check(tc.source, tc.target)
		if (err == nil) != tc.ok {
			t.Errorf("%s: Check(%q, %q) = %v, want ok=%v", tc.name, tc.source, tc.target, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrTagMismatch) && !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: error %v is neither ErrTagMismatch nor ErrMalformed", tc.name, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Token
	}{
		{"", nil},
		{"a &amp; b", []Token{{Kind: TextToken, Text: "a & b"}}},
		{"<1>x</1><2/>", []Token{{Kind: OpenToken, ID: 1}, {Kind: TextToken, Text: "x"}, {Kind: CloseToken, ID: 1}, {Kind: SelfToken, ID: 2}}},
		{"&lt;1&gt; is text", []Token{{Kind: TextToken, Text: "<1> is text"}}},
		{"<12>y</12>", []Token{{Kind: OpenToken, ID: 12}, {Kind: TextToken, Text: "y"}, {Kind: CloseToken, ID: 12}}},
	} {
		got, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, d)
		}
		if f := Format(got); f != tc.in {
			t.Errorf("Format(Parse(%q)) = %q", tc.in, f)
		}
	}
}

func TestPlainAndIDs(t *testing.T) {
	if got := Plain("See <1>the &lt;b&gt;</1><2/> end"); got != "See the <b> end" {
		t.Errorf("Plain = %q", got)
	}
	if got := Plain("a < b"); got != "a < b" {
		t.Errorf("Plain of malformed text = %q, want it unescaped as it is", got)
	}
	ids, err := IDs("<2>a</2><1/><2>")
	if err != nil || !cmp.Equal(ids, []int{2, 1}) {
		t.Errorf("IDs = %v, %v", ids, err)
	}
}

// FuzzCheck checks what Check promises: a target it accepts parses, and has
// exactly the source's placeholders, each once, properly nested.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"<1>a</1>", "<1>a <2>b</2></1><3/>", "a &lt; b", "<1>x</1><1>y</1>", "<1><2></1></2>", "a < b"} {
		f.Add("See <1>the <2>strike</2></1><3/>.", s)
	}
	f.Fuzz(func(t *testing.T, source, target string) {
		if Check(source, target) != nil {
			return
		}
		want, err := shape(source)
		if err != nil {
			t.Fatalf("accepted a target for a malformed source %q", source)
		}
		toks, err := Parse(target)
		if err != nil {
			t.Fatalf("accepted %q, which does not parse: %v", target, err)
		}
		got := map[int]TokenKind{}
		var open []int
		for _, tk := range toks {
			switch tk.Kind {
			case OpenToken, SelfToken:
				if _, dup := got[tk.ID]; dup {
					t.Fatalf("accepted %q with placeholder %d twice", target, tk.ID)
				}
				got[tk.ID] = tk.Kind
				if tk.Kind == OpenToken {
					open = append(open, tk.ID)
				}
			case CloseToken:
				if len(open) == 0 || open[len(open)-1] != tk.ID {
					t.Fatalf("accepted %q with </%d> out of place", target, tk.ID)
				}
				open = open[:len(open)-1]
			}
		}
		if len(open) > 0 {
			t.Fatalf("accepted %q with <%d> unclosed", target, open[0])
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("accepted %q for %q with other placeholders (-source +target):\n%s", target, source, d)
		}
	})
}

// FuzzParse checks that Format writes back what Parse read.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"<1>a</1>", "a &amp; &lt;b&gt;", "x > y", "&#60;", "<2/>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(Format(toks))
		if err != nil {
			t.Fatalf("Format(Parse(%q)) = %q does not parse: %v", s, Format(toks), err)
		}
		if d := cmp.Diff(merge(toks), merge(again)); d != "" {
			t.Fatalf("Parse(Format(Parse(%q))) differs (-first +second):\n%s", s, d)
		}
	})
}

// merge joins adjacent text tokens, which Parse and Format may split
// differently.
func merge(toks []Token) []Token {
	var out []Token
	for _, t := range toks {
		if n := len(out); n > 0 && t.Kind == TextToken && out[n-1].Kind == TextToken {
			out[n-1].Text += t.Text
			continue
		}
		out = append(out, t)
	}
	return out
}
