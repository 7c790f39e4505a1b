package segment

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitTagged(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []Piece
	}{
		{"empty", "en", "", nil},
		{"blank", "en", " \n\t", nil},
		{"lead and trail kept", "en", "  One. Two.  ", []Piece{
			{Lead: "  ", Text: "One.", Trail: " "}, {Text: "Two.", Trail: "  "},
		}},
		{"link not torn", "en", "Read <1>the report. It is long.</1> Then vote.", []Piece{
			{Text: "Read <1>the report. It is long.</1>", Trail: " "}, {Text: "Then vote."},
		}},
		{"closing tag stays with its sentence", "en", "He said <1>no.</1> <2>Then</2> he left.", []Piece{
			{Text: "He said <1>no.</1>", Trail: " "}, {Text: "<2>Then</2> he left."},
		}},
		{"standalone tag at start", "en", "Done. <3/>Next one.", []Piece{
			{Text: "Done.", Trail: " "}, {Text: "<3/>Next one."},
		}},
		{"escapes", "en", "Q&amp;A ran late. X &lt; 5 holds.", []Piece{
			{Text: "Q&amp;A ran late.", Trail: " "}, {Text: "X &lt; 5 holds."},
		}},
		{"abbreviation inside tag", "en", "The <1>U.S. Army</1> left. It rained.", []Piece{
			{Text: "The <1>U.S. Army</1> left.", Trail: " "}, {Text: "It rained."},
		}},
		{"unbalanced tag never split", "en", "Open <1>here. And here.", []Piece{
			{Text: "Open <1>here. And here."},
		}},
		{"malformed placeholder is text", "en", "A <b>bold</b> claim. Next.", []Piece{
			{Text: "A <b>bold</b> claim.", Trail: " "}, {Text: "Next."},
		}},
		{"newline is white space", "en", "One.\nTwo.", []Piece{
			{Text: "One.", Trail: "\n"}, {Text: "Two."},
		}},
		{"pt-BR uses Portuguese rules", "pt-BR", "O Sr. Souza chegou. Depois saiu.", []Piece{
			{Text: "O Sr. Souza chegou.", Trail: " "}, {Text: "Depois saiu."},
		}},
		{"unknown language uses English", "fr", "Mr. Smith left. He came back.", []Piece{
			{Text: "Mr. Smith left.", Trail: " "}, {Text: "He came back."},
		}},
		{"no break before lower case", "es", "Llegó el Sr. y dijo adiós. fin", []Piece{
			{Text: "Llegó el Sr. y dijo adiós. fin"},
		}},
		{"quote with two sentences stays whole", "en", "He said, “I came. I saw.” Then he left.", []Piece{
			{Text: "He said, “I came. I saw.”", Trail: " "}, {Text: "Then he left."},
		}},
		{"a curly quote opened twice and closed once is one quotation", "en", "He said, “You can talk. But we live by force… “These are the laws.” Then he left.", []Piece{
			{Text: "He said, “You can talk. But we live by force… “These are the laws.”", Trail: " "}, {Text: "Then he left."},
		}},
		{"unclosed bracket does not glue text", "en", "They met to organise [a response. On Monday, it voted.", []Piece{
			{Text: "They met to organise [a response.", Trail: " "}, {Text: "On Monday, it voted."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.lang, tt.text)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Split(%q) (-want +got):\n%s", tt.text, d)
			}
			if len(got) > 0 && Join(got) != tt.text {
				t.Errorf("Join(Split(%q)) = %q", tt.text, Join(got))
			}
		})
	}
}

// TestSplitBoundsLongSentence checks that a paragraph without any sentence
// boundary is cut into bounded pieces at white space, and one without white
// space stays whole: a bounded, correct result either way.
func TestSplitBoundsLongSentence(t *testing.T) {
	words := strings.Repeat("word ", 200000) // 1 MB, no punctuation
	got := Split("en", words)
	if Join(got) != words {
		t.Fatal("round trip failed")
	}
	for i, p := range got {
		if len(p.Text) > maxSentence+maxToken {
			t.Fatalf("piece %d is %d bytes, want at most about %d", i, len(p.Text), maxSentence)
		}
	}
	blob := strings.Repeat("x", 1<<20)
	if got := Split("en", blob); len(got) != 1 || got[0].Text != blob {
		t.Errorf("a text without white space should be one piece, got %d", len(got))
	}
}
