package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// TestBrowserArticleScale drives the editor's article-scale tools on a
// 150-segment article in headless Chromium at 1280×900: grid density, every
// filter and its count, find and replace-all with its preview, a conflict
// and the undo, the memory concordance (Ctrl+K), the preview panel, unknown
// words highlighted, the batch approval of exact memory matches, and the
// F1 help listing the new keys.
func TestBrowserArticleScale(t *testing.T) {
	browser := startBrowser(t)
	e := newEnv(t)
	ana := e.addUser("ana", auth.Translator, "es")
	_, eds := e.ingest("Long", "markdown", longArticle(0))
	es := eds["es"]
	segs := e.segments(es.ID)
	if len(segs) < 100 {
		t.Fatalf("%d segments, want at least 100", len(segs))
	}
	db := e.app.Store.DB()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// What the filters tell apart, set on known segments: a QA error and a
	// warning, two exact memory matches, a person's edit, a comment, an
	// engine's note naming an unknown word, and three translations with
	// "clima" for find and replace.
	// The checks flag every pseudo-translated word as misspelt; start clean.
	exec(`UPDATE segments SET qa = '[]' WHERE edition_id = ?`, es.ID)
	exec(`UPDATE segments SET qa = ? WHERE id = ?`, `[{"code":"number_missing","severity":"error","args":{"number":"1"}}]`, segs[1].ID)
	exec(`UPDATE segments SET qa = ? WHERE id = ?`, `[{"code":"length_ratio","severity":"warning","args":{"ratio":"2.1","min":"0.8","max":"1.6"}}]`, segs[2].ID)
	// (The memory's targets keep the source's numbers: the approval runs
	// the checks, and a missing number would be refused.)
	for i, s := range segs[3:5] {
		exec(`UPDATE segments SET origin = 'tm', engine = 'exact', target = ?, status = 'draft' WHERE id = ?`,
			fmt.Sprintf("Frase %d del artículo 0, de la memoria.", i+3), s.ID)
	}
	exec(`UPDATE segments SET origin = 'human', status = 'edited', updated_by = ?, target = 'Frase de Ana.' WHERE id = ?`, ana.ID, segs[5].ID)
	if err := e.app.Store.AddComment(context.Background(), &store.Comment{SegmentID: segs[6].ID, EditionID: es.ID, UserID: ana.ID, Body: "mira"}); err != nil {
		t.Fatal(err)
	}
	exec(`UPDATE segments SET notes = ?, target = 'El zxqvb del informe.' WHERE id = ?`, `[{"code":"unknown_word","args":{"word":"zxqvb"}}]`, segs[7].ID)
	for _, s := range segs[10:13] {
		exec(`UPDATE segments SET target = 'El clima en la ciudad.' WHERE id = ?`, s.ID)
	}
	// The memory the concordance searches.
	for i, src := range []string{"The economy grew fast.", "Weather and economy news.", "Nothing related."} {
		e.remember(tm.Entry{SourceLang: "en", TargetLang: "es", Source: src, Target: "Traducción " + fmt.Sprint(i)})
	}

	b := newSession(t, browser, "ana")
	// The page itself is 1280×900 (the window's size less its frame would
	// be smaller).
	b.do("a 1280×900 viewport", chromedp.EmulateViewport(1280, 900))
	b.login(e.url, "ana")
	b.openEditor(e.url, es.ID)
	b.wait("the tools", `!!window.pressroomTools && document.getElementById("filter-shown").textContent !== ""`)

	// Density: rows wholly visible below the sticky header.
	visible := evalJS[int](b, `(() => { const top = document.querySelector(".ed-head").getBoundingClientRect().bottom;
		return [...document.querySelectorAll("article.seg")].filter(el => { const r = el.getBoundingClientRect();
			return r.top >= top && r.bottom <= innerHeight }).length })()`)
	if w, h := evalJS[int](b, `innerWidth`), evalJS[int](b, `innerHeight`); w != 1280 || h != 900 {
		t.Errorf("viewport %dx%d, want 1280x900", w, h)
	}
	if visible < 12 {
		t.Errorf("%d segments visible at 1280×900, want at least 12", visible)
	}
	b.viewShot("01-grid")
	// No jumps: moving to a segment already in view does not scroll.
	evalJS[bool](b, fmt.Sprintf(`(() => { window.scrollTo(0, 0); document.querySelector(%q).focus(); return true })()`, seg(segs[2].ID, "target")))
	before := evalJS[float64](b, `window.scrollY`)
	b.do("Ctrl+Down", chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(kb.ModifierCtrl)))
	b.wait("the next segment focused", fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, seg(segs[3].ID, "target")))
	if after := evalJS[float64](b, `window.scrollY`); after != before {
		t.Errorf("moving within the view scrolled from %v to %v", before, after)
	}
	if n := evalJS[int](b, `document.querySelectorAll("section.block").length`); n < 20 {
		t.Errorf("%d blocks drawn, want the article's paragraphs", n)
	}

	// Every filter shows what it names, and its option counts it.
	total := len(segs)
	for _, tc := range []struct {
		value string
		want  int
	}{
		{"all", total},
		{"qa:error", 1},
		{"qa:warning", 1},
		{"kind:memory", 2},
		{"kind:person", 1},
		{"kind:machine", total - 3},
		{"status:edited", 1},
		{"status:draft", total - 1},
		{"status:approved", 0},
		{"open", total},
		{"comments", 1},
		{"changed", 1}, // never published: what a person touched
		{"all", total},
	} {
		evalJS[bool](b, fmt.Sprintf(`(() => { const f = document.getElementById("filter"); f.value = %q;
			f.dispatchEvent(new Event("change")); return true })()`, tc.value))
		shown := evalJS[int](b, `document.querySelectorAll("article.seg:not([hidden])").length`)
		count := evalJS[string](b, fmt.Sprintf(`document.querySelector('#filter option[value=%q]').dataset.count`, tc.value))
		if shown != tc.want || count != fmt.Sprint(tc.want) {
			t.Errorf("filter %s: %d rows shown, option counts %s; want %d", tc.value, shown, count, tc.want)
		}
		if tc.value == "qa:error" {
			b.viewShot("02-filter-qa")
		}
	}
	// Alt+L reaches the filter from the keyboard.
	b.do("Alt+L", chromedp.KeyEvent("l", chromedp.KeyModifiers(kb.ModifierAlt)))
	b.wait("the filter focused", `document.activeElement && document.activeElement.id === "filter"`)

	// Unknown words are highlighted in the draft, the note in the UI language.
	b.wait("the unknown word highlighted", `CSS.highlights.get("unknown-word") && CSS.highlights.get("unknown-word").size === 1`)
	if note := evalJS[string](b, fmt.Sprintf(`document.querySelector("#seg-%s .notes").textContent`, segs[7].ID)); !strings.Contains(note, "“zxqvb”") {
		t.Errorf("note = %q", note)
	}

	// Find: options change what matches.
	find := func(q string, matchCase, word bool) int {
		evalJS[bool](b, fmt.Sprintf(`(() => { document.getElementById("find-case").checked = %v; document.getElementById("find-word").checked = %v;
			document.getElementById("find").value = %q; document.getElementById("find-case").dispatchEvent(new Event("change")); return true })()`, matchCase, word, q))
		b.wait("find "+q, fmt.Sprintf(`document.getElementById("find-count").dataset.n !== undefined && document.querySelectorAll("article.seg.find-hit").length === +document.getElementById("find-count").dataset.n && document.getElementById("find").value === %q && document.getElementById("find-count").dataset.q === %q`, q, q))
		return evalJS[int](b, `+document.getElementById("find-count").dataset.n`)
	}
	for _, tc := range []struct {
		q         string
		matchCase bool
		word      bool
		want      int
	}{
		{"clima", false, false, 3},
		{"CLIMA", false, false, 3},
		{"CLIMA", true, false, 0},
		{"clim", false, false, 3},
		{"clim", false, true, 0},
	} {
		if n := find(tc.q, tc.matchCase, tc.word); n != tc.want {
			t.Errorf("find %q case=%v word=%v: %d segments, want %d", tc.q, tc.matchCase, tc.word, n, tc.want)
		}
	}
	if n := find("clima", false, true); n != 3 {
		t.Fatalf("find clima: %d", n)
	}
	if shown := evalJS[int](b, `document.querySelectorAll("article.seg:not([hidden])").length`); shown != 3 {
		t.Errorf("find shows %d rows, want 3", shown)
	}
	// Keyboard: F3 goes to the first and then the next segment found,
	// Ctrl+F and Ctrl+H reach the search and replace boxes.
	b.do("F3", chromedp.KeyEvent(kb.F3))
	b.wait("the first hit focused", fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, seg(segs[10].ID, "target")))
	b.do("F3 again", chromedp.KeyEvent(kb.F3))
	b.wait("the second hit focused", fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, seg(segs[11].ID, "target")))
	b.do("Ctrl+H", chromedp.KeyEvent("h", chromedp.KeyModifiers(kb.ModifierCtrl)))
	b.wait("the replace box focused", `document.activeElement.id === "replace"`)
	b.do("Ctrl+F", chromedp.KeyEvent("f", chromedp.KeyModifiers(kb.ModifierCtrl)))
	b.wait("the find box focused", `document.activeElement.id === "find"`)
	// Someone else changes one of them behind Ana's back: a conflict.
	exec(`UPDATE segments SET target = 'El clima de Bea.', version = version + 1 WHERE id = ?`, segs[12].ID)
	b.do("type the replacement", chromedp.SetValue(chromedp.CSS("#replace"), "tiempo"))
	b.do("preview replace-all", chromedp.Click(chromedp.CSS("#replace-preview")))
	b.wait("the preview", `document.getElementById("replace-dialog").open && document.querySelectorAll("#replace-list li").length === 3`)
	if ins := evalJS[string](b, `[...document.querySelectorAll("#replace-list ins")].map(x => x.textContent).join(",")`); ins != "tiempo,tiempo,tiempo" {
		t.Errorf("preview insertions %q", ins)
	}
	b.viewShot("03-replace-preview")
	b.do("replace", chromedp.Click(chromedp.CSS("#replace-apply")))
	b.wait("the replacements saved", `!document.getElementById("replace-undo").hidden`)
	for i, s := range segs[10:13] {
		got := e.segment(es.ID, s.ID)
		want := "El tiempo en la ciudad."
		if i == 2 {
			want = "El clima de Bea." // the conflict: nothing overwritten
		}
		if got.Target != want {
			t.Errorf("segment %d after replace: %q, want %q", 11+i, got.Target, want)
		}
	}
	if st := evalJS[string](b, fmt.Sprintf(`document.querySelector(%q).className`, seg(segs[12].ID, "state"))); !strings.Contains(st, "error") {
		t.Errorf("the conflicting segment's state is %q, want an error shown", st)
	}
	if txt := evalJS[string](b, fmt.Sprintf(`document.querySelector(%q).textContent`, seg(segs[12].ID, "target"))); txt != "El clima de Bea." {
		t.Errorf("the conflicting segment shows %q, want the text now stored", txt)
	}
	b.viewShot("04-replaced")
	b.do("undo with Alt+Shift+Z", chromedp.KeyEvent("Z", chromedp.KeyModifiers(kb.ModifierAlt|kb.ModifierShift)))
	b.wait("the undo saved", fmt.Sprintf(`document.querySelector(%q).textContent === "El clima en la ciudad."`, seg(segs[10].ID, "target")))
	for _, s := range segs[10:12] {
		got := e.segment(es.ID, s.ID)
		if got.Target != "El clima en la ciudad." || got.Version <= s.Version+1 {
			t.Errorf("after undo: %q at version %d", got.Target, got.Version)
		}
	}
	find("", false, false)

	// Concordance: Ctrl+K, any words, highlighted.
	b.do("Ctrl+K", chromedp.KeyEvent("k", chromedp.KeyModifiers(kb.ModifierCtrl)))
	b.wait("the concordance dialog", `document.getElementById("conc-dialog").open && document.activeElement.id === "conc-q"`)
	b.do("search the memory", chromedp.SendKeys(chromedp.CSS("#conc-q"), "weather economy"+kb.Enter))
	b.wait("the concordance results", `document.querySelectorAll("#conc-list tr").length === 2`)
	marks := evalJS[string](b, `[...document.querySelectorAll("#conc-list mark")].map(m => m.textContent.toLowerCase()).join(",")`)
	if marks != "economy,weather,economy" && marks != "weather,economy,economy" {
		t.Errorf("highlights %q", marks)
	}
	if first := evalJS[string](b, `document.querySelector("#conc-list tr td").textContent`); first != "Weather and economy news." {
		t.Errorf("first hit %q, want the one with both words", first)
	}
	b.viewShot("05-concordance")
	b.do("close", chromedp.Click(chromedp.CSS(`#conc-dialog form[method=dialog] button`)))
	b.wait("the dialog closed", `!document.getElementById("conc-dialog").open`)

	// Preview: Alt+P opens the assembled edition in a side panel.
	b.do("Alt+P", chromedp.KeyEvent("p", chromedp.KeyModifiers(kb.ModifierAlt)))
	b.wait("the preview", `document.getElementById("preview-content").dataset.loaded === "1"`)
	pv := evalJS[string](b, `document.getElementById("preview-content").textContent`)
	if !strings.Contains(pv, "Frase de Ana.") || !strings.Contains(pv, "El clima en la ciudad.") {
		t.Errorf("preview lacks the current texts: %.300q", pv)
	}
	if n := evalJS[int](b, `document.querySelectorAll("#preview-content a[href^='https://example.com/r/']").length`); n == 0 {
		t.Errorf("preview lacks the article's links")
	}
	b.viewShot("06-preview")
	// Live: a save shows in the open preview.
	b.typeInto(segs[9].ID, "Frase nueva en vivo.", true)
	b.do("save", chromedp.KeyEvent("s", chromedp.KeyModifiers(kb.ModifierCtrl)))
	b.wait("the preview follows the save", `document.getElementById("preview-content").textContent.includes("Frase nueva en vivo.")`)
	b.do("close the preview", chromedp.KeyEvent("p", chromedp.KeyModifiers(kb.ModifierAlt)))

	// Batch approval of the exact memory matches.
	if label := evalJS[string](b, `document.getElementById("approve-memory").textContent`); !strings.Contains(label, "(2)") {
		t.Errorf("approve-memory button %q, want a count of 2", label)
	}
	b.do("Alt+Shift+A", chromedp.KeyEvent("A", chromedp.KeyModifiers(kb.ModifierAlt|kb.ModifierShift)))
	b.wait("the confirmation", `document.getElementById("approve-memory-dialog").open`)
	b.do("approve", chromedp.Click(chromedp.CSS("#am-apply")))
	b.wait("both approved", fmt.Sprintf(`document.getElementById(%q).dataset.status === "approved" && document.getElementById(%q).dataset.status === "approved"`,
		"seg-"+segs[3].ID, "seg-"+segs[4].ID))
	for _, s := range segs[3:5] {
		if got := e.segment(es.ID, s.ID); got.Status != store.SegmentApproved || got.UpdatedBy != ana.ID {
			t.Errorf("segment %s: %s by %q", s.ID, got.Status, got.UpdatedBy)
		}
		h, err := e.app.Store.SegmentHistory(context.Background(), es.ID, s.ID, 10)
		if err != nil || len(h) == 0 || h[0].Action != store.HistoryApprove || h[0].ByID != ana.ID {
			t.Errorf("segment %s history %+v %v, want Ana's approval", s.ID, h, err)
		}
	}
	// The statuses can arrive by the live stream before the batch's answer
	// recounts the button: wait for it, with the harness's deadline.
	b.wait("approve-memory disabled with nothing left", `document.getElementById("approve-memory").disabled`)
	b.viewShot("07-memory-approved")

	// F1 lists the new keys.
	b.do("F1", chromedp.KeyEvent(kb.F1))
	b.wait("the help", `document.getElementById("help").open`)
	keys := evalJS[string](b, `document.getElementById("help").innerText`)
	for _, k := range []string{"Ctrl\n+\nK", "Alt\n+\nP", "Alt\n+\nL", "Ctrl\n+\nF", "Ctrl\n+\nH"} {
		if !strings.Contains(strings.ReplaceAll(keys, " ", ""), strings.ReplaceAll(k, "\n", "")) && !strings.Contains(keys, k) {
			t.Errorf("help lacks %q:\n%s", k, keys)
		}
	}
	checkInert(t, b)
}

// viewShot saves a screenshot of the viewport (what a person sees at
// 1280×900) under testdata/artifacts/web/, next to the full-page ones.
func (b *tab) viewShot(label string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
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
	}
}
