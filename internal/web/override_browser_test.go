package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestBrowserPublishOverride drives the dashboard in headless Chromium, in
// Portuguese, for an approved edition whose QA errors stand (a segment was
// approved over them with a reason): publishing without a reason is held
// by the browser (the field is required) and, when the form is sent
// anyway, refused by the server with a localised message, the edition
// still approved; with a reason the edition is published and the dashboard
// shows the recorded override — who, how many errors, why.
func TestBrowserPublishOverride(t *testing.T) {
	browser := startBrowser(t)
	e := newEnv(t)
	eve := e.addUser("eve", auth.Editor)
	ctx := context.Background()
	if err := e.app.Store.SetUserUILang(ctx, eve.ID, "pt"); err != nil {
		t.Fatal(err)
	}
	editor := auth.Principal{ID: eve.ID, Name: eve.Name, Role: auth.Editor}
	_, eds := e.ingest("Strike", "text", "The port announced 300 job cuts.")
	es := eds["es"]
	for _, s := range e.segments(es.ID) {
		in := pipeline.SegmentApproval{Version: s.Version, Target: &s.Source}
		if strings.Contains(s.Source, "300") {
			bad := "El puerto anunció 30 despidos."
			in.Target, in.OverrideReason = &bad, "Checked with the port."
		}
		if _, err := e.app.Pipeline.ApproveSegment(ctx, editor, es.ID, s.ID, in); err != nil {
			t.Fatalf("approve %s: %v", s.ID, err)
		}
	}
	ed := e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionApproved })
	prog, err := e.app.Store.EditionProgress(ctx, ed)
	if err != nil {
		t.Fatal(err)
	}
	if prog.QAErrors == 0 {
		t.Fatalf("no standing QA error on the approved edition: %+v", prog)
	}
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	pt := bundle.Localizer("pt")

	li := fmt.Sprintf(`li[data-edition=%q]`, es.ID)
	reason := "#override-" + es.ID
	b := newSession(t, browser, "eve")
	b.login(e.url, "eve")
	b.do("open the dashboard", chromedp.Navigate(e.url+"/articles"))
	b.wait("the reason field", fmt.Sprintf(`document.documentElement.lang === "pt" && !!document.querySelector(%q) && !!document.querySelector('%s .qa-has-errors')`, reason, li))
	if shown := evalJS[bool](b, fmt.Sprintf(`!!document.querySelector('%s .qa-override')`, li)); shown {
		t.Errorf("an override is shown before any publication")
	}

	// Without a reason the browser holds the form: the field is required.
	b.do("publish without a reason", chromedp.Click(chromedp.CSS(li+" button[data-action=publish-now]")))
	if held := evalJS[bool](b, fmt.Sprintf(`location.pathname === "/articles" && document.querySelector(%q).validity.valueMissing`, reason)); !held {
		t.Errorf("the browser sent the form without a reason")
	}
	// Sent anyway (validation bypassed), the server refuses it in Portuguese.
	evalJS[bool](b, fmt.Sprintf(`(() => { document.querySelector(%q).form.noValidate = true; return true })()`, reason))
	b.do("publish without a reason, validation off", chromedp.Click(chromedp.CSS(li+" button[data-action=publish-now]")))
	want := pt.T("ErrQAFailed")
	b.wait("the localised refusal", fmt.Sprintf(`!!document.getElementById("error-message") && document.getElementById("error-message").textContent.trim() === %q && document.documentElement.lang === "pt"`, want))
	if ed, _ := e.app.Store.GetEdition(ctx, es.ID); ed.Status != store.EditionApproved || ed.PublishAt != nil {
		t.Errorf("edition %s (publish_at %v) after a refused publication, want approved and unscheduled", ed.Status, ed.PublishAt)
	}
	if ov, _ := e.app.Store.LatestQAOverrides(ctx, []string{es.ID}); len(ov) != 0 {
		t.Errorf("override recorded for a refused publication: %+v", ov)
	}

	// With a reason the edition goes out and the override is shown.
	const why = "Número confirmado com o porto."
	b.do("back to the dashboard", chromedp.Navigate(e.url+"/articles"))
	b.wait("the reason field", fmt.Sprintf(`!!document.querySelector(%q)`, reason))
	b.do("publish with a reason",
		chromedp.SendKeys(chromedp.CSS(reason), why),
		chromedp.Click(chromedp.CSS(li+" button[data-action=publish-now]")))
	// The override is recorded with the publication, so the dashboard the
	// form returns to already shows it.
	shown := pt.T("PublishedOverride", "Name", eve.Name, "Errors", fmt.Sprint(prog.QAErrors), "Reason", why)
	b.wait("the override on the dashboard", fmt.Sprintf(`location.pathname === "/articles" && !!document.querySelector('%s .qa-override') && document.querySelector('%s .qa-override').textContent.includes(%q)`, li, li, shown))
	e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionPublished && ed.Version == 1 })
	ov, err := e.app.Store.LatestQAOverrides(ctx, []string{es.ID})
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := ov[es.ID]; !ok || o.Reason != why || o.ByID != eve.ID || o.Errors != prog.QAErrors {
		t.Errorf("override stored %+v, want by %s, %d errors, reason %q", ov, eve.ID, prog.QAErrors, why)
	}
}
