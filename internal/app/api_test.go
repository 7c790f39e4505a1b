package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

type apiError struct {
	Error struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Detail  json.RawMessage `json:"detail"`
	} `json:"error"`
}

func errorCode(t *testing.T, raw []byte) apiError {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(raw, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("not a JSON error {error:{code,message}}: %s", raw)
	}
	return e
}

// TestBadInputStoresNothing sends bad articles and bad credentials; each gets
// a clear 4xx JSON error and nothing is stored.
func TestBadInputStoresNothing(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1})
	editor := newClient(t, a, auth.Editor)
	translator := newClient(t, a, auth.Translator, "es")
	anon := &client{t: t, base: a.URL()}
	bad := &client{t: t, base: a.URL(), token: "prt_notarealtoken"}
	huge := strings.Repeat("word ", pipeline.MaxBodyBytes/5+1)
	for _, tc := range []struct {
		name   string
		c      *client
		body   any
		status int
		code   string
	}{
		{"invalid UTF-8", editor, []byte("{\"body\": \"caf\xe9 au lait\", \"format\": \"text\"}"), 400, "invalid_utf8"},
		{"empty body", editor, map[string]any{"body": "   \n\t", "format": "text"}, 422, "empty_body"},
		{"missing body", editor, map[string]any{"format": "text"}, 422, "empty_body"},
		{"unknown format", editor, map[string]any{"body": "Hello.", "format": "docx"}, 422, "unknown_format"},
		{"over the size limit", editor, map[string]any{"body": huge, "format": "text"}, 413, "body_too_large"},
		{"request over the size limit", editor, []byte(`{"body": "` + strings.Repeat("x", 5<<20) + `"}`), 413, "body_too_large"},
		{"not JSON", editor, []byte("body=hello"), 400, "invalid_json"},
		{"unknown field", editor, map[string]any{"body": "Hello.", "fromat": "text"}, 400, "invalid_json"},
		{"bad target language", editor, map[string]any{"body": "Hello.", "targets": []string{"not a tag!"}}, 422, "invalid_language"},
		{"bad slug", editor, map[string]any{"body": "Hello.", "slug": "Not A Slug"}, 422, "invalid_slug"},
		{"bad canonical URL", editor, map[string]any{"body": "Hello.", "canonical_url": "javascript:alert(1)"}, 422, "invalid_canonical_url"},
		{"no token", anon, map[string]any{"body": "Hello.", "format": "text"}, 401, "unauthenticated"},
		{"bad token", bad, map[string]any{"body": "Hello.", "format": "text"}, 401, "unauthenticated"},
		{"translator may not ingest", translator, map[string]any{"body": "Hello.", "format": "text"}, 403, "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, raw := tc.c.do("POST", "/api/v1/articles", tc.body, nil)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, raw)
			}
			if e := errorCode(t, raw); e.Error.Code != tc.code {
				t.Errorf("code %q, want %q (%s)", e.Error.Code, tc.code, e.Error.Message)
			}
		})
	}
	var arts []article
	editor.do("GET", "/api/v1/articles", nil, &arts)
	if len(arts) != 0 {
		t.Errorf("bad input stored %d articles", len(arts))
	}
	if code, _ := anon.do("GET", "/api/v1/editions", nil, nil); code != 401 {
		t.Errorf("GET editions without a token: %d, want 401", code)
	}
}

// ingestOne ingests a small article and waits for review.
func ingestOne(t *testing.T, c *client, body string, targets ...string) article {
	t.Helper()
	req := map[string]any{"body": body, "format": "markdown", "title": "Port strike"}
	if len(targets) > 0 {
		req["targets"] = targets
	}
	var art article
	if code, raw := c.do("POST", "/api/v1/articles", req, &art); code != 202 {
		t.Fatalf("ingest: %d %s", code, raw)
	}
	return c.waitEditions2(art.ID, len(targetsOr(targets)), "in_review")
}

func targetsOr(t []string) []string {
	if len(t) == 0 {
		return []string{"es", "pt-BR"}
	}
	return t
}

