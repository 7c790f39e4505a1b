package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

const chromiumPath = "/usr/bin/chromium"

// stepTimeout bounds one browser step (a wait for the page to react).
const stepTimeout = 30 * time.Second

// startBrowser starts headless Chromium and returns a context for its
// first tab. Without Chromium the test is skipped, except in CI.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		testenv.Require(t, "Chromium", "apt-get install chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Two sessions run side by side in one browser; neither may be
		// throttled as a background tab.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
	)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(cancelCtx)
	// The first Do starts the browser; it must not have a timeout, or the
	// timeout would stop the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// tab is one browser session (its own cookies when made with newSession).
type tab struct {
	t    *testing.T
	ctx  context.Context
	name string
}

// newSession opens a tab in a fresh browser context: separate cookies and
// storage, as a second person on another computer.
func newSession(t *testing.T, browser context.Context, name string) *tab {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	return &tab{t: t, ctx: ctx, name: name}
}

// do runs steps with a deadline; on failure it saves a screenshot.
func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.shot("failed")
		b.t.Fatalf("%s: %s: %v", b.name, what, err)
	}
}

// wait polls a JavaScript condition until it holds.
func (b *tab) wait(what, js string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	var err error
	for {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(stepTimeout)))
		// A navigation under way destroys the page the poll runs in; poll
		// again in the new page.
		if err == nil || ctx.Err() != nil || !navigating(err) {
			break
		}
	}
	if err != nil {
		b.shot("failed")
		b.t.Fatalf("%s: waiting for %s (%s): %v", b.name, what, js, err)
	}
}

func navigating(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "navigated or closed") || strings.Contains(msg, "context was destroyed") ||
		strings.Contains(msg, "Cannot find context")
}

func evalJS[T any](b *tab, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: evaluate %s: %v", b.name, js, err)
	}
	return v
}

// shot saves a full-page screenshot under testdata/artifacts/web/ (git
// ignores it; CI keeps it as an artefact).
func (b *tab) shot(label string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("%s: screenshot %s: %v", b.name, label, err)
		return
	}
	dir := filepath.Join(testenv.RepoRoot(), "testdata", "artifacts", "web", b.t.Name())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Logf("screenshot dir: %v", err)
		return
	}
	path := filepath.Join(dir, b.name+"-"+label+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("screenshot: %v", err)
		return
	}
	b.t.Logf("screenshot: %s", path)
}

func (b *tab) login(baseURL, username string) {
	b.t.Helper()
	b.do("open the queue signed out", chromedp.Navigate(baseURL+"/"))
	b.wait("the login page", `location.pathname === "/login" && !!document.getElementById("username")`)
	b.do("log in",
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), password(username)),
		chromedp.Click(chromedp.CSS("#login-submit")),
	)
	b.wait("the queue", `location.pathname === "/" && !!document.querySelector("main h1")`)
}

// openEditor opens an edition and waits until its live updates are on.
func (b *tab) openEditor(baseURL, editionID string) {
	b.t.Helper()
	b.do("open the editor", chromedp.Navigate(baseURL+"/editions/"+editionID))
	b.wait("the editor's live updates", `document.getElementById("editor") && document.getElementById("editor").dataset.live === "on"`)
}

// seg is the CSS selector of a segment's part.
func seg(id, role string) string { return fmt.Sprintf(`#seg-%s [data-role=%q]`, id, role) }

