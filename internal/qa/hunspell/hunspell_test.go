package hunspell_test

import (
	"context"
	"os/exec"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/qa/hunspell"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

func speller(t *testing.T, pipeMode ...bool) *hunspell.Speller {
	t.Helper()
	if _, err := exec.LookPath("hunspell"); err != nil {
		testenv.Require(t, "hunspell", "apt-get install hunspell hunspell-es hunspell-pt-br")
	}
	s, err := hunspell.New(hunspell.Options{PerDictionary: 2, PipeMode: len(pipeMode) > 0 && pipeMode[0]})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, l := range []string{"es", "pt-BR"} {
		if !s.Has(l) {
			testenv.Require(t, "hunspell dictionary "+l, "apt-get install hunspell-es hunspell-pt-br")
		}
	}
	return s
}

func TestMisspelt(t *testing.T) {
	for _, mode := range []string{"list", "pipe"} {
		t.Run(mode, func(t *testing.T) { testMisspelt(t, speller(t, mode == "pipe")) })
	}
}

func testMisspelt(t *testing.T, s *hunspell.Speller) {
	ctx := context.Background()
	for _, tc := range []struct {
		lang  string
		words []string
		want  []string
	}{
		{"es", []string{"La", "guerra", "contra", "Venezuela", "juggernaut", "ataqe", "guerra"}, []string{"juggernaut", "ataqe"}},
		{"pt-BR", []string{"O", "reaccionario", "reacionário", "mudou-se", "governo", "gobierno"}, []string{"reaccionario", "gobierno"}},
		{"es", nil, nil},
	} {
		got, err := s.Misspelt(ctx, tc.lang, tc.words)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s %v (-want +got):\n%s", tc.lang, tc.words, d)
		}
	}
	if _, err := s.Misspelt(ctx, "xx", []string{"a"}); err == nil {
		t.Error("no error for a language without a dictionary")
	}
}

// TestConcurrent runs many checks at once through a pool of two processes
// per dictionary; answers must not mix up.
func TestConcurrent(t *testing.T) {
	s := speller(t)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			word := []string{"ataqe", "peroo", "casaa", "mundoo"}[i%4]
			got, err := s.Misspelt(context.Background(), "es", []string{"casa", word, "perro"})
			if err != nil || len(got) != 1 || got[0] != word {
				errs <- word + ": " + cmp.Diff([]string{word}, got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func hits(fs []qa.Finding, codes ...string) []string {
	var out []string
	for _, f := range fs {
		for _, c := range codes {
			if f.Code == c {
				out = append(out, f.Code+":"+f.Args["word"])
			}
		}
	}
	return out
}

// TestChecksWithSpeller runs the word checks with the dictionaries: typos
// are warnings; names, glossary terms and correct sentences are not.
func TestChecksWithSpeller(t *testing.T) {
	c := qa.New(qa.Config{}, qa.WithSpeller(speller(t)))
	terms := []qa.Term{{Source: "Climate Vanguard", Kind: qa.TermDoNotTranslate}, {Source: "narco-state", Target: "narcoestado", Kind: qa.TermPreferred}}
	for _, tc := range []struct {
		name, to, src, tgt string
		want               []string
	}{
		{"typo", "es", "The attack was meant to intimidate.", "El ataqe pretendía intimidar.", []string{"spelling:ataqe"}},
		{"names are not checked", "es", "Delcy Rodriguez met Qiu Xiaoqi.", "Delcy Rodriguez se reunió con Qiu Xiaoqi.", nil},
		{"glossary terms are not checked", "es", "Climate Vanguard calls it a narco-state.", "Climate Vanguard lo llama narcoestado.", nil},
		{"untranslated word", "es", "Some offered mumbling half-criticisms.", "Algunos ofrecieron mumbling medias críticas.",
			[]string{"untranslated_word:mumbling"}},
		{"cognate is fine", "es", "Total opposition to the aggression.", "Oposición total a la agresión.", nil},
		{"Spanish leftover in Portuguese", "pt-BR", "The attack was planned by the government.", "O ataque foi planejado pelo gobierno.",
			[]string{"spanish_word:gobierno", "spelling:gobierno"}},
		{"correct Spanish", "es", "Trump’s war on Venezuela also opens up a new chapter for Latin America.",
			"La guerra de Trump contra Venezuela también abre un nuevo capítulo para América Latina.", nil},
		{"correct Portuguese", "pt-BR", "Even before Trump’s campaign of intimidation had begun, Maduro’s policy was one of retreat on all fronts.",
			"Mesmo antes de a campanha de intimidação de Trump começar, a política de Maduro era de recuo em todas as frentes.", nil},
	} {
		fs := c.Check(context.Background(), qa.Segment{From: "en", To: tc.to, Source: inline.Escape(tc.src), Target: inline.Escape(tc.tgt), Terms: terms})
		if d := cmp.Diff(tc.want, hits(fs, qa.CodeSpelling, qa.CodeUntranslated, qa.CodeSpanishInPortuguese)); d != "" {
			t.Errorf("%s: %q (-want +got):\n%s", tc.name, tc.tgt, d)
		}
	}
}
