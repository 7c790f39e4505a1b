package sources_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/sources"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

// feedServer serves an RSS feed (with ETag and Last-Modified, answering 304
// to a matching conditional GET) and the article pages its items link to.
type feedServer struct {
	mu          sync.Mutex
	items       []string // RSS <item> elements, newest first
	broken      bool
	gets, notMo atomic.Int32
	srv         *httptest.Server
}

func newFeedServer(t *testing.T) *feedServer {
	f := &feedServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.gets.Add(1)
		if f.broken {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		etag := fmt.Sprintf(`"v%d"`, len(f.items))
		if r.Header.Get("If-None-Match") == etag {
			f.notMo.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 05 Jan 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Originals</title><link>http://x/</link><description>d</description>`+
			strings.Join(f.items, "")+`</channel></rss>`)
	})
	mux.HandleFunc("GET /articles/{slug}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><title>%s | Site</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Harbour reopens</h1><p>The harbour reopened on Monday after a week of repairs to three of its five piers.</p>
<p>Work crews from the port authority arrived on Wednesday, and by Friday two piers were usable again by the fishing fleet.</p>
<p>Officials said the remaining piers would reopen before the end of the month if the weather held.</p></article>
<footer>Copyright. Subscribe to our newsletter.</footer></body></html>`, r.PathValue("slug"))
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *feedServer) add(item string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append([]string{item}, f.items...)
}

// onStores runs a test on SQLite and on PostgreSQL (when the environment
// has one; in CI it must).
func onStores(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "") })
	t.Run("postgres", func(t *testing.T) { fn(t, testenv.PostgresURL(t)) })
}

func newPoller(t *testing.T, dbURL string) (*sources.Poller, *store.Store) {
	t.Helper()
	ctx := context.Background()
	dir := ""
	if dbURL == "" {
		dir = t.TempDir()
	}
	st, err := store.Open(ctx, dbURL, dir)
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
	p := pipeline.New(pipeline.Deps{Store: st, Locales: bundle, Log: log}, pipeline.Config{BaseURL: "https://news.example", Targets: []string{"es"}})
	guard, err := webhook.NewGuard([]string{"127.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	return sources.New(st, p, guard, 5*time.Second, log), st
}

func articles(t *testing.T, st *store.Store) []store.Article {
	t.Helper()
	list, err := st.ListArticles(context.Background(), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestPollTwice: a feed polled twice ingests nothing twice; the second poll
// is a conditional GET answered 304; a new item is ingested alone; the
// full text comes from content:encoded or from the linked page.
func TestPollTwice(t *testing.T) { onStores(t, testPollTwice) }

func testPollTwice(t *testing.T, dbURL string) {
	ctx := context.Background()
	f := newFeedServer(t)
	f.add(`<item><title>Port strike ends</title><link>` + f.srv.URL + `/articles/strike</link><guid>g-1</guid><pubDate>Mon, 05 Jan 2026 09:00:00 GMT</pubDate>` +
		`<content:encoded><![CDATA[<p>Dock workers voted to end the strike on Monday.</p><p>Ships are loading again.</p>]]></content:encoded></item>`)
	p, st := newPoller(t, dbURL)
	src, err := p.Register(ctx, "usr_ed", f.srv.URL+"/feed.xml", 600, []string{"es"})
	if err != nil {
		t.Fatal(err)
	}
	if src, err = p.Poll(ctx, src.ID); err != nil || src.Failures != 0 || src.Items != 1 {
		t.Fatalf("first poll: %+v %v", src, err)
	}
	if _, err := p.Poll(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	if f.notMo.Load() != 1 {
		t.Errorf("second poll: %d conditional hits, want 1", f.notMo.Load())
	}
	list := articles(t, st)
	if len(list) != 1 || list[0].Title != "Port strike ends" || list[0].CanonicalURL != f.srv.URL+"/articles/strike" || list[0].SourceDate == "" {
		t.Fatalf("after two polls: %+v", list)
	}
	// A new item without content: the linked page's article is fetched.
	f.add(`<item><title>Harbour reopens</title><link>` + f.srv.URL + `/articles/harbour</link><guid>g-2</guid></item>`)
	if src, err = p.Poll(ctx, src.ID); err != nil || src.Items != 2 || src.LastError != "" {
		t.Fatalf("third poll: %+v %v", src, err)
	}
	if _, err = p.Poll(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	list = articles(t, st)
	if len(list) != 2 {
		t.Fatalf("%d articles, want 2", len(list))
	}
	rev, err := st.GetRevision(ctx, list[0].ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rev.Body, "Work crews from the port authority") || strings.Contains(rev.Body, "newsletter") || strings.Contains(rev.Body, "About") {
		t.Errorf("extracted article:\n%s", rev.Body)
	}
	// The same item under a new GUID (the link and content are the same)
	// is not ingested again.
	f.mu.Lock()
	f.items[0] = strings.Replace(f.items[0], "g-2", "g-2b", 1)
	f.items = append(f.items, "")
	f.mu.Unlock()
	if _, err = p.Poll(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(articles(t, st)); n != 2 {
		t.Errorf("%d articles after a GUID change, want 2", n)
	}
}

// TestBrokenFeed: a failing feed is recorded with its error and retried
// with a growing wait; a good poll clears it.
func TestBrokenFeed(t *testing.T) { onStores(t, testBrokenFeed) }

func testBrokenFeed(t *testing.T, dbURL string) {
	ctx := context.Background()
	f := newFeedServer(t)
	f.broken = true
	p, _ := newPoller(t, dbURL)
	src, err := p.Register(ctx, "usr_ed", f.srv.URL+"/feed.xml", 600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	for range 3 {
		before := time.Now().UTC()
		s, err := p.Poll(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(s.LastError, "502") {
			t.Errorf("last error %q", s.LastError)
		}
		waits = append(waits, s.NextPollAt.Sub(before).Round(time.Minute))
	}
	if waits[0] != 10*time.Minute || waits[1] != 20*time.Minute || waits[2] != 40*time.Minute {
		t.Errorf("waits after failures %v, want 10m 20m 40m", waits)
	}
	f.mu.Lock()
	f.broken = false
	f.mu.Unlock()
	if s, err := p.Poll(ctx, src.ID); err != nil || s.Failures != 0 || s.LastError != "" {
		t.Errorf("after recovery: %+v %v", s, err)
	}
}

// TestOnePollPerSlot: many pollers polling due sources at once fetch each
// feed once.
func TestOnePollPerSlot(t *testing.T) { onStores(t, testOnePollPerSlot) }

func testOnePollPerSlot(t *testing.T, dbURL string) {
	ctx := context.Background()
	f := newFeedServer(t)
	p, _ := newPoller(t, dbURL)
	if _, err := p.Register(ctx, "usr_ed", f.srv.URL+"/feed.xml", 600, nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := p.PollDue(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := f.gets.Load(); n != 1 {
		t.Errorf("feed fetched %d times, want 1", n)
	}
}

func TestRegisterRefuses(t *testing.T) { onStores(t, testRegisterRefuses) }

func testRegisterRefuses(t *testing.T, dbURL string) {
	ctx := context.Background()
	p, _ := newPoller(t, dbURL)
	for _, u := range []string{"ftp://example.org/feed", "http://10.0.0.1/feed", "not a url", "http://169.254.169.254/latest"} {
		if _, err := p.Register(ctx, "usr_ed", u, 600, nil); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
	if _, err := p.Register(ctx, "usr_ed", "http://127.0.0.1:1/feed", 5, nil); err == nil {
		t.Error("interval of 5 s accepted")
	}
}
