package segment_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

// suite is a sentence-boundary test suite: inputs as a user would pipe them
// into `pressroom segment --lang L`, and the segments a careful human wants.
type suite struct {
	Lang  string `json:"lang"`
	Cases []struct {
		Name string   `json:"name"`
		Text string   `json:"text"`
		Want []string `json:"want"`
	} `json:"cases"`
}

func loadSuite(t *testing.T, path string) suite {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s suite
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// segmentLikeCLI runs text through the same path as `pressroom segment`:
// the text importer, then SplitDocument, keeping each segment's plain text.
func segmentLikeCLI(lang, text string) ([]string, error) {
	doc, err := importer.Parse("text", []byte(text))
	if err != nil {
		return nil, err
	}
	var got []string
	for _, s := range segment.SplitDocument(lang, doc) {
		got = append(got, s.Text)
	}
	return got, nil
}

// runSuite returns the share of cases segmented exactly right and logs the
// others.
func runSuite(t *testing.T, s suite) float64 {
	t.Helper()
	right := 0
	for _, c := range s.Cases {
		got, err := segmentLikeCLI(s.Lang, c.Text)
		if err != nil {
			t.Errorf("%s %s: %v", s.Lang, c.Name, err)
			continue
		}
		if d := cmp.Diff(c.Want, got); d != "" {
			t.Logf("%s %s (-want +got):\n%s", s.Lang, c.Name, d)
			continue
		}
		right++
	}
	return float64(right) / float64(len(s.Cases))
}

// TestAccuracy holds the project's own hard-case tables (testdata/segment) to
// 100%: every case there is a rule the segmenter promises.
func TestAccuracy(t *testing.T) {
	paths, err := filepath.Glob("../../testdata/segment/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no suites in testdata/segment: %v", err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			s := loadSuite(t, p)
			if acc := runSuite(t, s); acc < 1 {
				t.Errorf("%s: %.1f%% of %d cases right, want 100%%", p, 100*acc, len(s.Cases))
			}
		})
	}
}

// TestExternalSuite measures suites kept outside the repository (for
// example a held-out public suite) listed in PRESSROOM_SEGMENT_SUITE,
// separated by commas, and holds them to the bars: 98% for English,
// 95% for other languages.
func TestExternalSuite(t *testing.T) {
	env := os.Getenv("PRESSROOM_SEGMENT_SUITE")
	if env == "" {
		t.Skip("PRESSROOM_SEGMENT_SUITE not set")
	}
	for _, p := range strings.Split(env, ",") {
		s := loadSuite(t, p)
		acc := runSuite(t, s)
		t.Logf("%s (%s): %.1f%% of %d cases right", p, s.Lang, 100*acc, len(s.Cases))
		bar := 0.95
		if s.Lang == "en" {
			bar = 0.98
		}
		if acc < bar {
			t.Errorf("%s: accuracy %.1f%% is below %.0f%%", p, 100*acc, 100*bar)
		}
	}
}
