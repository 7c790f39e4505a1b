package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
)

// TestDeadlineInEditorsZone: a deadline is entered and shown in the
// editor's time zone, like the publication time beside it (it was read and
// shown as UTC, under a "(UTC)" label), and stored in UTC.
func TestDeadlineInEditorsZone(t *testing.T) {
	e := newEnv(t)
	e.addUser("ed", auth.Editor)
	_, eds := e.ingest("Deadline", "text", "One sentence.")
	es := eds["es"]
	editor := e.login("ed")
	form := url.Values{"csrf": {editor.csrf}, "tz": {"America/Sao_Paulo"}, "due": {"2026-12-01T18:30"}}
	if r, _ := editor.postForm("/editions/"+es.ID+"/due", form, nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set deadline: %s", r.Status)
	}
	dues, err := e.app.Store.EditionDues(context.Background(), []string{es.ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 1, 21, 30, 0, 0, time.UTC); !dues[es.ID].Equal(want) {
		t.Errorf("stored deadline %v, want %v (18:30 in São Paulo)", dues[es.ID], want)
	}
	// The page shows it back in the zone the editor's browser names.
	_, page := editor.get("/articles", http.Header{"Cookie": {"tz=" + url.QueryEscape("America/Sao_Paulo")}})
	if !strings.Contains(page, `name="due" value="2026-12-01T18:30"`) {
		t.Errorf("the dashboard does not show the deadline as entered (18:30 São Paulo):\n%s", excerpt(page, `name="due"`))
	}
}

// excerpt is up to 300 bytes of page around the first mark.
func excerpt(page, mark string) string {
	i := strings.Index(page, mark)
	if i < 0 {
		return "(" + mark + " not found)"
	}
	return page[max(0, i-150):min(len(page), i+150)]
}
