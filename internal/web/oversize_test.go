package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
)

// TestOversizedFormIs413: a form body over the request limit is answered
// 413 with the localised "too large" page, not 403 as if its CSRF token were
// missing (a body over the limit is not parsed at all), whether the
// form is url-encoded or multipart, on a session's form and on the login
// form; the UI language is not changed.
func TestOversizedFormIs413(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	ana := e.login("ana")
	big := strings.Repeat("x", pipeline.MaxRequestBytes+1024)
	es := http.Header{"Accept-Language": {"es"}}

	resp, body := ana.postForm("/settings/language", url.Values{"pad": {big}, "lang": {"es"}, "csrf": {ana.csrf}}, es)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Es demasiado texto") {
		t.Errorf("url-encoded oversized form: %s, Spanish 413 page: %v", resp.Status, strings.Contains(body, "Es demasiado texto"))
	}

	var mb bytes.Buffer
	mw := multipart.NewWriter(&mb)
	_ = mw.WriteField("pad", big)
	_ = mw.WriteField("lang", "es")
	_ = mw.WriteField("csrf", ana.csrf)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/settings/language", &mb)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept-Language", "pt")
	if resp, body := ana.do(req); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "É texto demais") {
		t.Errorf("multipart oversized form: %s, Portuguese 413 page: %v", resp.Status, strings.Contains(body, "É texto demais"))
	}

	anon := e.anonymous()
	_, page := anon.get("/login", nil)
	m := hiddenCSRF.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no csrf field on the login page")
	}
	resp, _ = anon.postForm("/login", url.Values{"a": {strings.Repeat("y", 70<<10)}, "csrf": {m[1]}, "username": {"ana"}, "password": {password("ana")}}, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized login form: %s, want 413", resp.Status)
	}

	if u, _ := e.app.Store.UserByName(context.Background(), "ana"); u.UILang != "" {
		t.Errorf("an oversized form changed the UI language to %q", u.UILang)
	}
	// A form within the limit still works.
	if resp, _ := ana.postForm("/settings/language", url.Values{"lang": {"es"}, "csrf": {ana.csrf}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("normal form: %s", resp.Status)
	}
}
