// Package segmenttest gives tests the English segments of the repository's
// own article fixtures (testdata only, never ../shared, so the answers do
// not depend on the machine), for the golden tests of the checks and the
// draft repair; tests only.
package segmenttest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// Fixtures imports and segments every fixture article, in order.
func Fixtures(t testing.TB) []segment.Segment {
	t.Helper()
	var out []segment.Segment
	for _, f := range testenv.FixtureArticles() {
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
		out = append(out, segment.SplitDocument("en", doc)...)
	}
	return out
}
