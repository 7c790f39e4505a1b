package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

// TestAdminManagesUsers: an admin adds a translator who can then log in,
// changes her languages, and deactivates her, which ends her session.
// Nobody else reaches the admin pages; the last admin cannot lock everyone
// out.
func TestAdminManagesUsers(t *testing.T) {
	e := newEnv(t)
	root := e.addUser("root", auth.Admin)
	e.addUser("ed", auth.Editor)
	admin := e.login("root")

	if r, _ := e.login("ed").get("/admin/users", nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("an editor reached user admin: %s", r.Status)
	}
	// A translator without languages is refused, with the form kept.
	r, body := admin.postForm("/admin/users", url.Values{"csrf": {admin.csrf}, "username": {"ana"}, "name": {"Ana"},
		"role": {"translator"}, "password": {"password-ana"}}, nil)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="ana"`) {
		t.Errorf("translator without languages: %s", r.Status)
	}
	r, _ = admin.postForm("/admin/users", url.Values{"csrf": {admin.csrf}, "username": {"ana"}, "name": {"Ana"},
		"role": {"translator"}, "langs": {"es, pt-br"}, "password": {"password-ana"}}, nil)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add translator: %s", r.Status)
	}
	u, err := e.app.Store.UserByName(context.Background(), "ana")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"es", "pt-BR"}, u.Langs); d != "" || u.Role != auth.Translator {
		t.Errorf("new user %+v (langs -want +got):\n%s", u, d)
	}
	if r, _ := admin.postForm("/admin/users", url.Values{"csrf": {admin.csrf}, "username": {"ana"}, "role": {"editor"},
		"password": {"password-ana"}}, nil); r.StatusCode != http.StatusConflict {
		t.Errorf("duplicate username: %s", r.Status)
	}
	ana := e.login("ana")

	// Narrowing her languages and deactivating her.
	r, _ = admin.postForm("/admin/users/"+u.ID, url.Values{"csrf": {admin.csrf}, "name": {"Ana"}, "role": {"translator"},
		"langs": {"es"}, "ui_lang": {"es"}}, nil) // no "active": deactivated
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %s", r.Status)
	}
	if u, _ = e.app.Store.UserByName(context.Background(), "ana"); u.Active || u.UILang != "es" || len(u.Langs) != 1 {
		t.Errorf("after update: %+v", u)
	}
	if r, _ := ana.get("/", nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a deactivated user's session still works: %s", r.Status)
	}

	// The only admin cannot demote or deactivate themself.
	r, body = admin.postForm("/admin/users/"+root.ID, url.Values{"csrf": {admin.csrf}, "role": {"editor"}, "active": {"1"}}, nil)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "last active admin") {
		t.Errorf("demoting the last admin: %s", r.Status)
	}

	// Admins see the job queues (asynqmon); translators do not.
	if r, body := admin.get("/admin/queues/", nil); r.StatusCode != http.StatusOK || !strings.Contains(strings.ToLower(body), "<html") {
		t.Errorf("asynqmon for an admin: %s", r.Status)
	}
	e.addUser("bea", auth.Translator, "es")
	if r, _ := e.login("bea").get("/admin/queues/", nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("asynqmon for a translator: %s", r.Status)
	}
}

// TestQueueOrderAndClaims: the queue puts editions with a deadline first
// (earliest first), then the longest waiting, and says who has one open.
func TestQueueOrderAndClaims(t *testing.T) {
	e := newEnv(t)
	e.addUser("ed", auth.Editor)
	e.addUser("ana", auth.Translator, "es")
	e.addUser("bea", auth.Translator, "es")
	_, first := e.ingest("First", "text", "One sentence.")
	_, second := e.ingest("Second", "text", "Another sentence.")
	_, third := e.ingest("Third", "text", "A third sentence.")
	editor := e.login("ed")
	due := time.Now().UTC().Add(48 * time.Hour).Format("2006-01-02T15:04")
	if r, _ := editor.postForm("/editions/"+third["es"].ID+"/due", url.Values{"csrf": {editor.csrf}, "due": {due}}, nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set deadline: %s", r.Status)
	}
	// Bea opens the second article's edition; its script takes the claim.
	bea := e.login("bea")
	if r, _ := bea.get("/editions/"+second["es"].ID, nil); r.StatusCode != http.StatusOK {
		t.Fatalf("open: %s", r.Status)
	}
	if r, b := bea.postJSON("/editions/"+second["es"].ID+"/claim", `{}`); r.StatusCode != http.StatusOK {
		t.Fatalf("claim: %s %s", r.Status, b)
	}
	_, page := e.login("ana").get("/", nil)
	order := []string{third["es"].ID, first["es"].ID, second["es"].ID}
	var got []string
	for _, chunk := range strings.Split(page, `<tr data-edition="`)[1:] {
		got = append(got, chunk[:strings.Index(chunk, `"`)])
	}
	if d := cmp.Diff(order, got); d != "" {
		t.Errorf("queue order (-want +got):\n%s", d)
	}
	row := page[strings.Index(page, `<tr data-edition="`+second["es"].ID):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, "<td>Bea</td>") {
		t.Errorf("the queue does not say Bea has the edition open:\n%s", row)
	}
}