// typeInto replaces a segment's translation by typing, as a person would.
func (b *tab) typeInto(segID, text string, replace bool) {
	b.t.Helper()
	sel := seg(segID, "target")
	collapse := "false"
	if !replace {
		collapse = "true"
	}
	evalJS[bool](b, fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.focus();
		const r = document.createRange(); r.selectNodeContents(el); if (%s) r.collapse(false);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true })()`, sel, collapse))
	b.do("type into "+segID, chromedp.KeyEvent(text))
}

// TestBrowserReview drives the editor in headless Chromium: log in, open
// the queue, edit a segment, approve with Ctrl+Enter, see a second session's
// approval arrive live, meet a conflict and resolve it, keep text through a
// network failure, comment, use the keyboard, and switch the UI to Spanish.
// Script and markup in the article, a translation and a comment must show
// as text.
func TestBrowserReview(t *testing.T) {
	browser := startBrowser(t)
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	e.addUser("bea", auth.Translator, "es")
	art, eds := e.ingest("Hostile <i>title</i>", "text", hostileBody+"\n\nFourth paragraph here. And a fifth sentence.")
	es, pt := eds["es"], eds["pt-BR"]
	segs := e.segments(es.ID)
	if len(segs) < 5 {
		t.Fatalf("want at least 5 segments, have %d", len(segs))
	}
	s1, s2, s3, s4, s5 := segs[0], segs[1], segs[2], segs[3], segs[4]
	// What later issues will attach (memory matches, QA findings) is shown
	// already: give segment 5 a fuzzy match and a QA error.
	_, err := e.app.Store.DB().Exec(`UPDATE segments SET matches = ?, qa = ? WHERE id = ?`,
		`[{"source":"Fourth paragraph there.","target":"Cuarto párrafo aquí.","score":87,"origin":"tm"}]`,
		`[{"check":"numbers","severity":"error","message":"a number is missing"}]`, s5.ID)
	if err != nil {
		t.Fatal(err)
	}

	// Ana logs in and sees her queue: the Spanish edition, not the Portuguese.
	ana := newSession(t, browser, "ana")
	ana.login(e.url, "ana")
	ana.wait("the queue table", `!!document.getElementById("queue")`)
	queue := evalJS[string](ana, `document.getElementById("queue").innerText`)
	if !strings.Contains(queue, art.Title) {
		t.Errorf("queue lacks the article %q:\n%s", art.Title, queue)
	}
	if n := evalJS[int](ana, fmt.Sprintf(`document.querySelectorAll('a[href="/editions/%s"]').length`, pt.ID)); n != 0 {
		t.Errorf("an es translator's queue links the pt-BR edition")
	}
	if qa := evalJS[string](ana, fmt.Sprintf(`document.querySelector('tr[data-edition="%s"] .qa-count').textContent`, es.ID)); qa != "1" {
		t.Errorf("queue QA errors = %q, want 1", qa)
	}
	ana.shot("01-queue")

	// She opens the edition from the queue.
	ana.do("open the edition from the queue", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/editions/%s"]`, es.ID))))
	ana.wait("the editor's live updates", `document.getElementById("editor") && document.getElementById("editor").dataset.live === "on"`)
	ana.shot("02-editor")

	// The article's markup and script are text: nothing ran, no element made.
	checkInert(t, ana)
	src := evalJS[string](ana, `[...document.querySelectorAll(".src-text")].map(e => e.textContent).join("\n")`)
	for _, want := range []string{"<b>news</b>", "<script>window.__xss=1</script>", `<img src=x onerror="window.__xss=2">`} {
		if !strings.Contains(src, want) {
			t.Errorf("source text lacks %q as text:\n%s", want, src)
		}
	}
	if title := evalJS[string](ana, `document.querySelector(".ed-head h1").textContent`); title != "Hostile <i>title</i>" {
		t.Errorf("title = %q", title)
	}
	if lang := evalJS[string](ana, fmt.Sprintf(`document.querySelector(%q).lang + "/" + document.querySelector("#seg-%s .src").lang`, seg(s1.ID, "target"), s1.ID)); lang != "es/en" {
		t.Errorf("target/source lang attributes = %s, want es/en", lang)
	}

	// She replaces segment 1 with text that looks like markup; it saves by
	// itself, without a reload.
	typed := `Hola <b>mundo</b> & <script>window.__xss="c"</script>`
	ana.typeInto(s1.ID, typed, true)
	ana.wait("segment 1 saved", fmt.Sprintf(`document.querySelector(%q).classList.contains("ok")`, seg(s1.ID, "state")))
	got := e.segment(es.ID, s1.ID)
	if got.Target != inline.Escape(typed) || got.Version != s1.Version+1 || got.Origin != "human" || got.Status != store.SegmentEdited {
		t.Errorf("segment 1 after saving: %+v", got)
	}

	// Ctrl+Enter approves it and moves to the next open segment.
	ana.do("Ctrl+Enter", chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	ana.wait("segment 1 approved", fmt.Sprintf(`document.querySelector("#seg-%s").dataset.status === "approved"`, s1.ID))
	ana.wait("focus on segment 2", fmt.Sprintf(`document.activeElement.closest("article.seg") && document.activeElement.closest("article.seg").id === "seg-%s"`, s2.ID))
	if got := e.segment(es.ID, s1.ID); got.Status != store.SegmentApproved {
		t.Errorf("segment 1 in the database: %s", got.Status)
	}

	// Bea opens the same edition in her own session: she sees Ana there.
	bea := newSession(t, browser, "bea")
	bea.login(e.url, "bea")
	bea.openEditor(e.url, es.ID)
	bea.wait("the claim banner", `!document.getElementById("claim").hidden`)
	if claim := evalJS[string](bea, `document.getElementById("claim").textContent`); !strings.Contains(claim, "Ana") {
		t.Errorf("claim banner = %q, want Ana's name", claim)
	}
	bea.shot("03-second-session")

	// Bea approves segment 3; Ana sees it arrive without reloading.
	bea.do("approve segment 3", chromedp.Click(chromedp.CSS(seg(s3.ID, "approve"))))
	ana.wait("Bea's approval, live", fmt.Sprintf(`document.querySelector("#seg-%s").dataset.status === "approved"`, s3.ID))
	if note := evalJS[string](ana, fmt.Sprintf(`document.querySelector(%q).textContent`, seg(s3.ID, "state"))); !strings.Contains(note, "Bea") {
		t.Errorf("segment 3 note = %q, want who changed it", note)
	}
	ana.shot("04-live-approval")

	// Ana loses the network while editing segment 2: the save fails, her text
	// stays; meanwhile Bea saves segment 2 first.
	setOffline(t, ana, true)
	anaText := "Texto de Ana"
	ana.typeInto(s2.ID, anaText, true)
	ana.wait("the offline notice", `!document.getElementById("net").hidden`)
	if v := evalJS[string](ana, fmt.Sprintf(`document.querySelector(%q).textContent`, seg(s2.ID, "target"))); v != anaText {
		t.Errorf("Ana's text after the failed save = %q", v)
	}
	beaText := "Texto de Bea"
	bea.typeInto(s2.ID, beaText, true)
	bea.do("Ctrl+S", chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	bea.wait("Bea's save", fmt.Sprintf(`document.querySelector(%q).classList.contains("ok")`, seg(s2.ID, "state")))
	beaSaved := e.segment(es.ID, s2.ID)

	// Back online, Ana's retry meets the conflict: both texts are shown.
	setOffline(t, ana, false)
	ana.wait("the conflict", fmt.Sprintf(`!document.querySelector(%q).hidden`, seg(s2.ID, "conflict")))
	ana.shot("05-conflict")
	mine := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s [data-role=conflict-mine]").textContent`, s2.ID))
	theirs := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s [data-role=conflict-theirs]").textContent`, s2.ID))
	if d := cmp.Diff([]string{anaText, beaText}, []string{mine, theirs}); d != "" {
		t.Errorf("conflict texts (-want +got):\n%s", d)
	}
	if got := e.segment(es.ID, s2.ID); got.Target != beaText {
		t.Errorf("the conflict overwrote Bea's text: %q", got.Target)
	}
	// She keeps hers, knowingly: it is saved over Bea's version.
	ana.do("keep mine", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#seg-%s [data-role=keep-mine]`, s2.ID))))
	ana.wait("Ana's text saved", fmt.Sprintf(`document.querySelector(%q).classList.contains("ok")`, seg(s2.ID, "state")))
	if got := e.segment(es.ID, s2.ID); got.Target != anaText || got.Version != beaSaved.Version+1 {
		t.Errorf("after keeping mine: %q v%d, want %q v%d", got.Target, got.Version, anaText, beaSaved.Version+1)
	}
	// Bea, who had no unsaved text there, sees Ana's text arrive.
	bea.wait("Ana's resolution, live", fmt.Sprintf(`document.querySelector(%q).textContent === %q`, seg(s2.ID, "target"), anaText))

	// A comment with markup shows as text in the history panel.
	ana.do("open segment 1's panel", chromedp.Click(chromedp.CSS(seg(s1.ID, "open-panel"))))
	ana.wait("the panel", fmt.Sprintf(`!!document.querySelector("#seg-%s .comment-form textarea")`, s1.ID))
	comment := `<img src=x onerror="window.__xss=4"> looks wrong`
	ana.do("comment",
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`#seg-%s .comment-form textarea`, s1.ID)), comment),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#seg-%s .comment-form button`, s1.ID))),
	)
	ana.wait("the comment", fmt.Sprintf(`!!document.querySelector("#seg-%s .comment-body")`, s1.ID))
	if body := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s .comment-body").textContent`, s1.ID)); body != comment {
		t.Errorf("comment shows as %q", body)
	}
	if hist := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s .history").textContent`, s1.ID)); !strings.Contains(hist, "Ana approved") || !strings.Contains(hist, "Ana edited") {
		t.Errorf("history lacks Ana's edit and approval:\n%s", hist)
	}
	bea.wait("the comment count, live", fmt.Sprintf(`document.querySelector(%q).textContent === "(1)"`, seg(s1.ID, "comments")))
	ana.shot("06-history-comments")

	// Segment 5 shows its QA error and its memory match, with the words
	// that differ from the source marked; Alt+1 uses the match.
	match := evalJS[[]string](ana, fmt.Sprintf(`[document.querySelector("#seg-%[1]s .qa").textContent,
		document.querySelector("#seg-%[1]s .msrc del").textContent, document.querySelector("#seg-%[1]s .msrc ins").textContent,
		document.querySelector("#seg-%[1]s .score").textContent]`, s5.ID))
	if d := cmp.Diff([]string{"Error: a number is missing", "there", "here", "87%"}, match); d != "" {
		t.Errorf("QA and match display (-want +got):\n%s", d)
	}
	ana.do("focus segment 5", chromedp.Focus(chromedp.CSS(seg(s5.ID, "target"))))
	ana.do("Alt+1", chromedp.KeyEvent("1", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	ana.wait("the match used and saved", fmt.Sprintf(`document.querySelector(%q).textContent === "Cuarto párrafo aquí." && document.querySelector(%q).classList.contains("ok")`,
		seg(s5.ID, "target"), seg(s5.ID, "state")))

	// Keyboard: Ctrl+Shift+C copies the source; Ctrl+Up/Down move; F1 shows
	// the help and Escape closes it.
	ana.do("focus segment 4", chromedp.Focus(chromedp.CSS(seg(s4.ID, "target"))))
	ana.do("Ctrl+Shift+C", chromedp.KeyEvent("C", chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift)))
	ana.wait("the source copied", fmt.Sprintf(`document.querySelector(%q).textContent === document.querySelector(%q).textContent`,
		seg(s4.ID, "target"), seg(s4.ID, "source")))
	ana.do("Ctrl+Up", chromedp.KeyEvent(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	ana.wait("focus on segment 3", fmt.Sprintf(`document.activeElement.closest("article.seg").id === "seg-%s"`, s3.ID))
	ana.do("Ctrl+Down", chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	ana.wait("focus on segment 4", fmt.Sprintf(`document.activeElement.closest("article.seg").id === "seg-%s"`, s4.ID))
	ana.do("F1", chromedp.KeyEvent(kb.F1))
	ana.wait("the help", `document.getElementById("help").open`)
	ana.shot("07-help")
	ana.do("Escape", chromedp.KeyEvent(kb.Escape))
	ana.wait("the help closed", `!document.getElementById("help").open`)
	ana.wait("segment 4 saved", fmt.Sprintf(`document.querySelector(%q).classList.contains("ok")`, seg(s4.ID, "state")))

	// Ana switches the UI to Spanish; the page comes back in Spanish and her
	// translation is still text.
	ana.do("choose Spanish", chromedp.SetValue(chromedp.CSS("#ui-lang"), "es"), chromedp.Click(chromedp.CSS("#ui-lang-apply")))
	ana.wait("the Spanish UI", `document.documentElement.lang === "es" && !!document.getElementById("editor")`)
	ana.wait("live updates after reload", `document.getElementById("editor").dataset.live === "on"`)
	ui := evalJS[[]string](ana, fmt.Sprintf(`[document.querySelector(%q).textContent, document.querySelector("nav a").textContent, document.querySelector("#progress").textContent]`,
		seg(s1.ID, "approve")))
	want := []string{"Aprobar", "Mi cola", fmt.Sprintf("2 de %d aprobados", len(segs))}
	if d := cmp.Diff(want, ui); d != "" {
		t.Errorf("Spanish UI (-want +got):\n%s", d)
	}
	if v := evalJS[string](ana, fmt.Sprintf(`document.querySelector(%q).textContent`, seg(s1.ID, "target"))); v != typed {
		t.Errorf("segment 1 after reload shows %q, want %q as text", v, typed)
	}
	checkInert(t, ana)
	ana.shot("08-spanish")

	// The editor fits a 1280 px screen and a tablet without sideways scrolling.
	for _, size := range [][2]int64{{1280, 900}, {820, 1180}} {
		ana.do("resize", chromedp.EmulateViewport(size[0], size[1]))
		if w := evalJS[int](ana, `document.documentElement.scrollWidth`); int64(w) > size[0] {
			t.Errorf("at %d px wide the page is %d px wide", size[0], w)
		}
	}
	ana.shot("09-tablet")
}

// checkInert fails if any markup from article text, translations or
// comments became an element or ran.
func checkInert(t *testing.T, b *tab) {
	t.Helper()
	ran := evalJS[bool](b, `window.__xss !== undefined`)
	made := evalJS[int](b, `document.querySelectorAll("#editor img, #editor b, #editor i, #editor script:not([type='application/json'])").length`)
	if ran || made != 0 {
		t.Errorf("%s: markup from content took effect (script ran: %v, elements made: %d)", b.name, ran, made)
	}
}

// setOffline cuts the tab off the network, or restores it.
func setOffline(t *testing.T, b *tab, offline bool) {
	t.Helper()
	b.do("network", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}},
		})
		return err
	}))
}

