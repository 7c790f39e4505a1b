package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// addTerm adds a term through the glossary page's form.
func (u *user) addTerm(to string, form url.Values) (*http.Response, string) {
	u.t.Helper()
	form.Set("csrf", u.csrf)
	form.Set("from", "en")
	form.Set("to", to)
	return u.postForm("/glossary", form, nil)
}

var termRowRE = regexp.MustCompile(`<li id="term-(gls_[0-9A-Z]+)"`)

// TestGlossaryPage: an editor adds, changes and deletes terms; bad input is
// shown on the page and stores nothing; translators may not use the page;
// forms need the session's token.
func TestGlossaryPage(t *testing.T) {
	e := newEnv(t)
	e.addUser("eve", auth.Editor)
	e.addUser("ana", auth.Translator, "es")
	eve := e.login("eve")
	resp, _ := eve.addTerm("es", url.Values{"source": {"union"}, "target": {"sindicato"}, "kind": {"preferred"}, "note": {"labour sense"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/glossary?from=en&to=es#term-gls_") {
		t.Fatalf("add: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	_, page := eve.get("/glossary?from=en&to=es", nil)
	ids := termRowRE.FindAllStringSubmatch(page, -1)
	if len(ids) != 1 || !strings.Contains(page, `value="sindicato"`) || !strings.Contains(page, `value="labour sense"`) {
		t.Fatalf("glossary page does not list the term:\n%s", page)
	}
	id := ids[0][1]

	// Refused input: the page says why and nothing is stored.
	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"unknown kind", url.Values{"source": {"strike"}, "target": {"huelga"}, "kind": {"favourite"}}, "unknown kind"},
		{"duplicate", url.Values{"source": {"Union"}, "kind": {"do_not_translate"}}, "already has"},
		{"markup is text", url.Values{"source": {"<script>alert(1)</script>"}, "kind": {"preferred"}}, "needs a source and a target"},
	} {
		resp, body := eve.addTerm("es", tc.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) || !strings.Contains(body, `id="glossary-error"`) {
			t.Errorf("%s: %s, want 422 saying %q", tc.name, resp.Status, tc.want)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s: markup not escaped", tc.name)
		}
	}
	if resp, _ := eve.postForm("/glossary", url.Values{"from": {"en"}, "to": {"es"}, "source": {"strike"}, "target": {"huelga"}, "kind": {"preferred"}}, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("add without the CSRF token: %s, want 403", resp.Status)
	}
	_, page = eve.get("/glossary?from=en&to=es", nil)
	if n := len(termRowRE.FindAllString(page, -1)); n != 1 {
		t.Errorf("%d terms after refused input, want 1", n)
	}

	// Change and delete.
	resp, _ = eve.postForm("/glossary/"+id, url.Values{"csrf": {eve.csrf}, "from": {"en"}, "to": {"es"}, "source": {"trade union"},
		"target": {"sindicato"}, "kind": {"preferred"}, "case_sensitive": {"1"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %s", resp.Status)
	}
	_, page = eve.get("/glossary?from=en&to=es", nil)
	if !strings.Contains(page, `value="trade union"`) || !strings.Contains(page, `name="case_sensitive" value="1" checked`) {
		t.Errorf("update not shown:\n%s", page)
	}
	if resp, _ := eve.postForm("/glossary/"+id+"/delete", url.Values{"csrf": {eve.csrf}, "from": {"en"}, "to": {"es"}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %s", resp.Status)
	}
	_, page = eve.get("/glossary?from=en&to=es", nil)
	if termRowRE.MatchString(page) {
		t.Error("deleted term still listed")
	}

	ana := e.login("ana")
	if resp, _ := ana.get("/glossary", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("translator on the glossary page: %s, want 403", resp.Status)
	}
	if resp, _ := ana.addTerm("es", url.Values{"source": {"strike"}, "target": {"huelga"}, "kind": {"preferred"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("translator adding a term: %s, want 403", resp.Status)
	}
}

// TestEditorShowsGlossaryTerms: each segment lists the terms found in its
// source (inflected: "unions"), with the translation to use, and marks them
// in the source; the draft kept the name.
func TestEditorShowsGlossaryTerms(t *testing.T) {
	e := newEnv(t)
	e.addUser("eve", auth.Editor)
	e.addUser("ana", auth.Translator, "es")
	eve := e.login("eve")
	for _, f := range []url.Values{
		{"source": {"union"}, "target": {"sindicato"}, "kind": {"preferred"}, "note": {"labour sense"}},
		{"source": {"union"}, "target": {"unión"}, "kind": {"forbidden"}},
		{"source": {"Jess Spear"}, "kind": {"do_not_translate"}, "case_sensitive": {"1"}},
	} {
		if resp, body := eve.addTerm("es", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add %v: %s\n%s", f, resp.Status, body)
		}
	}
	_, eds := e.ingest("Strike", "text", "Jess Spear met the unions. The talks went on.")
	seg := e.segments(eds["es"].ID)[1]
	if !strings.Contains(seg.Target, "Jess Spear") || !strings.Contains(seg.Target, "sindicatos") {
		t.Errorf("draft %q: want the name kept and the term forced", seg.Target)
	}
	ana := e.login("ana")
	_, page := ana.get("/editions/"+eds["es"].ID, nil)
	for _, want := range []string{
		`<ul class="glossary" aria-label="Glossary">`,
		`<li class="term-preferred"><span lang="en">unions</span> → <span lang="es">sindicatos</span>`,
		`<small class="note">labour sense</small>`,
		`<li class="term-forbidden"><span lang="en">unions</span> → <del lang="es">unión</del>`,
		`<li class="term-do_not_translate"><span lang="en">Jess Spear</span> → <span lang="es">Jess Spear</span>`,
		`<mark class="term" title="sindicatos">unions</mark>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("editor page lacks %s", want)
		}
	}
	// The segment without terms has no list.
	if n := strings.Count(page, `<ul class="glossary"`); n != 1 {
		t.Errorf("%d glossary lists, want 1 (one segment has terms)", n)
	}
	// In Spanish.
	if resp, _ := ana.postForm("/settings/language", url.Values{"lang": {"es"}, "csrf": {ana.csrf}, "next": {"/"}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatal(resp.Status)
	}
	_, page = ana.get("/editions/"+eds["es"].ID, nil)
	if !strings.Contains(page, `aria-label="Glosario"`) || !strings.Contains(page, "Traducción preferida") {
		t.Error("the editor's glossary list is not in Spanish")
	}
}

// TestCandidatesOnDashboard: the names of a new article are proposed on the
// dashboard; one click keeps one as do-not-translate (the machine drafts
// holding it are re-translated with it kept), another click rejects one.
func TestCandidatesOnDashboard(t *testing.T) {
	e := newEnv(t)
	e.addUser("eve", auth.Editor)
	eve := e.login("eve")
	a, eds := e.ingest("Strike", "text", "Organiser Jess Spear spoke. President Nicolás Maduro listened.")
	_, page := eve.get("/articles", nil)
	cands, err := e.app.Store.ListCandidates(context.Background(), store.CandidateFilter{ArticleID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	byTerm := map[string]string{}
	for _, c := range cands {
		byTerm[c.Term] = c.ID
		if !strings.Contains(page, `id="cand-`+c.ID+`"`) {
			t.Errorf("dashboard does not show candidate %q", c.Term)
		}
	}
	if byTerm["Jess Spear"] == "" || byTerm["Nicolás Maduro"] == "" {
		t.Fatalf("candidates %+v", cands)
	}
	if !strings.Contains(page, "Names to check (2)") {
		t.Error("no summary of the article's names")
	}
	before := e.segments(eds["pt-BR"].ID)[1]
	if strings.Contains(before.Target, "Jess Spear") {
		t.Fatalf("pseudo draft already has the name: %q", before.Target)
	}
	resp, _ := eve.postForm("/glossary/candidates/"+byTerm["Jess Spear"]+"/accept", url.Values{"csrf": {eve.csrf}, "next": {"/articles"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/articles" {
		t.Fatalf("accept: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	resp, _ = eve.postForm("/glossary/candidates/"+byTerm["Nicolás Maduro"]+"/reject", url.Values{"csrf": {eve.csrf}, "next": {"/articles"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %s", resp.Status)
	}
	// A second click on a decided name is harmless.
	if resp, _ := eve.postForm("/glossary/candidates/"+byTerm["Jess Spear"]+"/reject", url.Values{"csrf": {eve.csrf}, "next": {"/articles"}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("second click: %s", resp.Status)
	}
	_, page = eve.get("/articles", nil)
	if strings.Contains(page, `id="cand-`) {
		t.Error("decided candidates still shown")
	}
	e.ingestWait(a.ID)
	after := e.segments(eds["pt-BR"].ID)[1]
	if !strings.Contains(after.Target, "Jess Spear") || after.Version <= before.Version {
		t.Errorf("pt-BR draft not re-translated with the name kept: %q (was %q)", after.Target, before.Target)
	}
	_, page = eve.get("/glossary?from=en&to=pt-BR", nil)
	if !strings.Contains(page, `value="Jess Spear"`) {
		t.Error("accepted name not in the pt-BR glossary")
	}
}

// ingestWait waits until an article's editions are back in review.
func (e *env) ingestWait(articleID string) {
	e.t.Helper()
	testenv.Eventually(e.t, deadline, func() (bool, string) {
		list, err := e.app.Store.ArticleEditions(context.Background(), articleID)
		if err != nil {
			return false, err.Error()
		}
		for _, ed := range list {
			if ed.Status != store.EditionInReview {
				return false, "edition " + ed.Lang + " is " + ed.Status
			}
		}
		return len(list) > 0, "no editions"
	})
}
