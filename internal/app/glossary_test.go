package app_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

type glossaryTerm struct {
	ID            string `json:"id"`
	SourceLang    string `json:"source_lang"`
	TargetLang    string `json:"target_lang"`
	Source        string `json:"source"`
	Target        string `json:"target"`
	Kind          string `json:"kind"`
	CaseSensitive bool   `json:"case_sensitive"`
	Note          string `json:"note"`
}

type candidate struct {
	ID        string `json:"id"`
	ArticleID string `json:"article_id"`
	Term      string `json:"term"`
	Kind      string `json:"kind"`
	Context   string `json:"context"`
	Status    string `json:"status"`
}

type qaSegment struct {
	segmentView
	QA []struct {
		Code, Severity, Message string
	} `json:"qa"`
}

// TestGlossaryAPI: who may read and write a pair's glossary, and bad input.
func TestGlossaryAPI(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 1})
	editor := newClient(t, a, auth.Editor)
	es := newClient(t, a, auth.Translator, "es")
	var union glossaryTerm
	if code, raw := editor.do("POST", "/api/v1/glossary?from=en&to=es", map[string]any{"source": "union", "target": "sindicato",
		"kind": "preferred", "note": "labour"}, &union); code != 201 {
		t.Fatalf("create: %d %s", code, raw)
	}
	for _, tc := range []struct {
		name, method, path string
		c                  *client
		body               any
		status             int
		code               string
	}{
		{"translator reads own language", "GET", "/api/v1/glossary?from=en&to=es", es, nil, 200, ""},
		{"translator reads other language", "GET", "/api/v1/glossary?from=en&to=pt-BR", es, nil, 403, "forbidden"},
		{"translator may not write", "POST", "/api/v1/glossary?from=en&to=es", es, map[string]any{"source": "strike", "target": "huelga", "kind": "preferred"}, 403, "forbidden"},
		{"missing languages", "GET", "/api/v1/glossary", editor, nil, 400, "missing_language"},
		{"bad language", "GET", "/api/v1/glossary?from=en&to=no%20such", editor, nil, 400, "invalid_language"},
		{"unknown kind", "POST", "/api/v1/glossary?from=en&to=es", editor, map[string]any{"source": "strike", "target": "huelga", "kind": "best"}, 400, "unknown_kind"},
		{"unknown field", "POST", "/api/v1/glossary?from=en&to=es", editor, map[string]any{"source": "strike", "translation": "huelga"}, 400, "invalid_json"},
		{"duplicate", "POST", "/api/v1/glossary?from=en&to=es", editor, map[string]any{"source": "Union", "kind": "do_not_translate"}, 409, "term_exists"},
		{"update missing", "PUT", "/api/v1/glossary/gls_nope", editor, map[string]any{"source": "x", "kind": "do_not_translate"}, 404, "term_not_found"},
		{"update bad", "PUT", "/api/v1/glossary/" + union.ID, editor, map[string]any{"source": "union", "kind": "preferred"}, 400, "missing_field"},
		{"candidates for editors only", "GET", "/api/v1/glossary/candidates", es, nil, 403, "forbidden"},
		{"accept missing", "POST", "/api/v1/glossary/candidates/gcd_nope/accept", editor, nil, 404, "candidate_not_found"},
		{"bad status", "GET", "/api/v1/glossary/candidates?status=maybe", editor, nil, 400, "invalid_status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, raw := tc.c.do(tc.method, tc.path, tc.body, nil)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, raw)
			}
			if tc.code != "" {
				if e := errorCode(t, raw); e.Error.Code != tc.code {
					t.Errorf("code %q, want %q (%s)", e.Error.Code, tc.code, e.Error.Message)
				}
			}
		})
	}
	var updated glossaryTerm
	if code, raw := editor.do("PUT", "/api/v1/glossary/"+union.ID, map[string]any{"source": "trade union", "target": "sindicato", "kind": "preferred", "case_sensitive": true}, &updated); code != 200 || updated.Source != "trade union" || !updated.CaseSensitive {
		t.Fatalf("update: %d %s", code, raw)
	}
	var list []glossaryTerm
	es.do("GET", "/api/v1/glossary?from=en&to=es", nil, &list)
	if len(list) != 1 || list[0].ID != union.ID || list[0].Note != "" {
		t.Errorf("list %+v", list)
	}
	if code, raw := editor.do("DELETE", "/api/v1/glossary/"+union.ID, nil, nil); code != 204 {
		t.Fatalf("delete: %d %s", code, raw)
	}
	list = nil
	es.do("GET", "/api/v1/glossary?from=en&to=es", nil, &list)
	if len(list) != 0 {
		t.Errorf("after delete: %+v", list)
	}
}