func (c *client) waitEditions2(id string, n int, want ...string) article {
	c.t.Helper()
	var a article
	testenv.Eventually(c.t, deadline, func() (bool, string) {
		a = article{}
		c.do("GET", "/api/v1/articles/"+id, nil, &a)
		if len(a.Editions) != n {
			return false, fmt.Sprintf("%d editions", len(a.Editions))
		}
		for _, e := range a.Editions {
			if !slices.Contains(want, e.Status) {
				return false, fmt.Sprintf("edition %s is %s, want %v", e.Lang, e.Status, want)
			}
		}
		return true, ""
	})
	return a
}

func (c *client) segments(editionID string) []segmentView {
	c.t.Helper()
	var segs []segmentView
	if code, raw := c.do("GET", "/api/v1/editions/"+editionID+"/segments", nil, &segs); code != 200 {
		c.t.Fatalf("segments: %d %s", code, raw)
	}
	return segs
}

func (c *client) edition(id string) edition {
	c.t.Helper()
	var e edition
	if code, raw := c.do("GET", "/api/v1/editions/"+id, nil, &e); code != 200 {
		c.t.Fatalf("edition: %d %s", code, raw)
	}
	return e
}

// TestReview covers editing with version checks, tag checks, translators'
// languages, approval and publication rules.
func TestReview(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	es := newClient(t, a, auth.Translator, "es")
	art := ingestOne(t, editor, "Dock workers voted to *continue* the strike. See [the vote](https://example.org/vote).")
	var esEd, ptEd edition
	for _, e := range art.Editions {
		if e.Lang == "es" {
			esEd = e
		} else {
			ptEd = e
		}
	}
	// A translator works in their languages only.
	if code, raw := es.do("GET", "/api/v1/editions/"+ptEd.ID+"/segments", nil, nil); code != 403 || errorCode(t, raw).Error.Code != "forbidden" {
		t.Errorf("es translator reading pt-BR segments: %d %s", code, raw)
	}
	var listed []edition
	es.do("GET", "/api/v1/editions?status=in_review", nil, &listed)
	if len(listed) != 1 || listed[0].ID != esEd.ID {
		t.Errorf("es translator's edition list = %+v, want only %s", listed, esEd.ID)
	}
	if code, _ := es.do("POST", "/api/v1/editions/"+esEd.ID+"/publish", map[string]any{}, nil); code != 403 {
		t.Errorf("translator publishing: %d, want 403", code)
	}

	segs := es.segments(esEd.ID)
	if len(segs) != 3 { // title + two sentences
		t.Fatalf("segments: %+v", segs)
	}
	s := segs[1]
	if !strings.Contains(s.Source, "<1>continue</1>") {
		t.Fatalf("emphasis is not a tag: %q", s.Source)
	}
	path := "/api/v1/editions/" + esEd.ID + "/segments/" + s.ID
	// Tags must match the source.
	code, raw := es.do("PUT", path, map[string]any{"target": "Los estibadores votaron continuar la huelga.", "version": s.Version}, nil)
	if code != 422 || errorCode(t, raw).Error.Code != "tags_mismatch" {
		t.Errorf("dropping a tag: %d %s", code, raw)
	}
	// A good edit.
	var saved segmentView
	code, raw = es.do("PUT", path, map[string]any{"target": "Los estibadores votaron <1>continuar</1> la huelga.", "version": s.Version}, &saved)
	if code != 200 || saved.Version != s.Version+1 || saved.Status != "edited" || saved.Origin != "human" {
		t.Fatalf("edit: %d %s", code, raw)
	}
	// The same stale version again is a conflict that shows the current text.
	code, raw = editor.do("PUT", path, map[string]any{"target": "Otra <1>cosa</1>.", "version": s.Version}, nil)
	e := errorCode(t, raw)
	if code != 409 || e.Error.Code != "version_conflict" || !strings.Contains(string(e.Error.Detail), "votaron") {
		t.Errorf("stale edit: %d %s", code, raw)
	}
	// Approving at a stale version is a conflict too.
	if code, raw := es.do("POST", path+"/approve", map[string]int{"version": s.Version}, nil); code != 409 {
		t.Errorf("stale approve: %d %s", code, raw)
	}
	if code, raw := es.do("PUT", "/api/v1/editions/"+esEd.ID+"/segments/seg_nope", map[string]any{"target": "x", "version": 1}, nil); code != 404 {
		t.Errorf("unknown segment: %d %s", code, raw)
	}
	// Publishing before approval is refused.
	if code, raw := editor.do("POST", "/api/v1/editions/"+esEd.ID+"/publish", map[string]any{}, nil); code != 409 || errorCode(t, raw).Error.Code != "not_approved" {
		t.Errorf("publish before approval: %d %s", code, raw)
	}
	for _, s := range es.segments(esEd.ID) {
		if code, raw := es.do("POST", "/api/v1/editions/"+esEd.ID+"/segments/"+s.ID+"/approve", map[string]int{"version": s.Version}, nil); code != 200 {
			t.Fatalf("approve: %d %s", code, raw)
		}
	}
	if got := editor.edition(esEd.ID); got.Status != "approved" || got.Progress.Approved != 3 {
		t.Fatalf("after approving all: %+v", got)
	}
	// Editing an approved segment sends the edition back to review.
	s = es.segments(esEd.ID)[0]
	if code, raw := es.do("PUT", "/api/v1/editions/"+esEd.ID+"/segments/"+s.ID, map[string]any{"target": "Huelga portuaria", "version": s.Version}, nil); code != 200 {
		t.Fatalf("re-edit: %d %s", code, raw)
	}
	if got := editor.edition(esEd.ID); got.Status != "in_review" {
		t.Errorf("after editing an approved segment: %s, want in_review", got.Status)
	}
}

