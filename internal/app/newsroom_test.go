package app_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// seedDir holds the shared seeds next to a checkout; PRESSROOM_SEEDS
// overrides it (a missing directory exercises the testdata fixtures).
var seedDir = cmp.Or(os.Getenv("PRESSROOM_SEEDS"), "../../../shared/seeds")

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

type newsArticle struct {
	article
	Title           string `json:"title"`
	HeadlineMissing bool   `json:"headline_missing"`
	PublishedAt     string `json:"published_at"`
}

// TestNewsroomEndToEnd: both seeds get their right headlines; seed 000 is
// published in Spanish and Portuguese, corrected (one sentence changed, one
// added, one removed), only those go back to review, version 2 differs
// exactly there and carries the localised correction notice; the index and
// both feeds show the update; pages parse as HTML and every hreflang link
// resolves.
func TestNewsroomEndToEnd(t *testing.T) {
	original := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "original") }))
	t.Cleanup(original.Close)
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}

	body := seedOrFixture(t, "000_*.txt", "article.txt")
	firstLine, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	wantHeadline := strings.TrimSuffix(strings.TrimSpace(firstLine[len("date 2026-01-29"):]), ".")
	var art newsArticle
	if code, raw := editor.do("POST", "/api/v1/articles", map[string]any{"body": body, "format": "text",
		"targets": []string{"es", "pt-BR"}, "canonical_url": original.URL + "/original"}, &art); code != 202 {
		t.Fatalf("ingest 000: %d %s", code, raw)
	}
	if art.Title != wantHeadline || art.HeadlineMissing {
		t.Errorf("000: title %q (missing %v), want %q", art.Title, art.HeadlineMissing, wantHeadline)
	}
	var art4 newsArticle
	body4 := seedOrFixture(t, "004_*.txt", "scraped.md")
	if code, raw := editor.do("POST", "/api/v1/articles", map[string]any{"body": body4, "format": "markdown", "targets": []string{"es"}}, &art4); code != 202 {
		t.Fatalf("ingest 004: %d %s", code, raw)
	}
	if !art4.HeadlineMissing || !strings.HasSuffix(art4.Title, ".") || len([]rune(art4.Title)) < 100 || strings.HasSuffix(art4.Title, "…") {
		t.Errorf("004: title %q (missing %v), want its whole first sentence, marked", art4.Title, art4.HeadlineMissing)
	}

	full := editor.waitEditions2(art.ID, 2, "in_review")
	eds := map[string]edition{}
	for _, e := range full.Editions {
		eds[e.Lang] = e
	}
	es := eds["es"]
	segs1 := editor.segments(es.ID)
	if inline.Plain(segs1[0].Source) != wantHeadline {
		t.Errorf("first segment %q, want the headline", segs1[0].Source)
	}
	for _, e := range full.Editions {
		approveAll(t, editor, e.ID)
		editor.waitEdition(e.ID, "approved")
		if code, raw := editor.do("POST", "/api/v1/editions/"+e.ID+"/publish", nil, nil); code != 202 {
			t.Fatalf("publish: %d %s", code, raw)
		}
		editor.waitEdition(e.ID, "published")
	}
	page := a.URL() + "/es/" + full.Slug
	v1 := fetchJSONPage(t, page)

	// The correction: pick three sentences of different paragraphs that
	// are plain prose.
	var picks []segmentView
	used := map[int]bool{}
	for i, s := range segs1[1:] {
		plain := inline.Plain(s.Source)
		if i == 0 || strings.ContainsAny(s.Source, "<&") || len(plain) < 40 || !strings.Contains(body, " "+plain) || used[paragraphOf(body, plain)] {
			continue
		}
		used[paragraphOf(body, plain)] = true
		picks = append(picks, s)
		if len(picks) == 3 {
			break
		}
	}
	if len(picks) < 3 {
		t.Fatalf("no three plain sentences to correct in %d segments", len(segs1))
	}
	changed, removed, anchor := inline.Plain(picks[0].Source), inline.Plain(picks[1].Source), inline.Plain(picks[2].Source)
	changedTo := strings.Replace(changed, " ", " indeed ", 1)
	t.Logf("000 %q; 004 %q; changing %q, removing %q, adding after %q", art.Title, art4.Title, changed, removed, anchor)
	const added = "This sentence was added in the correction."
	corrected := strings.Replace(body, changed, changedTo, 1)
	corrected = strings.Replace(corrected, " "+removed, "", 1)
	corrected = strings.Replace(corrected, anchor, anchor+" "+added, 1)
	if code, raw := editor.do("PUT", "/api/v1/articles/"+art.ID, map[string]any{"body": corrected, "format": "text"}, nil); code != 202 {
		t.Fatalf("correct: %d %s", code, raw)
	}
	var segs2 []segmentView
	testenv.Eventually(t, deadline, func() (bool, string) {
		e := editor.edition(es.ID)
		segs2 = editor.segments(es.ID)
		pending := 0
		for _, s := range segs2 {
			if s.Status != "approved" {
				pending++
			}
		}
		return e.Status == "outdated" && len(segs2) == len(segs1) && pending == 2 && slices.ContainsFunc(segs2, func(s segmentView) bool {
			return inline.Plain(s.Source) == added && s.Status == "draft"
		}), fmt.Sprintf("edition %s, %d segments, %d not approved", e.Status, len(segs2), pending)
	})
	var back []string
	for _, s := range segs2 {
		if s.Status != "approved" {
			back = append(back, inline.Plain(s.Source))
		}
		if inline.Plain(s.Source) == removed {
			t.Errorf("removed sentence still a segment: %q", removed)
		}
	}
	if d := gocmp.Diff([]string{changedTo, added}, back); d != "" {
		t.Errorf("back to review (-want +got):\n%s", d)
	}
	approveAll(t, editor, es.ID)
	editor.waitEdition(es.ID, "approved")
	editor.do("POST", "/api/v1/editions/"+es.ID+"/publish", nil, nil)
	if e := editor.waitEdition(es.ID, "published"); e.Version != 2 {
		t.Fatalf("republished version %d, want 2", e.Version)
	}
	v2 := fetchJSONPage(t, page)
	// Version 2 differs exactly at the three sentences.
	targetOf := func(segs []segmentView, source string) string {
		for _, s := range segs {
			if inline.Plain(s.Source) == source {
				return inline.Plain(s.Target)
			}
		}
		t.Fatalf("no segment %q", source)
		return ""
	}
	segs2 = editor.segments(es.ID)
	gone, came := sentenceDiff(v1.text(), v2.text(), targetOf(segs1, changed), targetOf(segs1, removed), targetOf(segs2, changedTo), targetOf(segs2, added))
	if gone != "" || came != "" {
		t.Errorf("version 2 differs from version 1 elsewhere than the three sentences:\nonly in v1: %q\nonly in v2: %q", gone, came)
	}

	loc := bundle.Localizer("es")
	resp, htmlBody := httpGet(t, page)
	if resp.StatusCode != 200 {
		t.Fatalf("page: %s", resp.Status)
	}
	wantNotice := loc.T("PageCorrection", "Date", publish.LongDate(loc, v2.PublishedAt), "Version", 2)
	wantOriginalDate := publish.LongDate(loc, publish.ParseDay(cmp.Or(art.PublishedAt, "2026-01-29")))
	for _, want := range []string{html.EscapeString(wantNotice), wantOriginalDate, "Traducido del inglés",
		"<h1>" + html.EscapeString(v2.Title) + "</h1>", "<title>" + html.EscapeString(v2.Title) + "</title>",
		`"@type":"NewsArticle"`, `"translationOfWork"`, `property="og:title"`} {
		if !strings.Contains(htmlBody, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	checkHreflang(t, htmlBody, map[string]bool{"es": true, "pt-BR": true, "en": true, "x-default": true})
	if v := fetchJSONPage(t, page); len(v.Alternates) != 1 || v.Alternates[0].Lang != "pt-BR" {
		t.Errorf("JSON alternates %+v, want pt-BR", v.Alternates)
	}
	_, md := httpGet(t, page+"?format=markdown")
	for _, want := range []string{"---\ntitle: ", "\nversion: 2\n", "\nlang: \"es\"\n", "\noriginal: \"" + original.URL + "/original\"\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%.400s", want, md)
		}
	}

	// The index and both feeds show the update.
	if _, idx := httpGet(t, a.URL()+"/es/"); !strings.Contains(idx, html.EscapeString(wantNotice)) || !strings.Contains(idx, html.EscapeString(v2.Title)) {
		t.Errorf("index lacks the corrected article:\n%.2000s", idx)
	}
	for _, feed := range []string{"/es/feed.atom", "/es/feed.json"} {
		_, raw := httpGet(t, a.URL()+feed)
		f, err := gofeed.NewParser().ParseString(raw)
		if err != nil {
			t.Fatalf("%s: %v", feed, err)
		}
		i := slices.IndexFunc(f.Items, func(it *gofeed.Item) bool { return it.Link == page })
		if i < 0 {
			t.Fatalf("%s lacks %s", feed, page)
		}
		it := f.Items[i]
		if it.PublishedParsed == nil || it.UpdatedParsed == nil || !it.PublishedParsed.Equal(v1.PublishedAt.Truncate(time.Second)) ||
			!it.UpdatedParsed.Equal(v2.PublishedAt.Truncate(time.Second)) || it.Title != v2.Title ||
			!strings.Contains(it.Content, html.EscapeString(targetOf(segs2, added))) {
			t.Errorf("%s entry does not show the update: published %v updated %v", feed, it.PublishedParsed, it.UpdatedParsed)
		}
	}
}

