package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

type batchAnswer struct {
	Results []struct {
		ID      string
		OK      bool
		Segment *struct {
			Target  string
			Version int
			Status  string
		}
		Error *struct {
			Code    string
			Current *struct {
				Target  string
				Version int
			}
		}
	}
	Saved, Failed, Approved int
}

// TestReplaceSegments: a replace-all saves each segment through the
// workflow at its own version; a stale version is a conflict carrying the
// current text, a broken tag is refused, the others are saved with their
// history; bad bodies and other languages are refused whole.
func TestReplaceSegments(t *testing.T) {
	e := newEnv(t)
	ana := e.addUser("ana", auth.Translator, "es")
	e.addUser("pia", auth.Translator, "pt-BR")
	_, eds := e.ingest("Tags", "markdown", "One [link](https://example.com) here. Two sentences here. Three here.")
	es := eds["es"]
	segs := e.segments(es.ID)[1:] // after the title
	if len(segs) < 3 {
		t.Fatalf("%d segments", len(segs))
	}
	u := e.login("ana")
	body := func(edits ...[3]any) string {
		var list []map[string]any
		for _, x := range edits {
			list = append(list, map[string]any{"id": x[0], "target": x[1], "version": x[2]})
		}
		b, _ := json.Marshal(map[string]any{"edits": list})
		return string(b)
	}
	resp, raw := u.postJSON("/editions/"+es.ID+"/replace", body(
		[3]any{segs[0].ID, "Uno <1>enlace</1> aquí.", segs[0].Version},
		[3]any{segs[1].ID, "Dos frases aquí.", segs[1].Version - 1}, // stale
		[3]any{segs[2].ID, "Tres <1>aquí</1>.", segs[2].Version},    // a tag its source lacks
	))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("replace: %s %s", resp.Status, raw)
	}
	var ans batchAnswer
	if err := json.Unmarshal([]byte(raw), &ans); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ans.Results {
		switch {
		case r.OK:
			got = append(got, "ok:"+r.Segment.Target)
		case r.Error.Current != nil:
			got = append(got, r.Error.Code+":"+r.Error.Current.Target)
		default:
			got = append(got, r.Error.Code)
		}
	}
	want := []string{"ok:Uno <1>enlace</1> aquí.", "version_conflict:" + segs[1].Target, "tags_mismatch"}
	if d := cmp.Diff(want, got); d != "" || ans.Saved != 1 || ans.Failed != 2 {
		t.Errorf("results (-want +got):\n%s saved %d failed %d", d, ans.Saved, ans.Failed)
	}
	if s := e.segment(es.ID, segs[0].ID); s.Target != "Uno <1>enlace</1> aquí." || s.UpdatedBy != ana.ID || s.Version != segs[0].Version+1 {
		t.Errorf("saved segment: %+v", s)
	}
	for _, s := range segs[1:3] {
		if now := e.segment(es.ID, s.ID); now.Target != s.Target || now.Version != s.Version {
			t.Errorf("refused segment changed: %q v%d", now.Target, now.Version)
		}
	}
	h, err := e.app.Store.SegmentHistory(context.Background(), es.ID, segs[0].ID, 5)
	if err != nil || len(h) == 0 || h[0].Action != store.HistoryEdit || h[0].Previous != segs[0].Target {
		t.Errorf("history %+v %v", h, err)
	}

	for _, tc := range []struct {
		name, who, body string
		status          int
	}{
		{"no edits", "ana", `{"edits":[]}`, http.StatusBadRequest},
		{"no body field", "ana", `{}`, http.StatusBadRequest},
		{"not JSON", "ana", `edits`, http.StatusBadRequest},
		{"another language", "pia", body([3]any{segs[0].ID, "x", 1}), http.StatusForbidden},
	} {
		resp, raw := e.login(tc.who).postJSON("/editions/"+es.ID+"/replace", tc.body)
		if resp.StatusCode != tc.status || !strings.Contains(raw, `"error"`) {
			t.Errorf("%s: %s %s, want %d", tc.name, resp.Status, raw, tc.status)
		}
	}
}

