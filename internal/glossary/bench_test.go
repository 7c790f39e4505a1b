package glossary

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// benchTerms is a glossary of n terms: real words first, then made-up ones
// so that the index is as large as a newsroom's.
func benchTerms(n int) []Term {
	real := []Term{
		term("union", Preferred, "union", "sindicato", false),
		term("strike", Preferred, "strike", "huelga", false),
		term("trump", DoNotTranslate, "Donald Trump", "", true),
		term("maduro", DoNotTranslate, "Nicolás Maduro", "", true),
		term("war", Forbidden, "war", "guerra santa", false),
	}
	out := append([]Term(nil), real...)
	for i := len(out); i < n; i++ {
		out = append(out, term(fmt.Sprint("t", i), Preferred, fmt.Sprintf("term%d word%d", i, i%97), fmt.Sprintf("término%d", i), false))
	}
	return out
}

func benchSentences(b *testing.B) []string {
	body, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", "glossary", "names_en.md"))
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, a := range append(testenv.Seeds(b), testenv.Article{Format: "markdown", Body: body}) {
		for _, s := range sentencesOf(b, a.Format, a.Body) {
			out = append(out, s.Text)
		}
	}
	return out
}

// BenchmarkHits: finding 2,000 terms in every sentence of the seed
// articles (one op = all sentences).
func BenchmarkHits(b *testing.B) {
	sents := benchSentences(b)
	m := NewMatcher("en", "es", benchTerms(2000))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			m.Hits(s)
		}
	}
	b.ReportMetric(float64(len(sents)), "sentences/op")
}

// BenchmarkCheck: Check of every sentence against a translation (the
// source itself) with 2,000 terms.
func BenchmarkCheck(b *testing.B) {
	sents := benchSentences(b)
	m := NewMatcher("en", "es", benchTerms(2000))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			m.Check(s, s)
		}
	}
}

// BenchmarkNewMatcher: compiling a 2,000-term glossary (done per batch).
func BenchmarkNewMatcher(b *testing.B) {
	terms := benchTerms(2000)
	for b.Loop() {
		NewMatcher("en", "es", terms)
	}
}

// BenchmarkFindNames: proposing names for the seed articles.
func BenchmarkFindNames(b *testing.B) {
	var all []Sentence
	for _, a := range testenv.Seeds(b) {
		all = append(all, sentencesOf(b, a.Format, a.Body)...)
	}
	for b.Loop() {
		FindNames("en", all)
	}
}