// TestGlossaryInTranslationAndReview: terms reach the drafts (the name kept,
// the preferred term forced through pseudo), and a forbidden term in a
// person's edit is flagged in the segment's qa.
func TestGlossaryInTranslationAndReview(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	for _, term := range []map[string]any{
		{"source": "Jess Spear", "kind": "do_not_translate", "case_sensitive": true},
		{"source": "union", "target": "sindicato", "kind": "preferred"},
		{"source": "union", "target": "unión", "kind": "forbidden"},
	} {
		if code, raw := editor.do("POST", "/api/v1/glossary?from=en&to=es", term, nil); code != 201 {
			t.Fatalf("create %v: %d %s", term, code, raw)
		}
	}
	art := ingestOne(t, editor, "Jess Spear spoke to the unions.", "es")
	ed := art.Editions[0]
	var segs []qaSegment
	editor.do("GET", "/api/v1/editions/"+ed.ID+"/segments", nil, &segs)
	if len(segs) != 2 { // the title, the sentence
		t.Fatalf("segments %+v", segs)
	}
	s := segs[1]
	if !strings.Contains(s.Target, "Jess Spear") || !strings.Contains(s.Target, "sindicatos") || strings.Contains(s.Target, "Ĵéšš") {
		t.Errorf("draft %q: want the name kept and “sindicatos” forced", s.Target)
	}
	// A person writes the forbidden word.
	var saved qaSegment
	if code, raw := editor.do("PUT", "/api/v1/editions/"+ed.ID+"/segments/"+s.ID,
		map[string]any{"target": "Jess Spear habló con las uniones.", "version": s.Version}, &saved); code != 200 {
		t.Fatalf("edit: %d %s", code, raw)
	}
	var checks []string
	for _, q := range saved.QA {
		checks = append(checks, q.Code+"/"+q.Severity)
	}
	// Findings come errors first (the quality checks' order).
	want := []string{"glossary_forbidden_used/error", "glossary_preferred_missing/warning"}
	if !slices.Equal(checks, want) {
		t.Errorf("qa %v, want %v (%+v)", checks, want, saved.QA)
	}
	// Fixed, the findings go.
	if code, raw := editor.do("PUT", "/api/v1/editions/"+ed.ID+"/segments/"+s.ID,
		map[string]any{"target": "Jess Spear habló con los sindicatos.", "version": saved.Version}, &saved); code != 200 || len(saved.QA) != 0 {
		t.Errorf("fixed edit: %d %s", code, raw)
	}
}