// TestApproveMemory approves exactly the untouched exact memory matches,
// each with its own history entry, and nothing else.
func TestApproveMemory(t *testing.T) {
	e := newEnv(t)
	ana := e.addUser("ana", auth.Translator, "es")
	_, eds := e.ingest("Memory", "text", "First one. Second one. Third one. Fourth one.")
	es := eds["es"]
	segs := e.segments(es.ID)[1:] // after the title
	db := e.app.Store.DB()
	for _, q := range []struct {
		sql string
		id  string
	}{
		{`UPDATE segments SET origin = 'tm', engine = 'exact' WHERE id = ?`, segs[0].ID},
		{`UPDATE segments SET origin = 'tm', engine = '', matches = '[{"source":"x","target":"` + segs[1].Target + `","score":101}]' WHERE id = ?`, segs[1].ID},
		{`UPDATE segments SET origin = 'tm', engine = '', matches = '[{"source":"x","target":"y","score":87}]' WHERE id = ?`, segs[2].ID}, // fuzzy
		{`UPDATE segments SET origin = 'human', status = 'edited' WHERE id = ?`, segs[3].ID},
	} {
		if _, err := db.Exec(q.sql, q.id); err != nil {
			t.Fatal(err)
		}
	}
	u := e.login("ana")
	resp, raw := u.postJSON("/editions/"+es.ID+"/approve-memory", `{}`)
	var ans batchAnswer
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(raw), &ans) != nil {
		t.Fatalf("approve-memory: %s %s", resp.Status, raw)
	}
	if ans.Approved != 2 || ans.Failed != 0 || len(ans.Results) != 2 {
		t.Errorf("answer %+v", ans)
	}
	var statuses []string
	for _, s := range segs {
		statuses = append(statuses, e.segment(es.ID, s.ID).Status)
	}
	if d := cmp.Diff([]string{"approved", "approved", "draft", "edited"}, statuses); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	for _, s := range segs[:2] {
		h, err := e.app.Store.SegmentHistory(context.Background(), es.ID, s.ID, 5)
		if err != nil || len(h) != 1 || h[0].Action != store.HistoryApprove || h[0].ByID != ana.ID {
			t.Errorf("history of %s: %+v %v", s.ID, h, err)
		}
	}
	// Nothing left: a second call approves nothing.
	_, raw = u.postJSON("/editions/"+es.ID+"/approve-memory", `{}`)
	if !strings.Contains(raw, `"approved":0`) {
		t.Errorf("second call: %s", raw)
	}
}

