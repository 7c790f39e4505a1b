package pipeline_test

import (
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
)

// seedDir holds the project's shared seeds next to a checkout (PRESSROOM_SEEDS
// overrides it, e.g. with a missing directory to exercise the fixtures).
var seedDir = cmp.Or(os.Getenv("PRESSROOM_SEEDS"), "../../../shared/seeds")

// seedOrFixture reads a shared seed article when ../shared/seeds exists
// next to the checkout, else the fixture of the same shape in testdata.
func seedOrFixture(t *testing.T, seed, fixture string) string {
	t.Helper()
	if paths, _ := filepath.Glob(filepath.Join(seedDir, seed)); len(paths) > 0 {
		b, err := os.ReadFile(paths[0])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	b, err := os.ReadFile(filepath.Join("../../testdata/importer", fixture))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHeadlines(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	seed000 := seedOrFixture(t, "000_*.txt", "article.txt")
	seed004 := seedOrFixture(t, "004_*.txt", "scraped.md")
	tests := []struct {
		name         string
		in           pipeline.ArticleInput
		title, slug  string // slug: prefix
		missing      bool
		firstSegment string
	}{
		{"scraped text: the line after the date", pipeline.ArticleInput{Format: "text", Body: seed000},
			headlineOf(seed000), "", false, headlineOf(seed000)},
		{"no headline: the first sentence, whole", pipeline.ArticleInput{Format: "markdown", Body: seed004},
			firstSentenceOf(seed004), "", true, firstSentenceOf(seed004)},
		{"explicit title wins", pipeline.ArticleInput{Format: "text", Title: "Port strike ends", Body: "Harbour reopens\n\nThe harbour reopened."},
			"Port strike ends", "port-strike-ends", false, "Port strike ends"},
		{"markdown level-1 heading", pipeline.ArticleInput{Format: "markdown", Body: "# Harbour reopens\n\nThe harbour reopened.\n\n# Later"},
			"Harbour reopens", "harbour-reopens", false, "Harbour reopens"},
		{"html h1 before title", pipeline.ArticleInput{Format: "html", Body: "<title>Site | Harbour</title><p>Intro.</p><h1>Harbour news</h1><p>Body.</p>"},
			"Harbour news", "harbour-news", false, "Intro."},
		{"html author meta is the byline", pipeline.ArticleInput{Format: "html", Body: `<html><head><meta name="author" content="Jane  Doe"><title>T</title></head><body><h1>Harbour opens</h1><p>Body.</p></body></html>`},
			"Harbour opens", "harbour-opens", false, "Harbour opens"},
		{"html title when no h1", pipeline.ArticleInput{Format: "html", Body: "<title>Harbour closes</title><h2>Section</h2><p>Body.</p>"},
			"Harbour closes", "harbour-closes", false, "Harbour closes"},
		{"a section heading further down is not the title", pipeline.ArticleInput{Format: "text", Body: "The harbour reopened on Monday.\n\nWhat next\n\nMore later."},
			"The harbour reopened on Monday.", "the-harbour-reopened", true, "The harbour reopened on Monday."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := w.p.Ingest(ctx, editor.ID, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(tt.name, "author") && a.Byline != "Jane Doe" {
				t.Errorf("byline %q, want Jane Doe", a.Byline)
			}
			if a.Title != tt.title || a.HeadlineMissing != tt.missing || !strings.HasPrefix(a.Slug, tt.slug) {
				t.Errorf("title, missing, slug = %q, %v, %q; want %q, %v, %s…", a.Title, a.HeadlineMissing, a.Slug, tt.title, tt.missing, tt.slug)
			}
			got, err := w.st.GetArticle(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.title || got.HeadlineMissing != tt.missing {
				t.Errorf("stored title, missing = %q, %v", got.Title, got.HeadlineMissing)
			}
			if err := w.p.SegmentArticle(ctx, a.ID, a.Revision); err != nil {
				t.Fatal(err)
			}
			e := w.editions(t, a.ID)["es"]
			if segs := w.segments(t, e); len(segs) == 0 || inline.Plain(segs[0].Source) != tt.firstSegment {
				t.Errorf("first segment = %q, want %q (the headline is a segment of its own)", inline.Plain(segs[0].Source), tt.firstSegment)
			}
		})
	}
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// headlineOf is the rest of a scraped "date YYYY-MM-DD Headline." line.
func headlineOf(body string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	return strings.TrimSuffix(strings.TrimSpace(line[len("date 2026-01-29"):]), ".")
}

// firstSentenceOf is the text up to the first ". " followed by a capital
// after the first 100 characters (true of both shapes used here).
func firstSentenceOf(body string) string {
	line, _, _ := strings.Cut(body, "\n")
	line = mdLink.ReplaceAllString(line, "$1")
	i := strings.Index(line[100:], ". ")
	return line[:100+i+1]
}

func TestDuplicateContent(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	in := pipeline.ArticleInput{Format: "markdown", Body: "# Port strike\n\nThe workers struck."}
	first, err := w.p.Ingest(ctx, editor.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.p.Ingest(ctx, editor.ID, in)
	if !errors.Is(err, derrors.Conflict) || derrors.Code(err) != "duplicate_article" {
		t.Fatalf("second ingest: %v, want duplicate_article conflict", err)
	}
	if d := derrors.As(err).Detail.(map[string]any); d["article_id"] != first.ID {
		t.Errorf("detail = %v, want article_id %s", d, first.ID)
	}
	list, err := w.st.ListArticles(ctx, "", 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("articles after the refused duplicate: %d, %v", len(list), err)
	}
	in.AllowDuplicate = true
	second, err := w.p.Ingest(ctx, editor.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID == first.ID || second.Slug == first.Slug {
		t.Errorf("allow_duplicate made %s %s; want a new article", second.ID, second.Slug)
	}
	in.AllowDuplicate, in.Body = false, in.Body+"\n\nOne more sentence."
	if _, err := w.p.Ingest(ctx, editor.ID, in); err != nil {
		t.Errorf("different content: %v", err)
	}
}

// TestDuplicateOfCorrectedContent: after a correction, sending the
// corrected text again is a duplicate of the corrected article (it made a
// second article with a -2 slug), and the superseded text is not.
func TestDuplicateOfCorrectedContent(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	v1 := pipeline.ArticleInput{Format: "markdown", Body: "# Bridge repairs\n\nThe council voted 23 to 4."}
	v2 := pipeline.ArticleInput{Format: "markdown", Body: "# Bridge repairs\n\nThe council voted 22 to 5."}
	a, err := w.p.Ingest(ctx, editor.ID, v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.p.Correct(ctx, editor.ID, a.ID, v2); err != nil {
		t.Fatal(err)
	}
	_, err = w.p.Ingest(ctx, editor.ID, v2)
	if derrors.Code(err) != "duplicate_article" {
		t.Fatalf("ingesting the corrected text: %v, want duplicate_article", err)
	}
	if d := derrors.As(err).Detail.(map[string]any); d["article_id"] != a.ID {
		t.Errorf("detail = %v, want article_id %s", d, a.ID)
	}
	if _, err := w.p.Ingest(ctx, editor.ID, v1); err != nil {
		t.Errorf("ingesting the superseded text: %v, want a new article", err)
	}
}

// TestBylineUnderExplicitTitle: a body that opens with its author line,
// sent with an explicit title (as a CMS does), gets that line as the
// byline, as when the headline is in the body; it is not a segment to
// translate.
func TestBylineUnderExplicitTitle(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	tests := []struct {
		name   string
		in     pipeline.ArticleInput
		byline string
		first  []string // the first segments
	}{
		{"text", pipeline.ArticleInput{Format: "text", Title: "Dock workers strike",
			Body: "By Joaquín Pérez-Ortúzar\n\nAround 2,800 dock workers walked out.\n\nTalks broke down."},
			"Joaquín Pérez-Ortúzar", []string{"Dock workers strike", "Around 2,800 dock workers walked out."}},
		{"markdown", pipeline.ArticleInput{Format: "markdown", Title: "Heatwave in Lisbon",
			Body: "By Inês Gonçalves\n\nDemand reached a *record*.\n\nMore later."},
			"Inês Gonçalves", []string{"Heatwave in Lisbon", "Demand reached a record."}},
		{"a first sentence starting with By stays", pipeline.ArticleInput{Format: "text", Title: "Prices",
			Body: "By Monday, prices had doubled.\n\nShops closed."},
			"", []string{"Prices", "By Monday, prices had doubled."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := w.p.Ingest(ctx, editor.ID, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := w.st.GetArticle(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Byline != tt.byline {
				t.Errorf("byline %q, want %q", got.Byline, tt.byline)
			}
			if err := w.p.SegmentArticle(ctx, a.ID, a.Revision); err != nil {
				t.Fatal(err)
			}
			var first []string
			for _, s := range w.segments(t, w.editions(t, a.ID)["es"])[:len(tt.first)] {
				first = append(first, inline.Plain(s.Source))
			}
			if d := gocmp.Diff(tt.first, first); d != "" {
				t.Errorf("first segments (-want +got):\n%s", d)
			}
		})
	}
}
