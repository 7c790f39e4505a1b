package repair_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/repair"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

var update = flag.Bool("update", false, "rewrite testdata/repair/draft_golden.json")

// TestDraftGolden pins every repair and note of Draft on the fixtures'
// segments (testdata only, never ../shared) with drafts of the shapes the
// pipeline sees and the defects repair fixes: pseudo-localised, copied,
// glued, numbers kept English, stops doubled, quotation marks moved, marks
// dropped. An optimisation must not change one; rewrite the file with
// -update only when a repair is meant to change.
func TestDraftGolden(t *testing.T) {
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	n := 0
	for _, f := range []string{"articles/links.md", "articles/plain.txt", "repair/drafts_en.txt", "translate/article_en.txt", "translate/typography_en.txt"} {
		body, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		format := "text"
		if strings.HasSuffix(f, ".md") {
			format = "markdown"
		}
		doc, err := importer.Parse(format, body)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segment.SplitDocument("en", doc) {
			src := s.Tagged
			targets := []string{
				translate.Pseudolocalize(src),
				src,
				strings.Replace(src, " ", "", 3),
				strings.Replace(strings.Replace(src, " of ", " deOf", 1), " a ", " para4.5 ", 1),
				strings.Replace(src, ".", "..", 1),
				strings.NewReplacer("“", "", "”", "", "?", "", "!", "").Replace(src),
				strings.Replace(strings.Replace(src, "“", "", 1), " ", " “", 2),
				"Qué " + strings.ToLower(src),
			}
			for _, to := range []string{"es", "pt-BR"} {
				for _, tgt := range targets {
					out, notes := repair.Draft("en", to, src, tgt)
					if err := enc.Encode([]any{n, to, out, notes}); err != nil {
						t.Fatal(err)
					}
					n++
				}
			}
		}
	}
	path := filepath.Join(testenv.RepoRoot(), "testdata", "repair", "draft_golden.json")
	if *update {
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got.String(), "\n")); diff != "" {
		t.Errorf("repairs changed (-want +got):\n%s", diff)
	}
}
