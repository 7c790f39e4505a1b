package repair_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/repair"
	"github.com/pressroom-dev/pressroom/internal/segment/segmenttest"
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
	for _, s := range segmenttest.Fixtures(t) {
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
	testenv.Golden(t, filepath.Join(testenv.RepoRoot(), "testdata", "repair", "draft_golden.json"), got.Bytes(), *update)
}
