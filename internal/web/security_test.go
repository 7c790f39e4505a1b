package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
)

// article is a small article whose text carries markup and script, which
// must reach every page as text.
const hostileBody = "Breaking <b>news</b> from <script>window.__xss=1</script> the desk.\n\n" +
	"An image <img src=x onerror=\"window.__xss=2\"> and an ampersand & a quote \" here.\n\nA third paragraph."

func TestSignedOutIsSentToLogin(t *testing.T) {
	e := newEnv(t)
	_, eds := e.ingest("Title", "text", "One sentence. Two sentences.")
	anon := e.anonymous()
	for _, path := range []string{"/", "/editions/" + eds["es"].ID, "/articles", "/admin/users", "/editions/" + eds["es"].ID + "/state"} {
		resp, _ := anon.get(path, nil)
		want := "/login?next=" + url.QueryEscape(path)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("GET %s signed out: %s → %q, want 303 → %q", path, resp.Status, resp.Header.Get("Location"), want)
		}
	}
	// The script's calls get a 401 it can show, not a login page.
	resp, body := anon.get("/editions/"+eds["es"].ID+"/state", http.Header{"Accept": {"application/json"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"signed_out"`) {
		t.Errorf("fetch signed out: %s %s", resp.Status, body)
	}
	// The login page itself is open, in the browser's language.
	resp, body = anon.get("/login", http.Header{"Accept-Language": {"pt-BR,pt;q=0.9"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<html lang="pt">`) || !strings.Contains(body, "Entrar no pressroom") {
		t.Errorf("login page in Portuguese: %s\n%s", resp.Status, body)
	}
}

func TestTranslatorGets403OnAnotherLanguage(t *testing.T) {
	e := newEnv(t)
	_, eds := e.ingest("Title", "text", "One sentence. Two sentences.")
	e.addUser("ana", auth.Translator, "es")
	ana := e.login("ana")
	pt := eds["pt-BR"]
	seg := e.segments(pt.ID)[0]

	for _, tc := range []struct {
		name string
		call func() *http.Response
	}{
		{"editor", func() *http.Response { r, _ := ana.get("/editions/"+pt.ID, nil); return r }},
		{"state", func() *http.Response {
			r, _ := ana.get("/editions/"+pt.ID+"/state", http.Header{"Accept": {"application/json"}})
			return r
		}},
		{"events", func() *http.Response { r, _ := ana.get("/editions/"+pt.ID+"/events", nil); return r }},
		{"save", func() *http.Response {
			r, _ := ana.postJSON("/editions/"+pt.ID+"/segments/"+seg.ID, `{"target":"x","version":`+itoa(seg.Version)+`}`)
			return r
		}},
		{"approve", func() *http.Response {
			r, _ := ana.postJSON("/editions/"+pt.ID+"/segments/"+seg.ID+"/approve", `{"version":`+itoa(seg.Version)+`}`)
			return r
		}},
		{"comment", func() *http.Response {
			r, _ := ana.postForm("/editions/"+pt.ID+"/segments/"+seg.ID+"/comments", url.Values{"csrf": {ana.csrf}, "body": {"hi"}}, nil)
			return r
		}},
		{"claim", func() *http.Response { r, _ := ana.postJSON("/editions/"+pt.ID+"/claim", `{}`); return r }},
		{"dashboard", func() *http.Response { r, _ := ana.get("/articles", nil); return r }},
		{"admin", func() *http.Response { r, _ := ana.get("/admin/users", nil); return r }},
	} {
		if r := tc.call(); r.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %s, want 403", tc.name, r.Status)
		}
	}
	if got := e.segment(pt.ID, seg.ID); got.Version != seg.Version || got.Target != seg.Target {
		t.Errorf("segment changed by a refused call: %+v", got)
	}
	// Her own language works, and her queue lists only it.
	if r, _ := ana.get("/editions/"+eds["es"].ID, nil); r.StatusCode != http.StatusOK {
		t.Errorf("own language: %s", r.Status)
	}
	_, queue := ana.get("/", nil)
	if !strings.Contains(queue, eds["es"].ID) || strings.Contains(queue, pt.ID) {
		t.Errorf("queue should list the es edition only:\n%s", queue)
	}
}

func TestFormWithoutCSRFTokenIsRefused(t *testing.T) {
	e := newEnv(t)
	_, eds := e.ingest("Title", "text", "One sentence. Two sentences.")
	e.addUser("ana", auth.Translator, "es")
	ana := e.login("ana")
	es := eds["es"]
	seg := e.segments(es.ID)[0]

	for _, tc := range []struct {
		name   string
		form   url.Values
		header http.Header
	}{
		{"no token", url.Values{"lang": {"es"}}, nil},
		{"wrong token", url.Values{"lang": {"es"}, "csrf": {"not-the-token"}}, nil},
		{"cross-site", url.Values{"lang": {"es"}, "csrf": {ana.csrf}},
			http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}},
	} {
		resp, _ := ana.postForm("/settings/language", tc.form, tc.header)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %s, want 403", tc.name, resp.Status)
		}
	}
	u, _ := e.app.Store.UserByName(context.Background(), "ana")
	if u.UILang != "" {
		t.Errorf("a refused form changed the UI language to %q", u.UILang)
	}
	if resp, _ := ana.postForm("/settings/language", url.Values{"lang": {"es"}, "csrf": {ana.csrf}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("with the token: %s", resp.Status)
	}

	// The script's save without its header is refused too, and changes nothing.
	req, _ := http.NewRequest(http.MethodPost, e.url+"/editions/"+es.ID+"/segments/"+seg.ID,
		strings.NewReader(`{"target":"Hola","version":`+itoa(seg.Version)+`}`))
	req.Header.Set("Accept", "application/json")
	if resp, body := ana.do(req); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `"csrf"`) {
		t.Errorf("save without token: %s %s", resp.Status, body)
	}
	if got := e.segment(es.ID, seg.ID); got.Version != seg.Version {
		t.Errorf("segment saved without a token: %+v", got)
	}

	// Logging in needs the login form's token.
	anon := e.anonymous()
	resp, _ := anon.postForm("/login", url.Values{"username": {"ana"}, "password": {password("ana")}}, nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("login without token: %s", resp.Status)
	}
}

