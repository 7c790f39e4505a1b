package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestOnRedisPostgres runs the UI's queries and Redis use on the scale-out
// setup: sessions, queue, editor, save, conflict, approve, history,
// comments, claims and the live stream's publish, on PostgreSQL and
// redis-server.
func TestOnRedisPostgres(t *testing.T) {
	e := newEnvWith(t, app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t)})
	_, eds := e.ingest("Title", "markdown", "One [linked](https://example.com) sentence. Two sentences.")
	e.addUser("ana", auth.Translator, "es")
	e.addUser("bea", auth.Translator, "es")
	ana, bea := e.login("ana"), e.login("bea")
	es := eds["es"]
	seg := e.segments(es.ID)[1]

	if r, _ := bea.get("/editions/"+es.ID, nil); r.StatusCode != http.StatusOK {
		t.Fatalf("editor: %s", r.Status)
	}
	if r, b := bea.postJSON("/editions/"+es.ID+"/claim", `{}`); r.StatusCode != http.StatusOK {
		t.Fatalf("claim: %s %s", r.Status, b)
	}
	if r, page := ana.get("/editions/"+es.ID, nil); r.StatusCode != http.StatusOK || !strings.Contains(page, "Being edited by Bea") {
		t.Errorf("editor for Ana: %s, claim shown: %v", r.Status, strings.Contains(page, "Being edited by Bea"))
	}
	if _, q := ana.get("/", nil); !strings.Contains(q, "<td>Bea</td>") {
		t.Errorf("queue does not show Bea at work")
	}
	body := `{"target":"Una <1>frase</1> enlazada.","version":` + itoa(seg.Version) + `}`
	if r, b := ana.postJSON("/editions/"+es.ID+"/segments/"+seg.ID, body); r.StatusCode != http.StatusOK {
		t.Fatalf("save: %s %s", r.Status, b)
	}
	if r, b := bea.postJSON("/editions/"+es.ID+"/segments/"+seg.ID, body); r.StatusCode != http.StatusConflict || !strings.Contains(b, `"by_name":"Ana"`) {
		t.Errorf("stale save: %s %s", r.Status, b)
	}
	if r, b := bea.postJSON("/editions/"+es.ID+"/segments/"+seg.ID+"/approve", `{"version":`+itoa(seg.Version+1)+`}`); r.StatusCode != http.StatusOK {
		t.Errorf("approve: %s %s", r.Status, b)
	}
	if got := e.segment(es.ID, seg.ID); got.Status != store.SegmentApproved || got.Version != seg.Version+2 {
		t.Errorf("segment: %+v", got)
	}
	if r, _ := ana.postForm("/editions/"+es.ID+"/segments/"+seg.ID+"/comments", url.Values{"csrf": {ana.csrf}, "body": {"Looks good"}}, nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("comment: %s", r.Status)
	}
	_, panel := ana.get("/editions/"+es.ID+"/segments/"+seg.ID+"/panel", nil)
	for _, want := range []string{"Bea approved", "Ana edited", "Looks good", "<ins>"} {
		if !strings.Contains(panel, want) {
			t.Errorf("panel lacks %q:\n%s", want, panel)
		}
	}
	if r, _ := ana.postForm("/logout", url.Values{"csrf": {ana.csrf}}, nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("logout: %s", r.Status)
	}
	if r, _ := ana.get("/", nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout: %s", r.Status)
	}
}
