package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/repair"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

const deadline = 90 * time.Second

func testLogger(testing.TB) *slog.Logger {
	if os.Getenv("PRESSROOM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// start starts an app with test settings; cfg fields set by the caller win.
func start(t *testing.T, cfg app.Config) *app.App {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Backends == "" {
		cfg.Backends = "pseudo"
	}
	if cfg.WebhookAllowNetworks == nil {
		cfg.WebhookAllowNetworks = []string{"127.0.0.0/8"}
	}
	cfg.CheckInterval = 20 * time.Millisecond
	if cfg.Log == nil {
		cfg.Log = testLogger(t)
	}
	a, err := app.Start(context.Background(), cfg)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(a.Close)
	return a
}

// client calls the API with a token.
type client struct {
	t     testing.TB
	base  string
	token string
}

func newClient(t *testing.T, a *app.App, role string, langs ...string) *client {
	t.Helper()
	tok, _, err := auth.CreateToken(context.Background(), a.Store.Queries, "test", role, langs, "")
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: a.URL(), token: tok}
}

// do sends a request and decodes a JSON answer into out (if not nil); it
// returns the status and the raw body.
func (c *client) do(method, path string, body any, out any) (int, []byte) {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, raw
}

type edition struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Status   string `json:"status"`
	Version  int    `json:"version"`
	Progress struct {
		Total, Drafted, Approved int
		QAErrors                 int `json:"qa_errors"`
		QAWarnings               int `json:"qa_warnings"`
	}
}

type article struct {
	ID       string    `json:"id"`
	Slug     string    `json:"slug"`
	Status   string    `json:"status"`
	Editions []edition `json:"editions"`
}

type segmentView struct {
	ID      string `json:"id"`
	Source  string `json:"source"`
	Target  string `json:"target"`
	Status  string `json:"status"`
	Origin  string `json:"origin"`
	Version int    `json:"version"`
}

func (c *client) ingest(s testenv.Article) article {
	c.t.Helper()
	var a article
	code, raw := c.do("POST", "/api/v1/articles", map[string]any{"body": string(s.Body), "format": s.Format}, &a)
	if code != http.StatusAccepted {
		c.t.Fatalf("ingest %s: %d %s", s.Name, code, raw)
	}
	return a
}

// waitEditions polls until the article has editions es and pt-BR in one of
// the wanted statuses.
func (c *client) waitEditions(id string, want ...string) article {
	c.t.Helper()
	var a article
	testenv.Eventually(c.t, deadline, func() (bool, string) {
		a = article{}
		c.do("GET", "/api/v1/articles/"+id, nil, &a)
		if len(a.Editions) != 2 {
			return false, fmt.Sprintf("article %s: %+v", id, a)
		}
		for _, e := range a.Editions {
			if !slices.Contains(want, e.Status) {
				return false, fmt.Sprintf("article %s: edition %s is %s, want %v", id, e.Lang, e.Status, want)
			}
		}
		return true, ""
	})
	return a
}

// receiver is a webhook consumer that verifies every call with the Standard
// Webhooks reference library.
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	events []map[string]any
	bad    []string
	secret string
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		wh, err := standardwebhooks.NewWebhook(r.secret)
		if err == nil {
			err = wh.Verify(body, req.Header)
		}
		if err != nil {
			r.bad = append(r.bad, err.Error())
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var ev map[string]any
		if err := json.Unmarshal(body, &ev); err != nil {
			r.bad = append(r.bad, "body: "+err.Error())
			return
		}
		r.events = append(r.events, ev)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) subscribe(c *client, events ...string) {
	c.t.Helper()
	var out struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}
	code, raw := c.do("POST", "/api/v1/webhooks", map[string]any{"url": r.srv.URL + "/hook", "events": events}, &out)
	if code != http.StatusCreated || !strings.HasPrefix(out.Secret, "whsec_") {
		c.t.Fatalf("create webhook: %d %s", code, raw)
	}
	r.mu.Lock()
	r.secret = out.Secret
	r.mu.Unlock()
}

// published returns the edition ids of edition.published events received.
func (r *receiver) published() (map[string]bool, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := map[string]bool{}
	for _, ev := range r.events {
		if ev["type"] == "edition.published" {
			if d, ok := ev["data"].(map[string]any); ok {
				ids[fmt.Sprint(d["edition_id"])] = true
			}
		}
	}
	return ids, append([]string(nil), r.bad...)
}

