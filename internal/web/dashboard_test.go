package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

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
