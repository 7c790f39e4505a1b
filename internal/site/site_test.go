package site_test

import (
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/site"
	"github.com/pressroom-dev/pressroom/internal/store"
)

const base = "https://news.example"

// newSite serves a site over a fresh SQLite store holding one article with
// editions in four states: es and pt-BR published, fr unpublished, de never
// published.
func newSite(t *testing.T) (*httptest.Server, *store.Store, store.Article) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := st.Migrate(ctx, log); err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	a := store.Article{ID: store.NewID("art"), Slug: "port-strike", Title: "Port strike", SourceLang: "en",
		Targets: []string{"es", "pt-BR", "fr", "de"}, Revision: 1, Status: store.ArticleSegmented}
	if err := st.CreateArticle(ctx, &a, &store.Revision{ArticleID: a.ID, Revision: 1, Format: "text", Body: "Port strike.", Doc: "{}"}); err != nil {
		t.Fatal(err)
	}
	for _, ed := range []struct {
		lang, status string
		version      int
	}{
		{"es", store.EditionPublished, 1}, {"pt-BR", store.EditionPublished, 1}, {"fr", store.EditionUnpublished, 1}, {"de", store.EditionInReview, 0},
	} {
		e := store.Edition{ID: store.NewID("edn"), ArticleID: a.ID, Lang: ed.lang, Status: ed.status, Revision: 1, Version: ed.version}
		if err := st.CreateEdition(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if ed.version == 0 {
			continue
		}
		// Each page was rendered when it was published, alone: its
		// alternates are filled in when it is served.
		page := publish.Page{Lang: ed.lang, SourceLang: "en", Slug: a.Slug, Title: "Huelga <" + ed.lang + ">",
			URL: publish.PageURL(base, ed.lang, a.Slug), Version: 1,
			Blocks: []publish.Block{{Kind: "paragraph", Text: "Texto &amp; más."}}}
		out, err := publish.Render(page, bundle.Localizer(ed.lang))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutVersion(ctx, &store.EditionVersion{EditionID: e.ID, Version: 1, Revision: 1, Title: page.Title,
			HTML: out.HTML, Markdown: out.Markdown, JSON: out.JSON}); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	site.New(st, base, bundle, log).Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, st, a
}

func get(t *testing.T, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestPages(t *testing.T) {
	srv, _, _ := newSite(t)
	for _, tc := range []struct {
		path        string
		status      int
		contentType string
		has, hasNot []string
	}{
		{"/es/port-strike", 200, "text/html; charset=utf-8",
			[]string{`<link rel="alternate" hreflang="pt-BR" href="https://news.example/pt-BR/port-strike">`, "Texto &amp; más."},
			[]string{`hreflang="fr"`, `hreflang="de"`}},
		{"/pt-BR/port-strike", 200, "text/html; charset=utf-8",
			[]string{`hreflang="es" href="https://news.example/es/port-strike"`}, []string{`hreflang="fr"`}},
		{"/es/port-strike?format=markdown", 200, "text/markdown; charset=utf-8", []string{"Texto & más."}, nil},
		{"/es/port-strike?format=json", 200, "application/json; charset=utf-8", []string{`"lang": "es"`}, nil},
		{"/fr/port-strike", 410, "text/html; charset=utf-8", []string{"withdrawn", `<html lang="fr">`}, nil},
		{"/es/port-strike?format=json", 200, "application/json; charset=utf-8",
			[]string{`"alternates": [`, `"lang": "pt-BR"`, `"url": "https://news.example/pt-BR/port-strike"`}, nil},
		{"/es/port-strike?format=xml", 406, "application/json; charset=utf-8", []string{`"code":"unknown_format"`}, nil},
		{"/es/", 200, "text/html; charset=utf-8", []string{`<a href="https://news.example/es/port-strike">Huelga &lt;es&gt;</a>`}, nil},
		{"/fr/", 200, "text/html; charset=utf-8", nil, []string{"port-strike"}},
		{"/xx/", 404, "", nil, nil},
		{"/xx/feed.atom", 404, "", nil, nil},
		{"/xx/feed.json", 404, "", nil, nil},
		{"/de/port-strike", 404, "", nil, nil},
		{"/it/port-strike", 404, "", nil, nil},
		{"/es/no-such-article", 404, "", nil, nil},
	} {
		resp, body := get(t, srv.URL+tc.path, nil)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: %s, want %d", tc.path, resp.Status, tc.status)
			continue
		}
		if tc.contentType != "" && resp.Header.Get("Content-Type") != tc.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, resp.Header.Get("Content-Type"), tc.contentType)
		}
		for _, s := range tc.has {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %q:\n%s", tc.path, s, body)
			}
		}
		for _, s := range tc.hasNot {
			if strings.Contains(body, s) {
				t.Errorf("%s has %q:\n%s", tc.path, s, body)
			}
		}
	}
}