// TestNameCandidates: an article's names are proposed; accepting one adds
// do-not-translate terms for the article's languages and re-drafts the
// machine drafts holding the name (not the ones a person edited);
// rejecting one keeps it from being proposed again.
func TestNameCandidates(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	body := "Organiser Jess Spear said the vote was won.\n\nSpear thanked the dock workers.\n\nIn Caracas, President Nicolás Maduro spoke of Nuestra América.\n\nThe talks went on."
	art := ingestOne(t, editor, body)
	var cands []candidate
	if code, raw := editor.do("GET", "/api/v1/glossary/candidates?article="+art.ID, nil, &cands); code != 200 {
		t.Fatalf("candidates: %d %s", code, raw)
	}
	var names []string
	byName := map[string]candidate{}
	for _, c := range cands {
		names = append(names, c.Kind+":"+c.Term)
		byName[c.Term] = c
	}
	slices.Sort(names)
	want := []string{"name:Jess Spear", "name:Nicolás Maduro", "name:Spear", "slogan:Nuestra América"}
	if !slices.Equal(names, want) {
		t.Fatalf("candidates %v, want %v", names, want)
	}
	if byName["Jess Spear"].Context != "Organiser Jess Spear said the vote was won." {
		t.Errorf("context %q", byName["Jess Spear"].Context)
	}
	// A person edits the Spanish draft of the second sentence first.
	eds := map[string]edition{}
	for _, e := range art.Editions {
		eds[e.Lang] = e
	}
	before := map[string][]segmentView{}
	for lang, e := range eds {
		before[lang] = editor.segments(e.ID)
	}
	// Segments: 0 the title, 1 "Organiser Jess Spear…", 2 "Spear thanked…",
	// 3 "In Caracas…", 4 "The talks went on."
	human := before["es"][2]
	var saved segmentView
	if code, raw := editor.do("PUT", "/api/v1/editions/"+eds["es"].ID+"/segments/"+human.ID,
		map[string]any{"target": "Spear dio las gracias a los estibadores.", "version": human.Version}, &saved); code != 200 {
		t.Fatalf("edit: %d %s", code, raw)
	}
	// Accept "Spear".
	var acc struct {
		Candidate candidate      `json:"candidate"`
		Terms     []glossaryTerm `json:"terms"`
		Redrafted int            `json:"redrafted"`
	}
	if code, raw := editor.do("POST", "/api/v1/glossary/candidates/"+byName["Spear"].ID+"/accept", nil, &acc); code != 200 {
		t.Fatalf("accept: %d %s", code, raw)
	}
	if acc.Candidate.Status != "accepted" || len(acc.Terms) != 2 {
		t.Errorf("accept: %+v", acc)
	}
	// "Spear" is in sentences 1 and 2 of both editions; the Spanish
	// sentence 2 was edited by a person and stays.
	if acc.Redrafted != 3 {
		t.Errorf("redrafted %d segments, want 3", acc.Redrafted)
	}
	for _, lang := range []string{"es", "pt-BR"} {
		var terms []glossaryTerm
		editor.do("GET", "/api/v1/glossary?from=en&to="+lang, nil, &terms)
		if len(terms) != 1 || terms[0].Source != "Spear" || terms[0].Kind != "do_not_translate" || !terms[0].CaseSensitive {
			t.Errorf("%s glossary %+v", lang, terms)
		}
	}
	editor.waitEditions2(art.ID, 2, "in_review")
	for lang, e := range eds {
		after := editor.segments(e.ID)
		for i, s := range after {
			switch {
			case lang == "es" && i == 2:
				if s.Target != "Spear dio las gracias a los estibadores." || s.Origin != "human" {
					t.Errorf("the person's edit changed: %+v", s)
				}
			case i == 1 || i == 2:
				if s.Version <= before[lang][i].Version || !strings.Contains(s.Target, "Spear") || strings.Contains(s.Target, "Špéáŕ") {
					t.Errorf("%s segment %d not re-drafted with the name kept: %+v (was %+v)", lang, i, s, before[lang][i])
				}
			default:
				if s.Version != before[lang][i].Version {
					t.Errorf("%s segment %d without the name was re-drafted: %+v", lang, i, s)
				}
			}
		}
	}
	// Accepting twice is a conflict; rejecting a name keeps it out of
	// later articles.
	if code, raw := editor.do("POST", "/api/v1/glossary/candidates/"+byName["Spear"].ID+"/accept", nil, nil); code != 409 || errorCode(t, raw).Error.Code != "candidate_decided" {
		t.Errorf("second accept: %d %s", code, raw)
	}
	var rej candidate
	if code, raw := editor.do("POST", "/api/v1/glossary/candidates/"+byName["Nicolás Maduro"].ID+"/reject", nil, &rej); code != 200 || rej.Status != "rejected" {
		t.Errorf("reject: %d %s", code, raw)
	}
	second := ingestOne(t, editor, "Later, President Nicolás Maduro met Jess Spear and Keir Starmer.")
	cands = nil
	editor.do("GET", "/api/v1/glossary/candidates?article="+second.ID, nil, &cands)
	names = nil
	for _, c := range cands {
		names = append(names, c.Term)
	}
	slices.Sort(names)
	if want := []string{"Jess Spear", "Keir Starmer"}; !slices.Equal(names, want) {
		t.Errorf("second article's candidates %v, want %v (Maduro rejected, Spear accepted but the full name is new)", names, want)
	}
	var all []candidate
	editor.do("GET", "/api/v1/glossary/candidates?status=", nil, &all)
	if len(all) != 6 {
		t.Errorf("all candidates: %d, want 6", len(all))
	}
}
