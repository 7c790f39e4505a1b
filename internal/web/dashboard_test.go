package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

// TestDashboardSearch: the dashboard finds articles by title, filters by
// edition status and marks an article without a headline.
func TestDashboardSearch(t *testing.T) {
	e := newEnv(t)
	e.addUser("eve", auth.Editor)
	e.ingest("", "markdown", "# Port strike\n\nDock workers walked out.")
	e.ingest("", "text", "The harbour reopened on Monday after repairs. Ships came back.")
	eve := e.login("eve")
	for _, tc := range []struct {
		path        string
		has, hasNot []string
	}{
		{"/articles", []string{"Port strike", "The harbour reopened on Monday after repairs.", `data-headline="missing"`}, nil},
		{"/articles?q=STRIKE", []string{"Port strike"}, []string{"The harbour reopened"}},
		{"/articles?headline=missing", []string{"The harbour reopened"}, []string{"Port strike"}},
		{"/articles?status=published", []string{"0 articles"}, []string{"Port strike", "The harbour reopened"}},
		{"/articles?status=in_review&q=port", []string{"Port strike", "1 articles"}, nil},
	} {
		resp, body := eve.get(tc.path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", tc.path, resp.Status)
		}
		for _, s := range tc.has {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %q", tc.path, s)
			}
		}
		for _, s := range tc.hasNot {
			if strings.Contains(body, s) {
				t.Errorf("%s has %q", tc.path, s)
			}
		}
	}
}

// TestDashboardDuplicate: adding the same text twice from the dashboard is
// refused with a message in the UI's language naming the existing article,
// unless the editor ticks the box.
func TestDashboardDuplicate(t *testing.T) {
	e := newEnv(t)
	e.addUser("eve", auth.Editor)
	e.ingest("", "markdown", "# Port strike\n\nDock workers walked out.")
	eve := e.login("eve")
	form := url.Values{"csrf": {eve.csrf}, "format": {"markdown"}, "body": {"# Port strike\n\nDock workers walked out."}}
	resp, body := eve.postForm("/articles", form, nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "port-strike") || !strings.Contains(body, "already added") {
		t.Errorf("duplicate: %s\n%.600s", resp.Status, body)
	}
	form.Set("allow_duplicate", "1")
	if resp, _ := eve.postForm("/articles", form, nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("allowed duplicate: %s", resp.Status)
	}
}

// TestDashboardSources: an editor registers a feed on the dashboard; a
// working one brings its article in, a broken one is shown as failing with
// its error; an address the guard refuses is refused.
func TestDashboardSources(t *testing.T) {
	var down atomic.Bool
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x/</link><description>d</description>`+
			`<item><title>Harbour reopens</title><guid>h-1</guid><description>The harbour reopened on Monday.</description></item></channel></rss>`)
	}))
	t.Cleanup(feed.Close)
	e := newEnvWith(t, app.Config{DataDir: t.TempDir(), WebhookAllowNetworks: []string{"127.0.0.0/8"}})
	e.addUser("eve", auth.Editor)
	eve := e.login("eve")
	if resp, body := eve.postForm("/sources", url.Values{"csrf": {eve.csrf}, "url": {"http://10.1.2.3/feed"}}, nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("private address: %s\n%.300s", resp.Status, body)
	}
	if resp, body := eve.postForm("/sources", url.Values{"csrf": {eve.csrf}, "url": {feed.URL + "/feed"}, "interval_minutes": {"30"}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %s\n%.300s", resp.Status, body)
	}
	srcs, err := e.app.Store.ListSources(context.Background())
	if err != nil || len(srcs) != 1 || srcs[0].Interval != 1800 {
		t.Fatalf("sources: %+v %v", srcs, err)
	}
	if resp, _ := eve.postForm("/sources/"+srcs[0].ID+"/poll", url.Values{"csrf": {eve.csrf}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("poll: %s", resp.Status)
	}
	_, page := eve.get("/articles", nil)
	if !strings.Contains(page, "Harbour reopens") || !strings.Contains(page, `data-state="ok"`) {
		t.Errorf("after a good poll the dashboard lacks the article or the state:\n%.3000s", page)
	}
	down.Store(true)
	eve.postForm("/sources/"+srcs[0].ID+"/poll", url.Values{"csrf": {eve.csrf}}, nil)
	_, page = eve.get("/articles", nil)
	if !strings.Contains(page, `data-state="broken"`) || !strings.Contains(page, "503") {
		t.Errorf("a broken feed is not shown as such")
	}
}