// TestETag: a page's ETag changes when its alternates do, so a cached page
// learns about an edition published or withdrawn after it.
func TestETag(t *testing.T) {
	srv, st, a := newSite(t)
	resp, _ := get(t, srv.URL+"/es/port-strike", nil)
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Content-Language") != "es" {
		t.Fatalf("headers: %v", resp.Header)
	}
	if resp, _ := get(t, srv.URL+"/es/port-strike", http.Header{"If-None-Match": {etag}}); resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %s, want 304", resp.Status)
	}
	pt, err := st.GetEditionByLang(context.Background(), a.ID, "pt-BR")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetEditionStatus(context.Background(), pt.ID, store.EditionUnpublished, store.EditionPublished); err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, srv.URL+"/es/port-strike", http.Header{"If-None-Match": {etag}})
	if resp.StatusCode != http.StatusOK || strings.Contains(body, `hreflang="pt-BR"`) {
		t.Errorf("after pt-BR was withdrawn: %s, still links it: %v", resp.Status, strings.Contains(body, `hreflang="pt-BR"`))
	}
}

func TestFeed(t *testing.T) {
	srv, _, _ := newSite(t)
	resp, body := get(t, srv.URL+"/es/feed.atom", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("feed: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	var f struct {
		Lang  string `xml:"lang,attr"`
		ID    string `xml:"id"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID    string `xml:"id"`
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("feed is not XML: %v\n%s", err, body)
	}
	type entry struct{ ID, Title string }
	var got []entry
	for _, e := range f.Entries {
		got = append(got, entry{e.ID, e.Title})
	}
	if d := cmp.Diff([]entry{{publish.PageURL(base, "es", "port-strike"), "Huelga <es>"}}, got); d != "" {
		t.Errorf("entries (-want +got):\n%s", d)
	}
	if f.ID != publish.FeedURL(base, "es") || len(f.Links) != 2 || f.Links[0].Rel != "self" || f.Links[0].Href != f.ID || f.Lang != "es" {
		t.Errorf("feed id %q, links %+v, lang %q", f.ID, f.Links, f.Lang)
	}
	// The withdrawn French edition is not in its feed.
	if _, body := get(t, srv.URL+"/fr/feed.atom", nil); strings.Contains(body, "<entry>") {
		t.Errorf("fr feed lists the unpublished edition:\n%s", body)
	}
}

// TestXDefaultAgrees: an article without an original address names the
// same x-default on every page of its cluster (it named each page itself),
// always a live page, exactly once.
func TestXDefaultAgrees(t *testing.T) {
	srv, st, a := newSite(t)
	xDefaults := func() map[string][]string {
		out := map[string][]string{}
		for _, lang := range []string{"es", "pt-BR"} {
			resp, body := get(t, srv.URL+"/"+lang+"/port-strike", nil)
			if resp.StatusCode != http.StatusOK {
				continue
			}
			for _, m := range xDefaultRE.FindAllStringSubmatch(body, -1) {
				out[lang] = append(out[lang], m[1])
			}
		}
		return out
	}
	es := publish.PageURL(base, "es", "port-strike")
	pt := publish.PageURL(base, "pt-BR", "port-strike")
	if d := cmp.Diff(map[string][]string{"es": {es}, "pt-BR": {es}}, xDefaults()); d != "" {
		t.Errorf("x-default per page, both live (-want +got):\n%s", d)
	}
	e, err := st.GetEditionByLang(context.Background(), a.ID, "es")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetEditionStatus(context.Background(), e.ID, store.EditionUnpublished, store.EditionPublished); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string][]string{"pt-BR": {pt}}, xDefaults()); d != "" {
		t.Errorf("x-default per page, es withdrawn (-want +got):\n%s", d)
	}
}

var xDefaultRE = regexp.MustCompile(`<link rel="alternate" hreflang="x-default" href="([^"]*)">`)