// approveAll approves every segment of an edition and waits for approved.
func approveAll(t *testing.T, c *client, editionID string) {
	t.Helper()
	for _, s := range c.segments(editionID) {
		if s.Status == "approved" {
			continue
		}
		if code, raw := c.do("POST", "/api/v1/editions/"+editionID+"/segments/"+s.ID+"/approve", map[string]int{"version": s.Version}, nil); code != 200 {
			t.Fatalf("approve: %d %s", code, raw)
		}
	}
}

func (c *client) waitEdition(id string, want string) edition {
	c.t.Helper()
	var e edition
	testenv.Eventually(c.t, deadline, func() (bool, string) {
		e = c.edition(id)
		return e.Status == want, fmt.Sprintf("edition %s is %s, want %s", id, e.Status, want)
	})
	return e
}

// TestCorrectionAndRepublish publishes, corrects the source, checks that
// unchanged sentences keep their approved translations while the changed one
// goes back to work, and republishes as version 2; then unpublishes.
func TestCorrectionAndRepublish(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	rcv := newReceiver(t)
	rcv.subscribe(editor, "*")
	art := ingestOne(t, editor, "The strike goes on. Talks resume on Monday.", "es")
	ed := art.Editions[0]
	approveAll(t, editor, ed.ID)
	editor.waitEdition(ed.ID, "approved")
	if code, raw := editor.do("POST", "/api/v1/editions/"+ed.ID+"/publish", nil, nil); code != 202 {
		t.Fatalf("publish: %d %s", code, raw)
	}
	editor.waitEdition(ed.ID, "published")
	page := a.URL() + "/es/" + art.Slug

	// Correct the second sentence.
	code, raw := editor.do("PUT", "/api/v1/articles/"+art.ID, map[string]any{"body": "The strike goes on. Talks resume on Tuesday.", "format": "markdown", "title": "Port strike"}, nil)
	if code != 202 {
		t.Fatalf("correct: %d %s", code, raw)
	}
	var segs []segmentView
	testenv.Eventually(t, deadline, func() (bool, string) {
		e := editor.edition(ed.ID)
		segs = editor.segments(ed.ID)
		return e.Status == "outdated" && len(segs) == 3 && segs[2].Status == "draft",
			fmt.Sprintf("edition %s, segments %+v", e.Status, segs)
	})
	if segs[0].Status != "approved" || segs[1].Status != "approved" {
		t.Errorf("unchanged sentences lost their approval: %+v", segs)
	}
	// The live page still serves version 1 while the correction is reviewed.
	if resp, err := http.Get(page); err != nil || resp.StatusCode != 200 {
		t.Fatalf("page during correction: %v %v", resp, err)
	}
	approveAll(t, editor, ed.ID)
	editor.waitEdition(ed.ID, "approved")
	editor.do("POST", "/api/v1/editions/"+ed.ID+"/publish", nil, nil)
	if e := editor.waitEdition(ed.ID, "published"); e.Version != 2 {
		t.Errorf("republished version %d, want 2", e.Version)
	}
	resp, err := http.Get(page + "?format=json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Version int }
	json.NewDecoder(resp.Body).Decode(&doc)
	resp.Body.Close()
	if doc.Version != 2 {
		t.Errorf("page serves version %d, want 2", doc.Version)
	}
	testenv.Eventually(t, deadline, func() (bool, string) {
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		var types []string
		for _, ev := range rcv.events {
			types = append(types, fmt.Sprint(ev["type"]))
		}
		return slices.Contains(types, "edition.updated") && slices.Contains(types, "article.received") && slices.Contains(types, "edition.approved"),
			fmt.Sprintf("events %v", types)
	})

	if code, raw := editor.do("POST", "/api/v1/editions/"+ed.ID+"/unpublish", nil, nil); code != 200 {
		t.Fatalf("unpublish: %d %s", code, raw)
	}
	if resp, err := http.Get(page); err != nil || resp.StatusCode != http.StatusGone {
		t.Errorf("unpublished page: %v %v, want 410", resp.Status, err)
	}
}

// TestScheduledPublish publishes at a time a little in the future.
func TestScheduledPublish(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	art := ingestOne(t, editor, "A short note.", "es")
	ed := art.Editions[0]
	approveAll(t, editor, ed.ID)
	editor.waitEdition(ed.ID, "approved")
	at := time.Now().Add(2 * time.Second).UTC()
	var got edition
	if code, raw := editor.do("POST", "/api/v1/editions/"+ed.ID+"/publish", map[string]any{"at": at.Format(time.RFC3339Nano)}, &got); code != 202 || got.Status != "scheduled" {
		t.Fatalf("schedule: %d %s", code, raw)
	}
	e := editor.waitEdition(ed.ID, "published")
	var full struct {
		PublishedAt time.Time `json:"published_at"`
	}
	editor.do("GET", "/api/v1/editions/"+ed.ID, nil, &full)
	if full.PublishedAt.Before(at.Add(-time.Second)) || e.Version != 1 {
		t.Errorf("published at %v, scheduled for %v", full.PublishedAt, at)
	}
}

// TestWebhookFailureAndRedelivery: a receiver that fails gets retried and
// logged; redelivery sends the event again.
func TestWebhookRedelivery(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	rcv := newReceiver(t)
	var hook struct{ ID, Secret string }
	if code, raw := editor.do("POST", "/api/v1/webhooks", map[string]any{"url": rcv.srv.URL, "events": []string{"article.received"}}, &hook); code != 201 {
		t.Fatalf("webhook: %d %s", code, raw)
	}
	rcv.mu.Lock()
	rcv.secret = "whsec_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" // wrong: calls are refused with 401
	rcv.mu.Unlock()
	editor.do("POST", "/api/v1/articles", map[string]any{"body": "Hello.", "targets": []string{"es"}}, nil)
	type delivery struct {
		ID, Status string
		Attempts   int
		LastCode   int `json:"last_code"`
	}
	var ds []delivery
	testenv.Eventually(t, deadline, func() (bool, string) {
		editor.do("GET", "/api/v1/webhooks/"+hook.ID+"/deliveries", nil, &ds)
		return len(ds) == 1 && ds[0].Attempts >= 1 && ds[0].LastCode == 401, fmt.Sprintf("deliveries %+v", ds)
	})
	rcv.mu.Lock()
	rcv.secret = hook.Secret
	rcv.mu.Unlock()
	if code, raw := editor.do("POST", "/api/v1/webhooks/"+hook.ID+"/deliveries/"+ds[0].ID+"/redeliver", nil, nil); code != 202 {
		t.Fatalf("redeliver: %d %s", code, raw)
	}
	testenv.Eventually(t, deadline, func() (bool, string) {
		editor.do("GET", "/api/v1/webhooks/"+hook.ID+"/deliveries", nil, &ds)
		return ds[0].Status == "delivered", fmt.Sprintf("deliveries %+v", ds)
	})
	var detail struct {
		AttemptLog []struct{ Code int } `json:"attempt_log"`
	}
	editor.do("GET", "/api/v1/webhooks/"+hook.ID+"/deliveries/"+ds[0].ID, nil, &detail)
	if n := len(detail.AttemptLog); n < 2 || detail.AttemptLog[0].Code != 401 || detail.AttemptLog[n-1].Code != 204 {
		t.Errorf("attempt log %+v", detail.AttemptLog)
	}
}

// TestWebhookTargetsGuarded: loopback and private targets are refused
// unless --webhook-allow-networks lists them.
func TestWebhookTargetsGuarded(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), WebhookAllowNetworks: []string{"10.9.0.0/16"}})
	editor := newClient(t, a, auth.Editor)
	special := []string{"http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://192.168.1.10/hook", "http://[::1]:9/",
		"http://[::127.0.0.1]/", "http://[::ffff:127.0.0.1]/", "http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/",
		"http://0.0.0.0/", "http://2130706433/", "http://0177.0.0.1/", "http://[fe80::1%25lo]/", "http://[fd00::1]/"}
	for _, u := range special {
		code, raw := editor.do("POST", "/api/v1/webhooks", map[string]any{"url": u, "events": []string{"*"}}, nil)
		if code != 422 || errorCode(t, raw).Error.Code != "forbidden_url" {
			t.Errorf("webhook to %s: %d %s", u, code, raw)
		}
		// Feeds of originals are registered through the same guard.
		if code, raw := editor.do("POST", "/api/v1/sources", map[string]any{"url": u}, nil); code < 400 || code >= 500 {
			t.Errorf("source at %s: %d %s", u, code, raw)
		}
	}
	for _, body := range []map[string]any{
		{"url": "ftp://example.org/", "events": []string{"*"}},
		{"url": "http://10.9.1.1/hook", "events": []string{"edition.nonsense"}},
		{"url": "http://10.9.1.1/hook", "events": []string{}},
	} {
		if code, raw := editor.do("POST", "/api/v1/webhooks", body, nil); code != 422 {
			t.Errorf("webhook %v: %d %s", body, code, raw)
		}
	}
	if code, raw := editor.do("POST", "/api/v1/webhooks", map[string]any{"url": "http://10.9.1.1/hook", "events": []string{"*"}}, nil); code != 201 {
		t.Errorf("webhook to an allowed private network: %d %s", code, raw)
	}
}

