package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// TestBrowserFuzzyMatch: a sentence close to one approved before arrives
// with the memory's fuzzy match beside it, the differing words marked; the
// translator takes the match with Alt+1 and it is saved.
func TestBrowserFuzzyMatch(t *testing.T) {
	browser := startBrowser(t)
	e := newEnv(t)
	e.addUser("ana", auth.Translator, "es")
	approved := "Los estibadores votaron a favor de continuar la huelga."
	e.remember(tm.Entry{SourceLang: "en", TargetLang: "es", Source: "Dock workers voted to continue the strike.", Target: approved, CreatedBy: "usr_x"})
	_, eds := e.ingest("Port strike", "text", "Dock workers voted to end the strike.")
	var s store.Segment
	for _, x := range e.segments(eds["es"].ID) {
		if x.Source == "Dock workers voted to end the strike." {
			s = x
		}
	}
	if len(s.Matches) != 1 || s.Origin == "tm" {
		t.Fatalf("the near-twin of an approved sentence: %+v", s)
	}

	ana := newSession(t, browser, "ana")
	ana.login(e.url, "ana")
	ana.openEditor(e.url, eds["es"].ID)
	got := evalJS[[]string](ana, fmt.Sprintf(`[document.querySelector("#seg-%[1]s .msrc").textContent,
		document.querySelector("#seg-%[1]s .msrc del").textContent, document.querySelector("#seg-%[1]s .msrc ins").textContent,
		document.querySelector("#seg-%[1]s .score").textContent, document.querySelector("#seg-%[1]s .mtgt").textContent]`, s.ID))
	want := []string{"Dock workers voted to continueend the strike.", "continue", "end", "86%", approved}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("the match as shown (-want +got):\n%s", d)
	}
	ana.shot("01-fuzzy-match")
	ana.do("focus the segment", chromedp.Focus(chromedp.CSS(seg(s.ID, "target"))))
	ana.do("Alt+1", chromedp.KeyEvent("1", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	ana.wait("the match used and saved", fmt.Sprintf(`document.querySelector(%q).textContent === %q && document.querySelector(%q).classList.contains("ok")`,
		seg(s.ID, "target"), approved, seg(s.ID, "state")))
	ana.shot("02-match-used")
	if got := e.segment(eds["es"].ID, s.ID); got.Target != approved || got.Status != store.SegmentEdited || got.Origin != "human" {
		t.Errorf("segment after Alt+1: %+v", got)
	}
}