func TestSessions(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")

	// A wrong password gives the form again, and no session.
	anon := e.anonymous()
	_, page := anon.get("/login", nil)
	tok := hiddenCSRF.FindStringSubmatch(page)[1]
	resp, body := anon.postForm("/login", url.Values{"csrf": {tok}, "username": {"ana"}, "password": {"wrong-password"}}, nil)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="login-error"`) {
		t.Errorf("wrong password: %s", resp.Status)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "pressroom_session" && c.Value != "" {
			t.Errorf("a failed login set a session cookie")
		}
	}
	tok = hiddenCSRF.FindStringSubmatch(body)[1] // each form carries a fresh token
	resp, _ = anon.postForm("/login", url.Values{"csrf": {tok}, "username": {"nobody"}, "password": {"whatever-pw"}}, nil)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unknown user: %s", resp.Status)
	}

	// A good one sets an HttpOnly, SameSite=Lax cookie whose value is stored
	// only as a hash, and redirects to where the user was going.
	_, page = anon.get("/login?next=/articles", nil)
	tok = hiddenCSRF.FindStringSubmatch(page)[1]
	resp, _ = anon.postForm("/login", url.Values{"csrf": {tok}, "username": {"ana"}, "password": {password("ana")}, "next": {"/articles"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/articles" {
		t.Fatalf("login: %s → %s", resp.Status, resp.Header.Get("Location"))
	}
	var sess *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "pressroom_session" {
			sess = c
		}
	}
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Secure || len(sess.Value) < 43 {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure on http, 32 random bytes", sess)
	}
	var n int
	db := e.app.Store.DB()
	if err := db.QueryRow(`SELECT COUNT(*) FROM sessions WHERE id_hash = ?`, sess.Value).Scan(&n); err != nil || n != 0 {
		t.Errorf("the raw session id is stored (%d, %v)", n, err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil || n != 1 {
		t.Errorf("sessions: %d, %v", n, err)
	}

	// An open redirect is refused.
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		if r, _ := anon.get("/login?next="+url.QueryEscape(next), nil); r.StatusCode == http.StatusSeeOther && r.Header.Get("Location") != "/" {
			t.Errorf("next=%s redirects to %s", next, r.Header.Get("Location"))
		}
	}

	// Logging out ends the session on the server, not just in the browser.
	ana := e.login("ana")
	var cookie *http.Cookie
	for _, c := range ana.c.Jar.Cookies(mustURL(e.url)) {
		if c.Name == "pressroom_session" {
			cookie = c
		}
	}
	if resp, _ := ana.postForm("/logout", url.Values{"csrf": {ana.csrf}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %s", resp.Status)
	}
	replay := e.anonymous()
	replay.c.Jar.SetCookies(mustURL(e.url), []*http.Cookie{cookie})
	if r, _ := replay.get("/", nil); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("the old cookie still works after logout: %s", r.Status)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestMarkupIsText checks the server side of escaping: article text,
// translations and comments with markup come back as escaped text. The
// browser test checks the same in a real page.
func TestMarkupIsText(t *testing.T) {
	e := newEnv(t)
	_, eds := e.ingest("A <i>title</i>", "text", hostileBody)
	e.addUser("ana", auth.Translator, "es")
	ana := e.login("ana")
	es := eds["es"]
	seg := e.segments(es.ID)[0]
	if r, b := ana.postJSON("/editions/"+es.ID+"/segments/"+seg.ID,
		`{"target":"&lt;script&gt;window.__xss=3&lt;/script&gt; hola","version":`+itoa(seg.Version)+`}`); r.StatusCode != http.StatusOK {
		t.Fatalf("save: %s %s", r.Status, b)
	}
	if r, b := ana.postForm("/editions/"+es.ID+"/segments/"+seg.ID+"/comments",
		url.Values{"csrf": {ana.csrf}, "body": {`<img src=x onerror="window.__xss=4">`}}, nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("comment: %s %s", r.Status, b)
	}
	_, page := ana.get("/editions/"+es.ID, nil)
	_, panel := ana.get("/editions/"+es.ID+"/segments/"+seg.ID+"/panel", nil)
	for _, bad := range []string{"<script>window", "<img src=x", "<b>news", "<i>title"} {
		if strings.Contains(page, bad) || strings.Contains(panel, bad) {
			t.Errorf("%q is not escaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;window.__xss=1&lt;/script&gt;", "&lt;script&gt;window.__xss=3&lt;/script&gt;", "A &lt;i&gt;title&lt;/i&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks escaped %q", want)
		}
	}
	if !strings.Contains(panel, "&lt;img src=x onerror=&#34;window.__xss=4&#34;&gt;") {
		t.Errorf("panel lacks the escaped comment:\n%s", panel)
	}
}