// paragraphOf is the index of the blank-line-separated paragraph of body
// holding s.
func paragraphOf(body, s string) int {
	return strings.Count(body[:max(strings.Index(body, s), 0)], "\n\n")
}

type jsonPage struct {
	Title       string              `json:"title"`
	Version     int                 `json:"version"`
	PublishedAt time.Time           `json:"published_at"`
	Alternates  []publish.Alternate `json:"alternates"`
	Blocks      []struct {
		Text string `json:"text"`
	} `json:"blocks"`
}

func (p jsonPage) text() string {
	var b strings.Builder
	for _, blk := range p.Blocks {
		b.WriteString(blk.Text + "\n")
	}
	return b.String()
}

func fetchJSONPage(t *testing.T, url string) jsonPage {
	t.Helper()
	resp, raw := httpGet(t, url+"?format=json")
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", url, resp.Status)
	}
	var p jsonPage
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func httpGet(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// sentenceDiff removes the expected differences from both texts and
// returns what still differs (empty when nothing does).
func sentenceDiff(v1, v2, oldChanged, removed, newChanged, added string) (gone, came string) {
	v1 = strings.Replace(v1, oldChanged, "¶", 1)
	v1 = strings.Replace(v1, " "+removed, "", 1)
	v1 = strings.Replace(v1, removed+" ", "", 1)
	v2 = strings.Replace(v2, newChanged, "¶", 1)
	v2 = strings.Replace(v2, " "+added, "", 1)
	if v1 == v2 {
		return "", ""
	}
	i := 0
	for i < len(v1) && i < len(v2) && v1[i] == v2[i] {
		i++
	}
	return v1[i:min(len(v1), i+200)], v2[i:min(len(v2), i+200)]
}

// checkHreflang parses a page with x/net/html and checks its hreflang
// links: exactly the wanted languages, each resolving with 200.
func checkHreflang(t *testing.T, page string, want map[string]bool) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			if attrs["rel"] == "alternate" && attrs["hreflang"] != "" {
				got[attrs["hreflang"]] = true
				if resp, _ := httpGet(t, attrs["href"]); resp.StatusCode != 200 {
					t.Errorf("hreflang %s → %s: %s", attrs["hreflang"], attrs["href"], resp.Status)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("hreflang languages (-want +got):\n%s", d)
	}
}

// TestDuplicatesAndIdempotencyKey: identical content is a 409 naming the
// existing article unless allow_duplicate; a POST retried with the same
// Idempotency-Key gets the first answer and creates nothing more.
func TestDuplicatesAndIdempotencyKey(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1})
	editor := newClient(t, a, auth.Editor)
	post := func(key string, body map[string]any) (*http.Response, string) {
		t.Helper()
		j, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", a.URL()+"/api/v1/articles", strings.NewReader(string(j)))
		req.Header.Set("Authorization", "Bearer "+editor.token)
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Idempotency-Key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp, string(raw)
	}
	in := map[string]any{"body": "# Port strike\n\nDock workers walked out.", "format": "markdown", "targets": []string{"es"}}
	resp, first := post("k-1", in)
	if resp.StatusCode != 202 {
		t.Fatalf("first: %s %s", resp.Status, first)
	}
	var art newsArticle
	json.Unmarshal([]byte(first), &art)
	resp, again := post("k-1", in)
	if resp.StatusCode != 202 || again != first || resp.Header.Get("Idempotent-Replayed") != "true" || resp.Header.Get("Location") != "/api/v1/articles/"+art.ID {
		t.Errorf("retry with the key: %s replayed=%q location=%q\n%s\nfirst:\n%s", resp.Status, resp.Header.Get("Idempotent-Replayed"), resp.Header.Get("Location"), again, first)
	}
	other := map[string]any{"body": "Something else entirely.", "format": "text", "targets": []string{"es"}}
	if resp, raw := post("k-1", other); resp.StatusCode != 422 || errorCode(t, []byte(raw)).Error.Code != "idempotency_key_reused" {
		t.Errorf("same key, other request: %s %s", resp.Status, raw)
	}
	resp, raw := post("", in)
	e := errorCode(t, []byte(raw))
	if resp.StatusCode != 409 || e.Error.Code != "duplicate_article" || !strings.Contains(string(e.Error.Detail), art.ID) {
		t.Errorf("duplicate: %s %s", resp.Status, raw)
	}
	// A refused request's answer is replayed too.
	if resp, raw2 := post("k-2", in); resp.StatusCode != 409 {
		t.Errorf("duplicate with a key: %s %s", resp.Status, raw2)
	} else if resp, raw3 := post("k-2", in); resp.StatusCode != 409 || raw3 != raw2 {
		t.Errorf("duplicate retried: %s %s", resp.Status, raw3)
	}
	in["allow_duplicate"] = true
	if resp, raw := post("k-3", in); resp.StatusCode != 202 || strings.Contains(raw, art.ID) {
		t.Errorf("allow_duplicate: %s %s", resp.Status, raw)
	}
	var list []newsArticle
	editor.do("GET", "/api/v1/articles", nil, &list)
	if len(list) != 2 {
		t.Errorf("%d articles, want 2 (the first and the allowed duplicate)", len(list))
	}
	// The list searches and pages, saying how many match.
	req, _ := http.NewRequest("GET", a.URL()+"/api/v1/articles?q=PORT&limit=1&offset=1", nil)
	req.Header.Set("Authorization", "Bearer "+editor.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page []newsArticle
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if resp.Header.Get("X-Total-Count") != "2" || len(page) != 1 {
		t.Errorf("search page: total %q, %d articles", resp.Header.Get("X-Total-Count"), len(page))
	}
	if code, raw := editor.do("GET", "/api/v1/articles?edition_status=nope", nil, nil); code != 400 {
		t.Errorf("bad edition_status: %d %s", code, raw)
	}
}

