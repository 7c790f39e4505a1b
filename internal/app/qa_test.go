package app_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

type qaFinding struct {
	Code     string            `json:"code"`
	Severity string            `json:"severity"`
	Args     map[string]string `json:"args"`
}

type qaSeg struct {
	segmentView
	QA    []qaFinding `json:"qa"`
	Notes []struct {
		Code string `json:"code"`
	} `json:"notes"`
}

func codes(fs []qaFinding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity+":"+f.Code)
	}
	return out
}

// TestQAGate: drafts and saves carry the checks' findings; an approval
// with errors is refused without a reason and kept with one; an edition
// with standing errors is published only with an editor's reason.
func TestQAGate(t *testing.T) {
	a := start(t, app.Config{DataDir: t.TempDir(), Workers: 2})
	editor := newClient(t, a, auth.Editor)
	es := newClient(t, a, auth.Translator, "es")
	art := ingestOne(t, editor, "The dispute began when the port announced 300 job cuts. What do the workers want?", "es")
	ed := art.Editions[0]
	var segs []qaSeg
	es.do("GET", "/api/v1/editions/"+ed.ID+"/segments", nil, &segs)
	var s, q qaSeg
	for _, sg := range segs {
		switch {
		case strings.HasPrefix(sg.Source, "The dispute"):
			s = sg
		case strings.HasPrefix(sg.Source, "What do"):
			q = sg
		}
	}
	if s.ID == "" || q.ID == "" {
		t.Fatalf("segments: %+v", segs)
	}
	// The machine draft of the question got its ¿ (a repair, noted), so
	// no error stands on it.
	if !strings.HasPrefix(q.Target, "¿") || !slices.ContainsFunc(q.Notes, func(n struct {
		Code string `json:"code"`
	}) bool {
		return n.Code == "inverted_mark_added"
	}) || slices.ContainsFunc(q.QA, func(f qaFinding) bool { return f.Severity == "error" }) {
		t.Errorf("question draft %q notes %+v qa %+v", q.Target, q.Notes, q.QA)
	}
	path := "/api/v1/editions/" + ed.ID + "/segments/" + s.ID
	bad := "La disputa empezó cuando el puerto anunció 30 despidos."
	// The check endpoint answers without storing.
	var checked struct{ QA []qaFinding }
	if code, raw := es.do("POST", path+"/check", map[string]any{"target": bad}, &checked); code != 200 {
		t.Fatalf("check: %d %s", code, raw)
	}
	if got := codes(checked.QA); !slices.Contains(got, "error:number_missing") || !slices.Contains(got, "error:number_extra") {
		t.Errorf("check findings %v", got)
	}
	if code, raw := es.do("POST", path+"/check", map[string]any{}, nil); code != 400 {
		t.Errorf("check without target: %d %s", code, raw)
	}
	// A save stores the findings.
	var saved qaSeg
	if code, raw := es.do("PUT", path, map[string]any{"target": bad, "version": s.Version}, &saved); code != 200 {
		t.Fatalf("save: %d %s", code, raw)
	}
	if got := codes(saved.QA); !slices.Contains(got, "error:number_missing") {
		t.Errorf("saved findings %v", got)
	}
	if got := editor.edition(ed.ID); got.Progress.QAErrors != 2 {
		t.Errorf("edition progress %+v, want 2 QA errors", got.Progress)
	}
	// Approval without a reason is refused, with the findings.
	code, raw := es.do("POST", path+"/approve", map[string]any{"version": saved.Version}, nil)
	if e := errorCode(t, raw); code != 422 || e.Error.Code != "qa_failed" || !strings.Contains(string(e.Error.Detail), "number_missing") {
		t.Errorf("approve with errors: %d %s", code, raw)
	}
	if code, raw := es.do("POST", path+"/approve", map[string]any{"version": saved.Version, "override_reason": strings.Repeat("x", 1001)}, nil); code != 400 {
		t.Errorf("overlong reason: %d %s", code, raw)
	}
	// With a reason it goes through, and the reason is in the history.
	reason := "The port corrected the figure to 30 in its second statement."
	var approved qaSeg
	if code, raw := es.do("POST", path+"/approve", map[string]any{"version": saved.Version, "override_reason": reason}, &approved); code != 200 {
		t.Fatalf("approve with a reason: %d %s", code, raw)
	}
	hist, err := a.Store.SegmentHistory(context.Background(), ed.ID, s.ID, 10)
	if err != nil || len(hist) == 0 || hist[0].Action != "approve" || hist[0].Reason != reason {
		t.Errorf("history %+v (%v), want the approval with its reason first", hist, err)
	}
	// The other segments have no errors: approved without a reason.
	for _, sg := range segs {
		if sg.ID != s.ID {
			if code, raw := es.do("POST", "/api/v1/editions/"+ed.ID+"/segments/"+sg.ID+"/approve", map[string]any{"version": sg.Version}, nil); code != 200 {
				t.Fatalf("approve clean segment: %d %s", code, raw)
			}
		}
	}
	e := editor.waitEdition(ed.ID, "approved")
	if e.Progress.QAErrors != 2 {
		t.Errorf("approved edition progress %+v, want the 2 errors standing", e.Progress)
	}
	// Publishing with standing errors needs an editor's reason.
	code, raw = editor.do("POST", "/api/v1/editions/"+ed.ID+"/publish", map[string]any{}, nil)
	if e := errorCode(t, raw); code != 422 || e.Error.Code != "qa_failed" {
		t.Errorf("publish with errors: %d %s", code, raw)
	}
	if code, raw := editor.do("POST", "/api/v1/editions/"+ed.ID+"/publish", map[string]any{"override_reason": "Figure confirmed with the port."}, nil); code != 202 {
		t.Fatalf("publish with a reason: %d %s", code, raw)
	}
	ov, err := a.Store.LatestQAOverrides(context.Background(), []string{ed.ID})
	if err != nil || ov[ed.ID].Reason != "Figure confirmed with the port." || ov[ed.ID].Errors != 2 {
		t.Errorf("overrides %+v (%v)", ov, err)
	}
	editor.waitEdition(ed.ID, "published")
	var listed []json.RawMessage
	editor.do("GET", "/api/v1/editions", nil, &listed)
	if len(listed) == 0 || !strings.Contains(string(listed[0]), `"qa_errors":2`) {
		t.Errorf("edition list lacks qa counts: %s", listed)
	}
}