// expectedBlocks is what the pseudo backend must make of an article: each
// block's segments, each marked "[lang] " and pseudo-localised, then
// repaired as every machine draft is (package repair), joined with the
// source's spacing; and the article's link targets.
func expectedBlocks(t *testing.T, s testenv.Article, lang string) (blocks []string, kinds []string, hrefs []string) {
	doc, err := importer.Parse(s.Format, s.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		var text string
		for _, p := range segment.Split("en", b.Text) {
			draft, _ := repair.Draft("en", lang, p.Text, "["+lang+"] "+translate.Pseudolocalize(p.Text))
			text += p.Lead + draft + p.Trail
		}
		blocks = append(blocks, inline.Plain(text))
		kinds = append(kinds, string(b.Kind))
		for _, tag := range b.Tags {
			if tag.Name == "a" {
				hrefs = append(hrefs, tag.Attrs["href"])
			}
		}
	}
	return blocks, kinds, hrefs
}

// runFlow carries the seeds from ingest to published pages and a verified
// edition.published webhook for every edition.
func runFlow(t *testing.T, a *app.App) {
	editor := newClient(t, a, auth.Editor)
	rcv := newReceiver(t)
	rcv.subscribe(editor, "edition.published", "edition.ready_for_review")
	seeds := testenv.Seeds(t)
	var arts []article
	for _, s := range seeds {
		arts = append(arts, editor.ingest(s))
	}
	for i, art := range arts {
		arts[i] = editor.waitEditions(art.ID, "in_review")
		for _, e := range arts[i].Editions {
			var segs []segmentView
			editor.do("GET", "/api/v1/editions/"+e.ID+"/segments", nil, &segs)
			if len(segs) == 0 || len(segs) != e.Progress.Total {
				t.Fatalf("edition %s: %d segments, progress %+v", e.ID, len(segs), e.Progress)
			}
			for _, s := range segs {
				// Drafts are repaired before review (a Spanish question
				// gets its ¿ in front of the pseudo draft's "[es] ").
				if s.Origin != "pseudo" || !strings.HasPrefix(strings.TrimLeft(s.Target, "¿¡"), "["+e.Lang+"] ") {
					t.Fatalf("segment %s: origin %q target %q", s.ID, s.Origin, s.Target)
				}
				code, raw := editor.do("POST", "/api/v1/editions/"+e.ID+"/segments/"+s.ID+"/approve", map[string]int{"version": s.Version}, nil)
				if code != http.StatusOK {
					t.Fatalf("approve %s: %d %s", s.ID, code, raw)
				}
			}
			var ev edition
			editor.do("GET", "/api/v1/editions/"+e.ID, nil, &ev)
			if ev.Status != "approved" || ev.Progress.Approved != ev.Progress.Total {
				t.Fatalf("edition %s after approving all: %+v", e.ID, ev)
			}
			if code, raw := editor.do("POST", "/api/v1/editions/"+e.ID+"/publish", map[string]any{}, nil); code != http.StatusAccepted {
				t.Fatalf("publish %s: %d %s", e.ID, code, raw)
			}
		}
	}
	for i, art := range arts {
		arts[i] = editor.waitEditions(art.ID, "published")
		for _, e := range arts[i].Editions {
			checkPage(t, a.URL()+"/"+e.Lang+"/"+art.Slug, seeds[i], e.Lang)
		}
	}
	checkFeeds(t, a.URL(), arts)
	testenv.Eventually(t, deadline, func() (bool, string) {
		got, bad := rcv.published()
		if len(bad) > 0 {
			t.Fatalf("webhook calls that did not verify: %v", bad)
		}
		for _, art := range arts {
			for _, e := range art.Editions {
				if !got[e.ID] {
					return false, fmt.Sprintf("no edition.published for %s (have %v)", e.ID, got)
				}
			}
		}
		return true, ""
	})
}

