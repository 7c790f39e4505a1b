package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// approveEdition approves every segment of an edition as an editor, with
// the source as its text (a copy is a valid translation and splits into
// sentences as prose does), and waits until the edition is approved.
func (e *env) approveEdition(who auth.Principal, editionID string) {
	e.t.Helper()
	ctx := context.Background()
	for _, s := range e.segments(editionID) {
		if s.Status == store.SegmentApproved {
			continue
		}
		if _, err := e.app.Pipeline.ApproveSegment(ctx, who, editionID, s.ID, pipeline.SegmentApproval{Version: s.Version, Target: &s.Source}); err != nil {
			e.t.Fatalf("approve: %v", err)
		}
	}
	e.waitEdition(editionID, func(ed store.Edition) bool { return ed.Status == store.EditionApproved })
}

func (e *env) waitEdition(id string, ok func(store.Edition) bool) store.Edition {
	e.t.Helper()
	var ed store.Edition
	testenv.Eventually(e.t, deadline, func() (bool, string) {
		var err error
		ed, err = e.app.Store.GetEdition(context.Background(), id)
		if err != nil {
			return false, err.Error()
		}
		return ok(ed), fmt.Sprintf("edition %s v%d", ed.Status, ed.Version)
	})
	return ed
}

// TestBrowserDashboard drives the editors' dashboard in headless Chromium
// set to São Paulo time: schedule a publication (entered and shown in the
// editor's zone, stored in UTC), publish now, compare version 1 with a
// corrected version 2 sentence by sentence, open the live page, unpublish
// (the page then answers a localised 410). A translator gets a localised
// "not allowed" page.
func TestBrowserDashboard(t *testing.T) {
	browser := startBrowser(t)
	e := newEnv(t)
	eve := e.addUser("eve", auth.Editor)
	e.addUser("ana", auth.Translator, "es")
	editor := auth.Principal{ID: eve.ID, Name: eve.Name, Role: auth.Editor}
	const body = "# Port strike\n\nDock workers walked out on Monday. The port is closed. Talks resume on Friday."
	art, eds := e.ingest("", "markdown", body)
	es := eds["es"]
	e.approveEdition(editor, es.ID)

	b := newSession(t, browser, "eve")
	b.do("São Paulo time", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/Sao_Paulo"})
		return err
	}))
	b.login(e.url, "eve")
	b.do("open the dashboard", chromedp.Navigate(e.url+"/articles"))
	b.wait("the dashboard in the browser's zone", `document.getElementById("articles-page") && document.getElementById("articles-page").dataset.tz === "America/Sao_Paulo"`)

	// Schedule at 10:00 São Paulo time (UTC−3): stored as 13:00 UTC and
	// shown back as 10:00.
	evalJS[bool](b, fmt.Sprintf(`(() => { const f = document.getElementById("at-%s"); f.value = "2030-01-15T10:00"; return true })()`, es.ID))
	b.do("schedule", chromedp.Click(chromedp.CSS(fmt.Sprintf(`li[data-edition=%q] button[data-action=schedule]`, es.ID))))
	b.wait("the scheduled time", fmt.Sprintf(`!!document.querySelector('li[data-edition=%q] [data-scheduled="2030-01-15T10:00"]')`, es.ID))
	ed := e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionScheduled })
	if want := time.Date(2030, 1, 15, 13, 0, 0, 0, time.UTC); ed.PublishAt == nil || !ed.PublishAt.Equal(want) {
		t.Errorf("publish_at = %v, want %v", ed.PublishAt, want)
	}
	if shown := evalJS[string](b, fmt.Sprintf(`document.querySelector('li[data-edition=%q] .scheduled').textContent`, es.ID)); !strings.Contains(shown, "10:00") {
		t.Errorf("scheduled time shown as %q, want 10:00 in the editor's zone", shown)
	}

	// Publish now instead.
	b.do("publish now", chromedp.Click(chromedp.CSS(fmt.Sprintf(`li[data-edition=%q] button[data-action=publish-now]`, es.ID))))
	e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionPublished && ed.Version == 1 })

	// A correction changes the last sentence; version 2 is published.
	if _, err := e.app.Pipeline.Correct(context.Background(), eve.ID, art.ID, pipeline.ArticleInput{Format: "markdown",
		Body: strings.Replace(body, "on Friday", "on Saturday", 1)}); err != nil {
		t.Fatal(err)
	}
	e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionOutdated && ed.Revision == 2 })
	testenv.Eventually(t, deadline, func() (bool, string) {
		n := 0
		for _, s := range e.segments(es.ID) {
			if s.Status == store.SegmentDraft {
				n++
			}
		}
		return n == 1, fmt.Sprintf("%d drafts", n)
	})
	e.approveEdition(editor, es.ID)
	if _, err := e.app.Pipeline.RequestPublish(context.Background(), editor, es.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionPublished && ed.Version == 2 })

	b.do("back to the dashboard", chromedp.Navigate(e.url+"/articles"))
	b.wait("the compare link", fmt.Sprintf(`!!document.querySelector('li[data-edition=%q] a[data-action=compare]')`, es.ID))
	b.do("compare versions", chromedp.Click(chromedp.CSS(fmt.Sprintf(`li[data-edition=%q] a[data-action=compare]`, es.ID))))
	b.wait("the comparison", `!!document.getElementById("compare")`)
	kinds := evalJS[[]string](b, `[...document.querySelectorAll("#compare tbody tr")].map(r => r.dataset.kind)`)
	changed := evalJS[string](b, `[...document.querySelectorAll('#compare tr[data-kind=changed]')].map(r => r.textContent).join("|")`)
	if strings.Join(kinds, " ") != "same same same changed" || !strings.Contains(changed, "Saturday") {
		t.Errorf("comparison rows %v, changed %q; want only the last sentence changed", kinds, changed)
	}

	// Open the live page.
	b.do("back to the dashboard", chromedp.Navigate(e.url+"/articles"))
	b.wait("the live link", fmt.Sprintf(`!!document.querySelector('li[data-edition=%q] a[data-action=live]')`, es.ID))
	live := evalJS[string](b, fmt.Sprintf(`document.querySelector('li[data-edition=%q] a[data-action=live]').href`, es.ID))
	b.do("open the live page", chromedp.Navigate(live))
	b.wait("the published page", `document.documentElement.lang === "es" && !!document.querySelector("article h1") && !!document.querySelector(".correction")`)

	// Unpublish: the page answers 410 in Spanish.
	b.do("back to the dashboard", chromedp.Navigate(e.url+"/articles"))
	b.wait("the unpublish button", fmt.Sprintf(`!!document.querySelector('li[data-edition=%q] button[data-action=unpublish]')`, es.ID))
	b.do("unpublish", chromedp.Click(chromedp.CSS(fmt.Sprintf(`li[data-edition=%q] button[data-action=unpublish]`, es.ID))))
	e.waitEdition(es.ID, func(ed store.Edition) bool { return ed.Status == store.EditionUnpublished })
	bundle, _ := i18n.New()
	resp, err := http.Get(live)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusGone {
		t.Errorf("live page after unpublishing: %s, want 410", resp.Status)
	}
	b.do("open the withdrawn page", chromedp.Navigate(live))
	gone := bundle.Localizer("es").T("PageUnpublished")
	b.wait("the localised 410 page", fmt.Sprintf(`document.documentElement.lang === "es" && document.body.textContent.includes(%q)`, gone))

	// A translator is told, in a page, that the dashboard is not for her.
	ana := e.login("ana")
	resp2, page := ana.get("/articles", nil)
	if want := bundle.Localizer("en").T("ErrForbidden"); resp2.StatusCode != http.StatusForbidden ||
		!strings.Contains(resp2.Header.Get("Content-Type"), "text/html") || !strings.Contains(page, want) {
		t.Errorf("translator on /articles: %s %s; want 403 HTML saying %q", resp2.Status, resp2.Header.Get("Content-Type"), want)
	}
}
