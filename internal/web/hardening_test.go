package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// webOnBothDatabases runs fn against the UI on SQLite and on PostgreSQL.
func webOnBothDatabases(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newEnv(t)) })
	t.Run("postgres", func(t *testing.T) {
		fn(t, newEnvWith(t, app.Config{DataDir: t.TempDir(), DatabaseURL: testenv.PostgresURL(t)}))
	})
}

// TestEditorRefusesBadText: the editor's JSON calls refuse what the API
// refuses — invalid UTF-8, lone surrogate escapes (which encoding/json
// would turn into U+FFFD), control characters, versions beyond the
// database's integers — and form fields and paths with control characters
// are 4xx too; nothing changes.
func TestEditorRefusesBadText(t *testing.T) {
	webOnBothDatabases(t, func(t *testing.T, e *env) {
		e.t = t
		_, eds := e.ingest("Title", "markdown", "One sentence. Two sentences.")
		e.addUser("ana", auth.Translator, "es")
		ana := e.login("ana")
		ana.t = t
		es := eds["es"]
		seg := e.segments(es.ID)[1]
		segPath := "/editions/" + es.ID + "/segments/" + seg.ID
		v := itoa(seg.Version)
		for _, tc := range []struct {
			name, path, body string
			status           int
			code             string
		}{
			{"invalid UTF-8", segPath, "{\"target\":\"Una \xff frase.\",\"version\":" + v + "}", 400, "invalid_utf8"},
			{"lone high surrogate", segPath, `{"target":"Una \ud800 frase.","version":` + v + `}`, 400, "invalid_text"},
			{"lone low surrogate", segPath, `{"target":"Una \udfff frase.","version":` + v + `}`, 400, "invalid_text"},
			{"NUL escape", segPath, `{"target":"Una \u0000 frase.","version":` + v + `}`, 400, "control_character"},
			{"raw DEL", segPath, "{\"target\":\"Una \x7f frase.\",\"version\":" + v + "}", 400, "control_character"},
			{"C1 escape", segPath, `{"target":"Una \u0085 frase.","version":` + v + `}`, 400, "control_character"},
			{"approve with a surrogate", segPath + "/approve", `{"target":"Una \ud83d frase.","version":` + v + `}`, 400, "invalid_text"},
			{"version 2^31", segPath, `{"target":"Una frase.","version":2147483648}`, 400, "invalid_version"},
			{"approve version 2^40", segPath + "/approve", `{"version":1099511627776}`, 400, "invalid_version"},
			{"replace version 2^31", "/editions/" + es.ID + "/replace", `{"edits":[{"id":"` + seg.ID + `","target":"Una frase.","version":2147483648}]}`, 0, "invalid_version"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ana.t = t
				r, b := ana.postJSON(tc.path, tc.body)
				if tc.status == 0 { // a batch answers per segment
					if r.StatusCode != http.StatusOK && r.StatusCode != http.StatusBadRequest {
						t.Fatalf("status %s: %s", r.Status, b)
					}
					if !json.Valid([]byte(b)) || !containsCode(b, tc.code) {
						t.Errorf("no %s in %s", tc.code, b)
					}
					return
				}
				if r.StatusCode != tc.status {
					t.Fatalf("status %s, want %d: %s", r.Status, tc.status, b)
				}
				if !containsCode(b, tc.code) {
					t.Errorf("want code %s: %s", tc.code, b)
				}
			})
		}
		ana.t = t
		r, _ := ana.postForm(segPath+"/comments", url.Values{"csrf": {ana.csrf}, "body": {"Looks\x00 good"}}, nil)
		if r.StatusCode != http.StatusBadRequest {
			t.Errorf("comment with NUL: %s, want 400", r.Status)
		}
		if r, b := ana.get("/editions/"+url.PathEscape(es.ID+"\x00"), nil); r.StatusCode != http.StatusBadRequest {
			t.Errorf("path with NUL: %s, want 400: %s", r.Status, b)
		}
		if got := e.segment(es.ID, seg.ID); got.Version != seg.Version || got.Target != seg.Target {
			t.Errorf("segment changed: %+v", got)
		}
		cms, err := e.app.Store.SegmentComments(context.Background(), es.ID, seg.ID)
		if err != nil || len(cms) != 0 {
			t.Errorf("comments %v, %v", cms, err)
		}
	})
}

func containsCode(body, code string) bool {
	var out struct {
		Error struct{ Code string } `json:"error"`
	}
	if json.Unmarshal([]byte(body), &out) == nil && out.Error.Code == code {
		return true
	}
	var batch struct {
		Results []struct {
			Error *struct{ Code string } `json:"error"`
		} `json:"results"`
	}
	if json.Unmarshal([]byte(body), &batch) == nil {
		for _, r := range batch.Results {
			if r.Error != nil && r.Error.Code == code {
				return true
			}
		}
	}
	return false
}

// TestUsernamesNormalised: an admin adding "ANA" adds "ana", who logs in
// typing "ANA" or "Ana"; a name mixing Latin and Cyrillic ("аna" with a
// Cyrillic а), or holding invisible or bidi-control characters, is refused.
func TestUsernamesNormalised(t *testing.T) {
	webOnBothDatabases(t, func(t *testing.T, e *env) {
		e.t = t
		e.addUser("root", auth.Admin)
		admin := e.login("root")
		admin.t = t
		add := func(name string) *http.Response {
			r, _ := admin.postForm("/admin/users", url.Values{"csrf": {admin.csrf}, "username": {name}, "name": {"Ana"},
				"role": {"editor"}, "password": {"password-ana"}}, nil)
			return r
		}
		if r := add("ANA"); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("add ANA: %s", r.Status)
		}
		if _, err := e.app.Store.UserByName(context.Background(), "ana"); err != nil {
			t.Fatalf("ANA is not stored as ana: %v", err)
		}
		for _, bad := range []string{"\u0430na", "an\u03b1", "a\u200dna", "a\u200bna", "\u202ean\u202ca", "a\u00adna", "a\x00na", "a na", "Ana\u2066"} {
			if r := add(bad); r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("add %+q: %s, want 422", bad, r.Status)
			}
		}
		if r, _ := admin.postForm("/admin/users", url.Values{"csrf": {admin.csrf}, "username": {"bea"}, "role": {"translator"},
			"langs": {"fr"}, "password": {"password-bea"}}, nil); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("translator into fr (not configured): %s, want 422", r.Status)
		}
		if r := add("ａｎａ"); r.StatusCode != http.StatusConflict { // NFKC: fullwidth is ana
			t.Errorf("add fullwidth ana: %s, want 409", r.Status)
		}
		for _, typed := range []string{"ANA", "Ana", "ana"} {
			u := e.anonymous()
			u.t = t
			_, page := u.get("/login", nil)
			m := hiddenCSRF.FindStringSubmatch(page)
			r, _ := u.postForm("/login", url.Values{"csrf": {m[1]}, "username": {typed}, "password": {"password-ana"}, "next": {"/"}}, nil)
			if r.StatusCode != http.StatusSeeOther {
				t.Errorf("login as %q: %s", typed, r.Status)
			}
		}
		users, err := e.app.Store.ListUsers(context.Background())
		if err != nil || len(users) != 2 {
			t.Errorf("users %+v, %v", users, err)
		}
		_, err = e.app.Store.UserByName(context.Background(), "\u0430na")
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Cyrillic ana: %v", err)
		}
	})
}
