package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

// seedDir is where the project's shared seed articles live next to a
// checkout; a fresh clone does not have it and the test is skipped (the
// fixtures in testdata/importer have the same shapes).
const seedDir = "../../../shared/seeds"

func readSeed(t *testing.T, pattern string) []byte {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(seedDir, pattern))
	if len(paths) == 0 {
		t.Skipf("no %s in %s", pattern, seedDir)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSeedPlainText(t *testing.T) {
	doc, err := importer.Parse("text", readSeed(t, "000_*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	if doc.Date != "2026-01-29" {
		t.Errorf("date = %q, want 2026-01-29", doc.Date)
	}
	const headline = "2026 has begun with US imperialism on the offensive"
	if got := doc.Blocks[0]; got.Kind != document.Heading || got.Level != 1 || got.Text != headline {
		t.Errorf("first block = %+v, want the headline after the date", got)
	}
	if doc.Title != headline {
		t.Errorf("title = %q, want %q (never a section heading further down)", doc.Title, headline)
	}
	if got := doc.Blocks[1]; got.Kind != document.Paragraph || !strings.HasPrefix(got.Text, "The reactionary juggernaut") {
		t.Errorf("second block = %+v, want the body", got)
	}
	var headings []string
	for _, b := range doc.Blocks {
		if b.Kind == document.Heading {
			headings = append(headings, b.Text)
		}
	}
	for _, h := range []string{"More blood for oil", "What next for Venezuela?", "Greenland – the 51st state?", "Latin America is no one’s back yard! Oppose all imperialism"} {
		if !contains(headings, h) {
			t.Errorf("heading %q not found among %q", h, headings)
		}
	}
	checkSeedSegments(t, doc)
	for _, s := range segment.SplitDocument("en", doc) {
		if strings.Contains(s.Text, "You can talk") && !strings.Contains(s.Text, "iron laws of the world") {
			t.Errorf("Stephen Miller's quotation is split: %q", s.Text)
		}
	}
}

func TestSeedScrapedMarkdown(t *testing.T) {
	doc, err := importer.Parse("markdown", readSeed(t, "004_*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	if doc.Title != "" {
		t.Errorf("title = %q; seed 004 has no headline", doc.Title)
	}
	if len(doc.Blocks) < 20 {
		t.Errorf("got %d blocks, want one per line (≥ 20)", len(doc.Blocks))
	}
	links := 0
	for _, b := range doc.Blocks {
		for _, tag := range b.Tags {
			if tag.Name == "a" {
				links++
				if tag.Attrs["href"] == "" || strings.Contains(b.Text, tag.Attrs["href"]) {
					t.Errorf("link %+v: URL must be an attribute only (block %q)", tag, b.Text)
				}
			}
		}
		if strings.Contains(b.Text, "](") {
			t.Errorf("Markdown link left as text: %q", b.Text)
		}
	}
	if links != 3 {
		t.Errorf("got %d links, want 3", links)
	}
	checkSeedSegments(t, doc)
}

// checkSeedSegments asserts that no segment ends inside "U.S." or starts
// with a lower-case word (a sign of a bad split).
func checkSeedSegments(t *testing.T, doc document.Document) {
	t.Helper()
	for _, s := range segment.SplitDocument("en", doc) {
		plain := inline.Plain(s.Tagged)
		if strings.HasSuffix(plain, "U.S.") || strings.HasSuffix(plain, " Dr.") {
			t.Errorf("segment ends at an abbreviation: %q", plain)
		}
		if r := []rune(plain); len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
			t.Errorf("segment starts in lower case: %q", plain)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
