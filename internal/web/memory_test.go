package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

func (e *env) remember(es ...tm.Entry) {
	e.t.Helper()
	ctx := context.Background()
	if err := e.app.Store.InTx(ctx, func(q *store.Queries) error { return e.app.Pipeline.Memory().Put(ctx, q, es) }); err != nil {
		e.t.Fatal(err)
	}
}

// TestAdminManagesMemory: an admin finds memory entries by the words of
// their source, corrects one (a correction with foreign placeholders is
// refused) and deletes another; nobody else reaches the page, and a form
// without the session's token changes nothing.
func TestAdminManagesMemory(t *testing.T) {
	e := newEnv(t)
	e.addUser("root", auth.Admin)
	e.addUser("ed", auth.Editor)
	e.remember(
		tm.Entry{SourceLang: "en", TargetLang: "es", Source: "Dock workers voted to continue the strike.",
			Target: "Los estibadores votaron seguir la huelga.", CreatedBy: "tok_1"},
		tm.Entry{SourceLang: "en", TargetLang: "es", Source: "The <1>port</1> is closed.", Target: "El <1>puerto</1> está cerrado.", CreatedBy: "tok_1"},
		tm.Entry{SourceLang: "en", TargetLang: "pt-BR", Source: "Dock workers voted to continue the strike.",
			Target: "Os estivadores votaram pela continuação da greve.", CreatedBy: "tok_1"},
	)
	if r, _ := e.login("ed").get("/admin/memory", nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("an editor reached the memory admin: %s", r.Status)
	}
	admin := e.login("root")
	r, body := admin.get("/admin/memory?"+url.Values{"pair": {"en>es"}, "q": {"STRIKE voted"}}.Encode(), nil)
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "Los estibadores votaron seguir la huelga.") ||
		strings.Contains(body, "está cerrado") || strings.Contains(body, "Os estivadores") || !strings.Contains(body, "Entries in this pair: 2") {
		t.Fatalf("search: %s\n%s", r.Status, body)
	}
	es, err := e.app.Pipeline.Memory().Search(context.Background(), "en", "es", "", store.TMEntry{}.UpdatedAt, 10)
	if err != nil || len(es) != 2 {
		t.Fatalf("entries %v %v", es, err)
	}
	var strike, port tm.Entry
	for _, x := range es {
		if strings.HasPrefix(x.Source, "Dock") {
			strike = x
		} else {
			port = x
		}
	}
	back := "/admin/memory?pair=en%3Ees&q=strike"
	id := func(x tm.Entry) string { return strconv.FormatInt(x.ID, 10) }

	// Without the session's token, nothing changes.
	if r, _ := admin.postForm("/admin/memory/"+id(strike), url.Values{"target": {"X"}, "back": {back}}, nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("correction without CSRF token: %s", r.Status)
	}
	r, _ = admin.postForm("/admin/memory/"+id(strike), url.Values{"csrf": {admin.csrf}, "target": {"Los estibadores votaron a favor de continuar la huelga."},
		"back": {back}}, nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != back {
		t.Errorf("correct: %s → %s", r.Status, r.Header.Get("Location"))
	}
	r, body = admin.postForm("/admin/memory/"+id(port), url.Values{"csrf": {admin.csrf}, "target": {"El puerto está cerrado."}, "back": {back}}, nil)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "The correction was refused") {
		t.Errorf("correction that drops a placeholder: %s", r.Status)
	}
	r, _ = admin.postForm("/admin/memory/"+id(port)+"/delete", url.Values{"csrf": {admin.csrf}, "back": {"https://evil.example/"}}, nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/memory" {
		t.Errorf("delete: %s → %s", r.Status, r.Header.Get("Location"))
	}
	es, _ = e.app.Pipeline.Memory().Search(context.Background(), "en", "es", "", store.TMEntry{}.UpdatedAt, 10)
	if len(es) != 1 || es[0].Target != "Los estibadores votaron a favor de continuar la huelga." || es[0].UpdatedBy == "" {
		t.Errorf("after correcting and deleting: %+v", es)
	}
}
