package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestPublishOverrideOnDashboard: an approved edition with standing QA
// errors shows its count on the dashboard, is published from it only with
// a reason, and the override (who, how many errors, why) is shown there.
func TestPublishOverrideOnDashboard(t *testing.T) {
	e := newEnv(t)
	e.addUser("eve", auth.Editor)
	eve := e.login("eve")
	_, eds := e.ingest("Strike", "text", "The port announced 300 job cuts.")
	es := eds["es"]
	ctx := context.Background()
	editor := auth.Principal{ID: "usr_test", Name: "Test", Role: auth.Editor}
	for _, s := range e.segments(es.ID) {
		in := pipeline.SegmentApproval{Version: s.Version}
		if strings.Contains(s.Source, "300") {
			bad := "El puerto anunció 30 despidos."
			in.Target, in.OverrideReason = &bad, "Checked with the port."
		}
		if _, err := e.app.Pipeline.ApproveSegment(ctx, editor, es.ID, s.ID, in); err != nil {
			t.Fatalf("approve %s: %v", s.ID, err)
		}
	}
	if ed, _ := e.app.Store.GetEdition(ctx, es.ID); ed.Status != store.EditionApproved {
		t.Fatalf("edition %s", ed.Status)
	}
	_, page := eve.get("/articles", nil)
	if !strings.Contains(page, "QA: 2 errors") || !strings.Contains(page, `name="override_reason"`) {
		t.Fatalf("dashboard lacks the QA count or the reason field:\n%s", page)
	}
	// Without a reason the form is refused and nothing is scheduled.
	resp, _ := eve.postForm("/editions/"+es.ID+"/publish", url.Values{"csrf": {eve.csrf}}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("publish without a reason: %s", resp.Status)
	}
	if ed, _ := e.app.Store.GetEdition(ctx, es.ID); ed.Status != store.EditionApproved {
		t.Errorf("edition %s after a refused publish", ed.Status)
	}
	resp, _ = eve.postForm("/editions/"+es.ID+"/publish", url.Values{"csrf": {eve.csrf}, "override_reason": {"Figure <b>confirmed</b>."}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish with a reason: %s", resp.Status)
	}
	_, page = eve.get("/articles", nil)
	if !strings.Contains(page, "published despite 2 QA errors: Figure &lt;b&gt;confirmed&lt;/b&gt;.") {
		t.Errorf("dashboard lacks the override, escaped:\n%s", page)
	}
}
