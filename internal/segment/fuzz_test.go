package segment

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// checkPieces asserts the contract of Split on any input: the pieces join
// back to the input, Text is non-empty and trimmed, Lead only on the first
// piece, and — when the input is well-formed tagged text — every piece is
// itself well-formed (no paired placeholder torn apart).
func checkPieces(t *testing.T, lang, text string) {
	t.Helper()
	pieces := Split(lang, text)
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		if pieces != nil {
			t.Fatalf("blank input %q gave %d pieces", text, len(pieces))
		}
		return
	}
	if got := Join(pieces); got != text {
		t.Fatalf("round trip:\n in: %q\nout: %q", text, got)
	}
	wellFormed := inline.Check(text, text) == nil
	for i, p := range pieces {
		if p.Text == "" || strings.TrimFunc(p.Text, unicode.IsSpace) != p.Text {
			t.Fatalf("piece %d text %q is empty or untrimmed (input %q)", i, p.Text, text)
		}
		if i > 0 && p.Lead != "" {
			t.Fatalf("piece %d has a Lead %q", i, p.Lead)
		}
		if strings.TrimFunc(p.Lead+p.Trail, unicode.IsSpace) != "" {
			t.Fatalf("piece %d: Lead/Trail %q/%q hold more than white space", i, p.Lead, p.Trail)
		}
		if wellFormed && utf8.ValidString(text) {
			if _, err := shapeOf(p.Text); err != nil {
				t.Fatalf("piece %d %q of well-formed input %q is malformed: %v", i, p.Text, text, err)
			}
		}
	}
}

// shapeOf checks that tagged text is well-formed on its own.
func shapeOf(s string) (string, error) { return s, inline.Check(s, s) }

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Hello World. My name is Jonas.",
		"I live in the U.S. How about you?",
		"Read <1>the report. It is long.</1> Then <2/>vote.",
		"«Todo ha terminado.», escribió ella. ¿Y ahora? ¡Nada!",
		"1) The first item 2) The second item",
		"• 9. One • 10. Two",
		"compounds. . . . The practice was not abandoned. . . .",
		"Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.",
		"He said, “I came. I saw.” Then (he left. Fast.) he ran.",
		"Q&amp;A ran late. x &lt; 5 holds.",
		"a. b. c. d.",
		"<1><2>Nested. Deep.</2></1> Out.",
	} {
		for _, lang := range []string{"en", "es", "pt"} {
			f.Add(lang, s)
		}
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		checkPieces(t, lang, text)
	})
}
