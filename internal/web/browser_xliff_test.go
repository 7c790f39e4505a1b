package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestBrowserXLIFF drives the editor's offline section in headless
// Chromium: download the edition as XLIFF 2.1 (a real download), 1.2 and
// the OmegaT zip; while the file is out, a colleague changes a segment;
// upload the translated file: the summary shows, the changed targets land
// with their tags, the segment changed on both sides shows both texts and
// keeps the colleague's until the translator chooses; a file for another
// edition is refused with a message and changes nothing.
func TestBrowserXLIFF(t *testing.T) {
	browserCtx := startBrowser(t)
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	bea := e.addUser("bea", auth.Translator, "es")
	_, eds := e.ingest("Port strike", "markdown", "Dockworkers in [Santos](https://example.com/s) voted. Ships wait offshore.\n\nTalks resume on Monday.")
	es, pt := eds["es"], eds["pt-BR"]
	bySource := map[string]store.Segment{}
	for _, s := range e.segments(es.ID) {
		bySource[s.Source] = s
	}
	dock, ships, talks := bySource["Dockworkers in <1>Santos</1> voted."], bySource["Ships wait offshore."], bySource["Talks resume on Monday."]
	if dock.ID == "" || ships.ID == "" || talks.ID == "" {
		t.Fatalf("segments: %v", bySource)
	}

	ana := newSession(t, browserCtx, "ana")
	ana.login(e.url, "ana")
	ana.openEditor(e.url, es.ID)
	ana.do("open the offline section", chromedp.Click(chromedp.CSS("#offline summary")))
	ana.wait("the section open", `document.getElementById("offline").open`)
	hrefs := evalJS[[]string](ana, `["dl-xliff21", "dl-xliff12", "dl-omegat"].map(id => new URL(document.getElementById(id).href).pathname + new URL(document.getElementById(id).href).search)`)
	want := []string{"/editions/" + es.ID + "/xliff?version=2.1", "/editions/" + es.ID + "/xliff?version=1.2", "/editions/" + es.ID + "/omegat"}
	if fmt.Sprint(hrefs) != fmt.Sprint(want) {
		t.Errorf("download links %v, want %v", hrefs, want)
	}
	ana.shot("01-offline-section")

	// A real download of the 2.1 file.
	dir := t.TempDir()
	ana.do("allow downloads", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, BrowserContextID: chromedp.FromContext(ctx).BrowserContextID})
		return err
	}))
	ana.do("download XLIFF 2.1", chromedp.Click(chromedp.CSS("#dl-xliff21")))
	var file string
	testenv.Eventually(t, stepTimeout, func() (bool, string) {
		m, _ := filepath.Glob(filepath.Join(dir, "*.xlf"))
		if len(m) == 1 {
			file = m[0]
			return true, ""
		}
		return false, fmt.Sprintf("downloads: %v", m)
	})
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(file, "-es-2.1.xlf") || !strings.Contains(string(raw), `version="2.1"`) {
		t.Fatalf("downloaded %s:\n%s", file, raw)
	}
	// The 1.2 file and the OmegaT zip, fetched with the session as the links would.
	x12 := awaitJS[string](ana, `fetch(document.getElementById("dl-xliff12").href).then(r => r.text())`)
	if !strings.Contains(x12, `<xliff version="1.2"`) || !strings.Contains(x12, `id="`+ships.ID+`"`) {
		t.Errorf("XLIFF 1.2 download: %.300s", x12)
	}
	zipHead := awaitJS[string](ana, `fetch(document.getElementById("dl-omegat").href).then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b).slice(0, 2)))`)
	if zipHead != "PK" {
		t.Errorf("OmegaT download starts %q, not PK", zipHead)
	}

	// Bea changes a segment while the file is out.
	beaText := "Las negociaciones se reanudan el lunes."
	if _, err := e.app.Pipeline.EditSegment(context.Background(), auth.Principal{ID: bea.ID, Name: bea.Name, Role: auth.Translator, Langs: []string{"es"}},
		es.ID, talks.ID, pipeline.SegmentEdit{Target: beaText, Version: talks.Version}); err != nil {
		t.Fatal(err)
	}
	ana.wait("Bea's change, live", fmt.Sprintf(`document.querySelector(%q).textContent === %q`, seg(talks.ID, "target"), beaText))

	// Ana's CAT tool translated three units.
	doc := setUnitTarget(t, string(raw), dock.ID, `Los estibadores de <pc id="1">Santos</pc> votaron.`)
	doc = setUnitTarget(t, doc, ships.ID, "Los barcos esperan mar adentro.")
	doc = setUnitTarget(t, doc, talks.ID, "Las conversaciones siguen el lunes.")
	upload := filepath.Join(t.TempDir(), "translated.xlf")
	if err := os.WriteFile(upload, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	ana.do("upload", chromedp.SetUploadFiles(chromedp.CSS("#xliff-file"), []string{upload}), chromedp.Click(chromedp.CSS("#xliff-import-submit")))
	ana.wait("the summary", `!!document.querySelector('#xliff-summary [data-role="import-counts"]')`)
	ana.shot("02-imported")
	counts := evalJS[string](ana, `document.querySelector('#xliff-summary [data-role="import-counts"]').textContent`)
	if !strings.Contains(counts, "2 updated") || !strings.Contains(counts, "1 in conflict") || !strings.Contains(counts, "0 refused") {
		t.Errorf("summary: %q", counts)
	}
	if got := e.segment(es.ID, dock.ID); got.Target != "Los estibadores de <1>Santos</1> votaron." || got.Status != store.SegmentEdited {
		t.Errorf("tagged segment after import: %q %s", got.Target, got.Status)
	}
	if got := e.segment(es.ID, ships.ID); got.Target != "Los barcos esperan mar adentro." {
		t.Errorf("segment after import: %q", got.Target)
	}
	ana.wait("the imported text on the page", fmt.Sprintf(`document.querySelector(%q).textContent === "Los barcos esperan mar adentro."`, seg(ships.ID, "target")))

	// The conflict: both texts, Bea's kept until Ana chooses.
	ana.wait("the conflict", fmt.Sprintf(`!document.querySelector(%q).hidden`, seg(talks.ID, "conflict")))
	mine := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s [data-role=conflict-mine]").textContent`, talks.ID))
	theirs := evalJS[string](ana, fmt.Sprintf(`document.querySelector("#seg-%s [data-role=conflict-theirs]").textContent`, talks.ID))
	if mine != "Las conversaciones siguen el lunes." || theirs != beaText {
		t.Errorf("conflict shows %q / %q", mine, theirs)
	}
	if got := e.segment(es.ID, talks.ID); got.Target != beaText {
		t.Errorf("the import overwrote Bea's text: %q", got.Target)
	}
	if n := evalJS[int](ana, `document.querySelectorAll('#xliff-summary [data-role="import-conflict"]').length`); n != 1 {
		t.Errorf("%d conflicts listed in the summary", n)
	}
	ana.shot("03-conflict")
	ana.do("keep the file's text", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#seg-%s [data-role=keep-mine]`, talks.ID))))
	ana.wait("the file's text saved", fmt.Sprintf(`document.querySelector(%q).classList.contains("ok")`, seg(talks.ID, "state")))
	if got := e.segment(es.ID, talks.ID); got.Target != "Las conversaciones siguen el lunes." {
		t.Errorf("after keeping the file's text: %q", got.Target)
	}

	// A file for another edition: refused with a message, nothing changed.
	other := filepath.Join(t.TempDir(), "pt.xlf")
	ptDoc := strings.ReplaceAll(doc, es.ID, pt.ID)
	if err := os.WriteFile(other, []byte(ptDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	before := e.segments(es.ID)
	ana.do("upload another edition's file", chromedp.SetUploadFiles(chromedp.CSS("#xliff-file"), []string{other}), chromedp.Click(chromedp.CSS("#xliff-import-submit")))
	ana.wait("the refusal", `document.getElementById("xliff-summary").classList.contains("error")`)
	if msg := evalJS[string](ana, `document.getElementById("xliff-summary").textContent`); !strings.Contains(msg, "another edition") {
		t.Errorf("refusal message %q", msg)
	}
	after := e.segments(es.ID)
	for i := range before {
		if before[i].Version != after[i].Version {
			t.Errorf("a refused file changed segment %s", after[i].ID)
		}
	}
	ana.shot("04-refused")
	checkInert(t, ana)
}

var unitTargetRE = regexp.MustCompile(`(?s)(<unit id="([^"]+)">.*?<target>)(.*?)(</target>)`)

// setUnitTarget replaces a unit's target in an XLIFF 2 file, as a CAT tool
// would.
func setUnitTarget(t *testing.T, doc, id, content string) string {
	t.Helper()
	found := false
	out := unitTargetRE.ReplaceAllStringFunc(doc, func(m string) string {
		sm := unitTargetRE.FindStringSubmatch(m)
		if sm[2] != id {
			return m
		}
		found = true
		return sm[1] + content + sm[4]
	})
	if !found {
		t.Fatalf("no unit %s with a target", id)
	}
	return out
}

// awaitJS evaluates an expression that yields a promise and returns what
// it resolves to.
func awaitJS[T any](b *tab, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: evaluate %s: %v", b.name, js, err)
	}
	return v
}