// TestMemoryFirst: a sentence approved once is drafted from translation
// memory the next time it appears, before any backend is asked.
func TestMemoryFirst(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	first := ingestOne(t, editor, "The port is closed. Ships wait offshore.", "es")
	ed := first.Editions[0]
	for _, s := range editor.segments(ed.ID) {
		target := "TRADUCCIÓN HUMANA " + s.Source
		var saved segmentView
		if code, raw := editor.do("PUT", "/api/v1/editions/"+ed.ID+"/segments/"+s.ID, map[string]any{"target": target, "version": s.Version}, &saved); code != 200 {
			t.Fatalf("edit: %d %s", code, raw)
		}
		editor.do("POST", "/api/v1/editions/"+ed.ID+"/segments/"+s.ID+"/approve", map[string]int{"version": saved.Version}, nil)
	}
	var art article
	editor.do("POST", "/api/v1/articles", map[string]any{"body": "Ships wait offshore. Talks resume.", "targets": []string{"es"}}, &art)
	art = editor.waitEditions2(art.ID, 1, "in_review")
	segs := editor.segments(art.Editions[0].ID)
	if len(segs) != 2 {
		t.Fatalf("segments %+v", segs)
	}
	if segs[0].Origin != "tm" || segs[0].Target != "TRADUCCIÓN HUMANA Ships wait offshore." {
		t.Errorf("remembered sentence: origin %q target %q", segs[0].Origin, segs[0].Target)
	}
	if segs[1].Origin != "pseudo" {
		t.Errorf("new sentence: origin %q, want pseudo", segs[1].Origin)
	}
}