// checkFeeds reads each language's Atom feed and finds every article in it.
func checkFeeds(t *testing.T, base string, arts []article) {
	t.Helper()
	for _, lang := range []string{"es", "pt-BR"} {
		resp, err := http.Get(base + "/" + lang + "/feed.atom")
		if err != nil {
			t.Fatal(err)
		}
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Entries []struct {
				Title string `xml:"title"`
				Link  struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Content string `xml:"content"`
			} `xml:"entry"`
		}
		err = xml.NewDecoder(resp.Body).Decode(&feed)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s feed: %v", lang, err)
		}
		links := map[string]bool{}
		for _, e := range feed.Entries {
			links[e.Link.Href] = true
			if e.Title == "" || !strings.Contains(e.Content, "<p>") {
				t.Errorf("%s feed entry %+v lacks a title or content", lang, e.Link)
			}
		}
		for _, art := range arts {
			if !links[base+"/"+lang+"/"+art.Slug] {
				t.Errorf("%s feed lacks %s (has %v)", lang, art.Slug, links)
			}
		}
	}
}

var hrefRE = regexp.MustCompile(`<a href="([^"]*)"`)

// checkPage reads a published page as a reader would and checks that every
// block is there, in order, with its links.
func checkPage(t *testing.T, url string, s testenv.Article, lang string) {
	t.Helper()
	resp, err := http.Get(url + "?format=json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	var page struct {
		Lang   string
		URL    string
		Blocks []struct{ Kind, Text, HTML string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	if page.URL != url || page.Lang != lang {
		t.Errorf("page at %s says it is %s in %s", url, page.URL, page.Lang)
	}
	wantBlocks, wantKinds, wantHrefs := expectedBlocks(t, s, lang)
	var gotBlocks, gotKinds, gotHrefs []string
	for _, b := range page.Blocks {
		gotBlocks = append(gotBlocks, b.Text)
		gotKinds = append(gotKinds, b.Kind)
		for _, m := range hrefRE.FindAllStringSubmatch(b.HTML, -1) {
			gotHrefs = append(gotHrefs, strings.ReplaceAll(m[1], "&amp;", "&"))
		}
	}
	if d := cmp.Diff(wantBlocks, gotBlocks); d != "" {
		t.Errorf("%s: blocks (-want +got):\n%s", url, d)
	}
	if d := cmp.Diff(wantKinds, gotKinds); d != "" {
		t.Errorf("%s: block kinds (-want +got):\n%s", url, d)
	}
	if d := cmp.Diff(wantHrefs, gotHrefs); d != "" {
		t.Errorf("%s: links (-want +got):\n%s", url, d)
	}
	html, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer html.Body.Close()
	body, _ := io.ReadAll(html.Body)
	if !strings.Contains(string(body), `<html lang="`+lang+`">`) {
		t.Errorf("%s: page is not marked as %s", url, lang)
	}
	other := map[string]string{"es": "pt-BR", "pt-BR": "es"}[lang]
	if alt := `<link rel="alternate" hreflang="` + other + `" href="` + strings.Replace(url, "/"+lang+"/", "/"+other+"/", 1) + `">`; !strings.Contains(string(body), alt) {
		t.Errorf("%s: no alternate %s", url, alt)
	}
	for _, h := range wantHrefs {
		if !strings.Contains(string(body), `href="`+strings.ReplaceAll(h, "&", "&amp;")+`"`) {
			t.Errorf("%s: link %s missing from the HTML page", url, h)
		}
	}
}

func TestFlowEmbedded(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 4, Scheduler: true})
	runFlow(t, a)
}

func TestFlowRedisPostgres(t *testing.T) {
	redisURL := testenv.RedisURL(t)
	dbURL := testenv.PostgresURL(t)
	a := start(t, app.Config{RedisURL: redisURL, DatabaseURL: dbURL, Workers: 4, Scheduler: true})
	runFlow(t, a)
}

// TestScaleOut runs the flow with the scale-out shape: one process serving
// the API with no workers, and two worker-only processes on the same Redis
// and PostgreSQL.
func TestScaleOut(t *testing.T) {
	redisURL := testenv.RedisURL(t)
	dbURL := testenv.PostgresURL(t)
	api := start(t, app.Config{RedisURL: redisURL, DatabaseURL: dbURL, Workers: 0, Scheduler: true})
	for range 2 {
		start(t, app.Config{Addr: "127.0.0.1:0", HealthOnly: true, RedisURL: redisURL, DatabaseURL: dbURL, Workers: 3, Scheduler: true, BaseURL: api.URL()})
	}
	runFlow(t, api)
}