// TestSourcesPolledByTheScheduler: a feed registered through the API is
// polled by the scheduler's task and its item ingested once.
func TestSourcesPolledByTheScheduler(t *testing.T) {
	var gets atomic.Int32
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>O</title><id>urn:o</id><updated>2026-01-05T10:00:00Z</updated>`+
			`<entry><title>Port strike ends</title><id>urn:o:1</id><updated>2026-01-05T10:00:00Z</updated><link href="https://example.org/strike"/>`+
			`<content type="html">&lt;p&gt;Dock workers voted to end the strike.&lt;/p&gt;</content></entry></feed>`)
	}))
	t.Cleanup(feed.Close)
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1, Scheduler: true, ReconcileEvery: time.Second})
	editor := newClient(t, a, auth.Editor)
	var src struct {
		ID    string `json:"id"`
		Items int    `json:"items"`
	}
	if code, raw := editor.do("POST", "/api/v1/sources", map[string]any{"url": feed.URL + "/feed", "interval_seconds": 3600, "targets": []string{"es"}}, &src); code != 201 {
		t.Fatalf("register: %d %s", code, raw)
	}
	if code, raw := editor.do("POST", "/api/v1/sources", map[string]any{"url": feed.URL + "/feed"}, nil); code != 409 {
		t.Errorf("registered twice: %d %s", code, raw)
	}
	testenv.Eventually(t, deadline, func() (bool, string) {
		editor.do("GET", "/api/v1/sources/"+src.ID, nil, &src)
		return src.Items == 1, fmt.Sprintf("source %+v", src)
	})
	var list []newsArticle
	editor.do("GET", "/api/v1/articles", nil, &list)
	if len(list) != 1 || list[0].Title != "Port strike ends" {
		t.Errorf("articles %+v", list)
	}
	if n := gets.Load(); n != 1 {
		t.Errorf("feed fetched %d times; the interval is an hour", n)
	}
}