// TestBrowserQA: an edit that breaks a number shows the finding at once (the
// checks run as the translator types); F8 jumps to the segment with the
// error; approving is refused; approving with a reason works, and the
// reason is in the segment's history.
func TestBrowserQA(t *testing.T) {
	browser := startBrowser(t)
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	_, eds := e.ingest("Port strike", "text", "The strike began on 2 February with 300 job cuts. Talks resume on Monday.")
	es := eds["es"]
	var s store.Segment
	var others []store.Segment
	for _, sg := range e.segments(es.ID) {
		if strings.Contains(sg.Source, "300") {
			s = sg
		} else {
			others = append(others, sg)
		}
	}
	if s.ID == "" || len(others) == 0 {
		t.Fatalf("segments: %+v", e.segments(es.ID))
	}
	ana := newSession(t, browser, "ana")
	ana.login(e.url, "ana")
	ana.openEditor(e.url, es.ID)
	if n := evalJS[int](ana, fmt.Sprintf(`document.querySelectorAll("#seg-%s .qa-error").length`, s.ID)); n != 0 {
		t.Fatalf("the machine draft already has %d QA errors", n)
	}

	// Ana types a translation that drops a zero: the finding appears while
	// she types, before anything is saved.
	ana.typeInto(s.ID, "La huelga empezó el 2 de febrero con 30 despidos.", true)
	ana.wait("the number finding", fmt.Sprintf(`!!document.querySelector('#seg-%s .qa-error[data-code="number_missing"]')`, s.ID))
	finding := evalJS[string](ana, fmt.Sprintf(`document.querySelector('#seg-%s .qa-error[data-code="number_missing"]').textContent`, s.ID))
	if !strings.Contains(finding, "300") {
		t.Errorf("finding = %q, want it to name 300", finding)
	}
	if sum := evalJS[string](ana, `document.getElementById("qa-summary").textContent`); !strings.Contains(sum, "2 errors") {
		t.Errorf("QA summary = %q, want 2 errors (300 missing, 30 extra)", sum)
	}
	ana.shot("01-finding")

	// F8 jumps from another segment to the one with the error.
	ana.do("focus another segment", chromedp.Focus(chromedp.CSS(seg(others[0].ID, "target"))))
	ana.do("F8", chromedp.KeyEvent(kb.F8))
	ana.wait("focus on the segment with the error", fmt.Sprintf(`document.activeElement.closest("article.seg") && document.activeElement.closest("article.seg").id === "seg-%s"`, s.ID))

	// Approving is refused; the reason box opens.
	ana.do("Ctrl+Enter", chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	ana.wait("the override box", fmt.Sprintf(`!document.querySelector(%q).hidden`, seg(s.ID, "override")))
	ana.shot("02-refused")
	if got := e.segment(es.ID, s.ID); got.Status == store.SegmentApproved {
		t.Fatalf("approved despite the error")
	}
	ana.wait("the text saved anyway", fmt.Sprintf(`document.querySelector(%q).textContent === "La huelga empezó el 2 de febrero con 30 despidos."`, seg(s.ID, "target")))

	// With a reason it is approved, and the reason is in the history.
	reason := "The port cut the figure to 30 in its second statement."
	ana.do("give a reason", chromedp.SendKeys(chromedp.CSS(seg(s.ID, "reason")), reason),
		chromedp.Click(chromedp.CSS(seg(s.ID, "approve-anyway"))))
	ana.wait("the approval", fmt.Sprintf(`document.querySelector("#seg-%s").dataset.status === "approved"`, s.ID))
	got := e.segment(es.ID, s.ID)
	if got.Status != store.SegmentApproved || !strings.Contains(got.Target, "30 despidos") {
		t.Errorf("after approving with a reason: %+v", got)
	}
	ana.do("open the panel", chromedp.Click(chromedp.CSS(seg(s.ID, "open-panel"))))
	ana.wait("the history", fmt.Sprintf(`!!document.querySelector("#seg-%s .hist-reason")`, s.ID))
	if hist := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s .hist-reason").textContent`, s.ID)); !strings.Contains(hist, reason) {
		t.Errorf("history reason = %q", hist)
	}
	ana.shot("03-approved-with-reason")
}
