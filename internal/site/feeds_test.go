package site_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestFeedsParse reads both feeds with a real feed parser and checks what
// RFC 4287 and JSON Feed 1.1 ask of every entry.
func TestFeedsParse(t *testing.T) {
	srv, _, _ := newSite(t)
	for _, path := range []string{"/es/feed.atom", "/es/feed.json"} {
		resp, body := get(t, srv.URL+path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, resp.Status)
		}
		f, err := gofeed.NewParser().ParseString(body)
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", path, err, body)
		}
		if f.Title == "" || f.Language != "es" || f.UpdatedParsed == nil && path == "/es/feed.atom" || len(f.Authors) == 0 {
			t.Errorf("%s: title %q, language %q, updated %v, authors %v", path, f.Title, f.Language, f.UpdatedParsed, f.Authors)
		}
		if len(f.Items) != 1 {
			t.Fatalf("%s: %d items, want 1", path, len(f.Items))
		}
		it := f.Items[0]
		if it.Title != "Huelga <es>" || it.Link != base+"/es/port-strike" || it.PublishedParsed == nil || it.UpdatedParsed == nil ||
			it.Description == "" || !strings.Contains(it.Content, "Texto &amp; más.") {
			t.Errorf("%s item: %+v", path, it)
		}
		if path == "/es/feed.atom" && (len(it.Authors) == 0 || it.Authors[0].Name == "") {
			t.Errorf("atom entry without an author: %+v", it.Authors)
		}
	}
}

// TestGoneIsLocalised: a withdrawn Spanish edition answers 410 with a page
// in Spanish.
func TestGoneIsLocalised(t *testing.T) {
	srv, st, a := newSite(t)
	es, err := st.GetEditionByLang(context.Background(), a.ID, "es")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetEditionStatus(context.Background(), es.ID, "unpublished", es.Status); err != nil {
		t.Fatal(err)
	}
	bundle, _ := i18n.New()
	want := bundle.Localizer("es").T("PageUnpublished")
	resp, body := get(t, srv.URL+"/es/port-strike", nil)
	if resp.StatusCode != http.StatusGone || !strings.Contains(body, want) || !strings.Contains(body, `<html lang="es">`) {
		t.Errorf("%s, want 410 with %q:\n%s", resp.Status, want, body)
	}
}

// TestFeedContentLayout: a feed entry's content is the body laid out as on
// the page — lists (bulleted and numbered, nested) and captions kept — not
// every block turned into a paragraph.
func TestFeedContentLayout(t *testing.T) {
	srv, st, a := newSite(t)
	ctx := context.Background()
	es, err := st.GetEditionByLang(ctx, a.ID, "es")
	if err != nil {
		t.Fatal(err)
	}
	blocks := []publish.Block{
		{Kind: "heading", Level: 2, Text: "Qué pide"},
		{Kind: "list_item", Level: 1, Text: "salarios;"},
		{Kind: "list_item", Level: 2, Text: "con <1>índice</1>;", Tags: []inline.Tag{{ID: 1, Name: "em", Paired: true}}},
		{Kind: "list_item", Level: 1, Text: "empleo."},
		{Kind: "paragraph", Text: "Pasos:"},
		{Kind: "list_item", Level: 1, Ordered: true, Text: "votar;"},
		{Kind: "list_item", Level: 1, Ordered: true, Text: "parar."},
		{Kind: "quote", Text: "\"No\", dijo."},
		{Kind: "caption", Text: "Foto: Renée."},
	}
	page := publish.Page{Lang: "es", SourceLang: "en", Slug: a.Slug, Title: "Huelga", URL: publish.PageURL(base, "es", a.Slug),
		Version: 2, Blocks: blocks}
	bundle, _ := i18n.New()
	out, err := publish.Render(page, bundle.Localizer("es"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutVersion(ctx, &store.EditionVersion{EditionID: es.ID, Version: 2, Revision: 1, Title: page.Title,
		HTML: out.HTML, Markdown: out.Markdown, JSON: out.JSON}); err != nil {
		t.Fatal(err)
	}
	want, err := publish.BodyHTML(blocks)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/es/feed.atom", "/es/feed.json"} {
		_, body := get(t, srv.URL+path, nil)
		f, err := gofeed.NewParser().ParseString(body)
		if err != nil || len(f.Items) != 1 {
			t.Fatalf("%s: %v, %d items", path, err, len(f.Items))
		}
		if d := cmp.Diff(want, f.Items[0].Content); d != "" {
			t.Errorf("%s content (-page body +feed):\n%s", path, d)
		}
	}
}
