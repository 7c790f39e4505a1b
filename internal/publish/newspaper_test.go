package publish_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/publish"
)

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestNewspaperPage renders a Spanish and a Portuguese page, versions 1
// and 2, and checks what a reader and a crawler see.
func TestNewspaperPage(t *testing.T) {
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2026, 1, 30, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang, date, translated, notice, byline string
		version                                int
	}{
		{"es", "29 de enero de 2026", "Traducido del inglés", "", "Por Jane Doe y Tomás Ibáñez", 1},
		{"es", "29 de enero de 2026", "Traducido del inglés", "Corregido el 2 de febrero de 2026", "Por Jane Doe y Tomás Ibáñez", 2},
		{"pt-BR", "29 de janeiro de 2026", "Traduzido do inglês", "Corrigido em 2 de fevereiro de 2026", "Por Jane Doe e Tomás Ibáñez", 2},
	} {
		p := publish.Page{Lang: tc.lang, SourceLang: "en", Slug: "s", Title: "Huelga </script> portuaria", URL: "https://x/" + tc.lang + "/s",
			CanonicalURL: "https://orig.example/s", Version: tc.version, PublishedAt: first, FirstPublishedAt: first,
			OriginalDate: "2026-01-29", Byline: "Jane Doe and Tomás Ibáñez",
			Blocks: []publish.Block{{Kind: "paragraph", Text: "Los estibadores pararon."}}}
		if tc.version == 2 {
			p.PublishedAt = time.Date(2026, 2, 2, 12, 0, 0, 0, time.UTC)
		}
		out, err := publish.Render(p, bundle.Localizer(tc.lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{tc.date, `<a href="https://orig.example/s" hreflang="en" rel="original">` + tc.translated + `</a>`,
			"<h1>Huelga &lt;/script&gt; portuaria</h1>", tc.byline, `hreflang="x-default" href="https://orig.example/s"`,
			`<meta property="og:title" content="Huelga &lt;/script&gt; portuaria">`} {
			if !strings.Contains(out.HTML, want) {
				t.Errorf("%s v%d lacks %q", tc.lang, tc.version, want)
			}
		}
		if hasNotice := strings.Contains(out.HTML, `class="correction"`); hasNotice != (tc.notice != "") || !strings.Contains(out.HTML, tc.notice) {
			t.Errorf("%s v%d: correction notice %v, want %q", tc.lang, tc.version, hasNotice, tc.notice)
		}
		m := ldRE.FindStringSubmatch(out.HTML)
		if m == nil {
			t.Fatalf("no JSON-LD")
		}
		var ld struct {
			Type       string `json:"@type"`
			Headline   string `json:"headline"`
			InLanguage string `json:"inLanguage"`
			Modified   string `json:"dateModified"`
			Orig       struct {
				URL        string `json:"url"`
				InLanguage string `json:"inLanguage"`
			} `json:"translationOfWork"`
		}
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatalf("JSON-LD: %v\n%s", err, m[1])
		}
		if ld.Type != "NewsArticle" || ld.Headline != p.Title || ld.InLanguage != tc.lang || ld.Orig.URL != p.CanonicalURL || ld.Orig.InLanguage != "en" ||
			ld.Modified != p.PublishedAt.Format(time.RFC3339) {
			t.Errorf("JSON-LD %+v", ld)
		}
		if strings.Contains(m[1], "</script>") {
			t.Error("JSON-LD can close its script element")
		}
		if !strings.HasPrefix(out.Markdown, "---\ntitle: \"Huelga </script> portuaria\"\n") || !strings.Contains(out.Markdown, "\noriginal: \"https://orig.example/s\"\n") {
			t.Errorf("markdown front matter:\n%s", out.Markdown)
		}
	}
}