// TestConcordanceEndpoint: words of the query, highlights, the best first,
// only the edition's pair; an empty query is a 400.
func TestConcordanceEndpoint(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	_, eds := e.ingest("Conc", "text", "Hello world.")
	for i, u := range []store.TMUnit{
		{SourceLang: "en", TargetLang: "es", Source: "The economy <1>grew</1>.", Target: "La economía creció."},
		{SourceLang: "en", TargetLang: "es", Source: "Weather and economy.", Target: "Tiempo y economía."},
		{SourceLang: "en", TargetLang: "pt-BR", Source: "The economy grew.", Target: "A economia cresceu."},
	} {
		u.SourceHash = fmt.Sprint("c", i)
		if err := e.app.Store.PutTMUnit(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	u := e.login("ana")
	resp, raw := u.get("/editions/"+eds["es"].ID+"/concordance?q=weather+ECONOMY", http.Header{"Accept": {"application/json"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s", resp.Status, raw)
	}
	var ans struct {
		Hits []struct {
			Source []struct {
				Text string
				Hit  bool
			}
			Words int
		}
	}
	if err := json.Unmarshal([]byte(raw), &ans); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range ans.Hits {
		var b strings.Builder
		for _, r := range h.Source {
			if r.Hit {
				b.WriteString("[" + r.Text + "]")
			} else {
				b.WriteString(r.Text)
			}
		}
		got = append(got, fmt.Sprintf("%d %s", h.Words, b.String()))
	}
	want := []string{"2 [Weather] and [economy].", "1 The [economy] grew."}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("hits (-want +got):\n%s", d)
	}
	resp, raw = u.get("/editions/"+eds["es"].ID+"/concordance?q=+,+", http.Header{"Accept": {"application/json"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(raw, "empty_query") {
		t.Errorf("empty query: %s %s", resp.Status, raw)
	}
}

// TestPreview renders the current texts with publishing's renderer: markup
// typed into a translation stays text, the source's link is rebuilt, a
// segment without translation shows its source.
func TestPreview(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	_, eds := e.ingest("Preview", "markdown", "Read [the report](https://example.com/r) now. Second sentence.")
	es := eds["es"]
	segs := e.segments(es.ID)[1:] // after the title
	if _, err := e.app.Store.DB().Exec(`UPDATE segments SET target = ? WHERE id = ?`, `Lea <1>el informe</1> &lt;script&gt;x()&lt;/script&gt;.`, segs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.Store.DB().Exec(`UPDATE segments SET target = '', status = 'pending' WHERE id = ?`, segs[1].ID); err != nil {
		t.Fatal(err)
	}
	resp, page := e.login("ana").get("/editions/"+es.ID+"/preview", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s", resp.Status)
	}
	body := page[strings.Index(page, `id="preview-body"`):]
	for _, want := range []string{`<a href="https://example.com/r" rel="noopener">el informe</a>`, `&lt;script&gt;x()&lt;/script&gt;`, `Second sentence.`} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %s:\n%.600s", want, body)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Errorf("preview has a script element")
	}
}

// TestToolsOnRedisPostgres runs the editor tools' queries on the scale-out
// setup: replace-all, batch approval, concordance (LIKE with ESCAPE) and
// the preview, on PostgreSQL and redis-server.
func TestToolsOnRedisPostgres(t *testing.T) {
	e := newEnvWith(t, app.Config{RedisURL: testenv.RedisURL(t), DatabaseURL: testenv.PostgresURL(t)})
	_, eds := e.ingest("Title", "text", "One sentence. Two sentences.")
	e.addUser("ana", auth.Translator, "es")
	u := e.login("ana")
	es := eds["es"]
	segs := e.segments(es.ID)[1:]
	if _, err := e.app.Store.DB().Exec(`UPDATE segments SET origin = 'tm', engine = 'exact' WHERE id = $1`, segs[1].ID); err != nil {
		t.Fatal(err)
	}
	resp, raw := u.postJSON("/editions/"+es.ID+"/replace", fmt.Sprintf(`{"edits":[{"id":%q,"target":"Una frase 100%%_.","version":%d}]}`, segs[0].ID, segs[0].Version))
	if resp.StatusCode != http.StatusOK || !strings.Contains(raw, `"saved":1`) {
		t.Fatalf("replace: %s %s", resp.Status, raw)
	}
	if resp, raw := u.postJSON("/editions/"+es.ID+"/approve-memory", `{}`); resp.StatusCode != http.StatusOK || !strings.Contains(raw, `"approved":1`) {
		t.Errorf("approve-memory: %s %s", resp.Status, raw)
	}
	if s := e.segment(es.ID, segs[1].ID); s.Status != store.SegmentApproved {
		t.Errorf("memory match is %s", s.Status)
	}
	// The approval fed the memory; the concordance finds it.
	if resp, raw := u.get("/editions/"+es.ID+"/concordance?q=two", http.Header{"Accept": {"application/json"}}); resp.StatusCode != http.StatusOK || !strings.Contains(raw, `"words":1`) {
		t.Errorf("concordance: %s %s", resp.Status, raw)
	}
	if resp, page := u.get("/editions/"+es.ID+"/preview", nil); resp.StatusCode != http.StatusOK || !strings.Contains(page, "Una frase 100%_.") {
		t.Errorf("preview: %s", resp.Status)
	}
}