// TestAdminWebhooks: an admin adds a webhook (its secret shown once), sees
// its health, and a disabled webhook's reason; disabling and enabling work;
// a bad URL is refused with the form kept; editors do not reach the page.
func TestAdminWebhooks(t *testing.T) {
	e := newEnvWith(t, app.Config{DataDir: t.TempDir(), WebhookAllowNetworks: []string{"127.0.0.0/8"}})
	e.addUser("root", auth.Admin)
	e.addUser("ed", auth.Editor)
	admin := e.login("root")
	if r, _ := e.login("ed").get("/admin/webhooks", nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("an editor reached webhook admin: %s", r.Status)
	}
	r, body := admin.postForm("/admin/webhooks", url.Values{"csrf": {admin.csrf}, "url": {"ftp://nowhere"}, "events": {"*"},
		"description": {"kept"}}, nil)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="kept"`) {
		t.Errorf("bad URL: %s", r.Status)
	}
	r, body = admin.postForm("/admin/webhooks", url.Values{"csrf": {admin.csrf}, "url": {"http://127.0.0.1:9/hook"},
		"events": {"edition.published, edition.updated"}, "languages": {"es"}, "payload": {"full"}, "description": {"CMS <es>"}}, nil)
	if r.StatusCode != http.StatusCreated || !strings.Contains(body, "whsec_") || !strings.Contains(body, "CMS &lt;es&gt;") {
		t.Fatalf("add webhook: %s\n%s", r.Status, body)
	}
	hs, err := e.app.Store.ListWebhooks(context.Background())
	if err != nil || len(hs) != 1 {
		t.Fatalf("webhooks %+v %v", hs, err)
	}
	h := hs[0]
	if h.Payload != "full" || !cmp.Equal(h.Languages, []string{"es"}) || !cmp.Equal(h.Events, []string{"edition.published", "edition.updated"}) {
		t.Errorf("stored webhook %+v", h)
	}
	if err := e.app.Store.DisableWebhook(context.Background(), h.ID, "the receiver answered 410 Gone", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, body := admin.get("/admin/webhooks", nil); !strings.Contains(body, "the receiver answered 410 Gone") || strings.Contains(body, "whsec_") {
		t.Errorf("the page lacks the disabled line, or shows a secret:\n%s", body)
	}
	if r, _ := admin.postForm("/admin/webhooks/"+h.ID+"/enabled", url.Values{"csrf": {admin.csrf}, "enabled": {"1"}}, nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %s", r.Status)
	}
	if h, _ = e.app.Store.GetWebhook(context.Background(), h.ID); !h.Enabled || h.DisabledReason != "" {
		t.Errorf("after enabling: %+v", h)
	}
	if r, _ := admin.postForm("/admin/webhooks/"+h.ID+"/enabled", url.Values{"enabled": {"0"}}, nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("a form without the CSRF token: %s", r.Status)
	}
}
