package offline_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/offline"
	"github.com/pressroom-dev/pressroom/internal/omegat/omegattest"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// TestOmegaTLoop is the freelancer's round: pressroom's memory knows some
// sentences of a new article (approved in an earlier one); the OmegaT
// package of the new edition goes through OmegaT (console mode, as a
// translator's first pass would) and comes back: the sentences the memory
// covers are filled with its translations, tags in place, and nothing else
// changes — not the machine drafts, not a translator's earlier edit.
func TestOmegaTLoop(t *testing.T) {
	stores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		const earlier = "Read [the report](https://example.com/r) now. The port is closed.\n\nTalks resume on Monday.\n"
		const later = "The port is closed. Read [the report](https://example.com/r) now.\n\nShips wait offshore. Nobody knows why.\n\nNobody knows why.\n"
		_, old := e.ingest(earlier, "es")
		_, eds := e.ingest(later, "es")
		es := eds["es"]
		// The earlier article's translations are approved: they are the memory.
		memory := map[string]string{
			"Read <1>the report</1> now.": "Lea <1>el informe</1> ya.",
			"The port is closed.":         "El puerto está cerrado.",
			"Talks resume on Monday.":     "Las conversaciones se reanudan el lunes.",
		}
		for _, sg := range e.segments(old["es"].ID) {
			tr, ok := memory[sg.Source]
			if !ok {
				continue
			}
			e.approve(editor, e.edit(editor, sg, tr))
		}
		// In the new edition a translator already edited one sentence; the
		// same sentence further on is still a machine draft, and stays one.
		before := e.segments(es.ID)
		for i, sg := range before {
			if sg.Source == "Nobody knows why." {
				before[i] = e.edit(ana, sg, "Nadie sabe por qué.")
				break
			}
		}

		pkg, err := e.svc.OmegaT(ctx, ana, es.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := omegattest.Translate(t, pkg.Body)
		name := strings.TrimSuffix(pkg.Name, "-omegat.zip") + ".xlf"
		translated, ok := out[name]
		if !ok || len(out) != 1 {
			t.Fatalf("OmegaT wrote %d files, not just %s", len(out), name)
		}
		sum, err := e.svc.Import(ctx, ana, es.ID, bytes.NewReader(translated))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Format != "omegat" {
			t.Errorf("format %q", sum.Format)
		}
		after := e.segments(es.ID)
		filled := 0
		for i, sg := range after {
			if tr, covered := memory[sg.Source]; covered {
				filled++
				if sg.Target != tr || sg.Status != store.SegmentEdited || sg.Version != before[i].Version+1 {
					t.Errorf("segment %q: %q %s v%d, want the memory's %q", sg.Source, sg.Target, sg.Status, sg.Version, tr)
				}
				continue
			}
			if d := cmp.Diff(before[i], sg); d != "" {
				t.Errorf("segment %q, which the memory does not cover, changed (-before +after):\n%s", sg.Source, d)
			}
		}
		if filled != 2 {
			t.Fatalf("the memory covers %d segments of the new edition, want 2", filled)
		}
		if d := cmp.Diff(offline.Counts{Updated: 2, Unchanged: len(after) - 2}, sum.Counts); d != "" {
			t.Errorf("summary (-want +got):\n%s\n%+v", d, sum)
		}
	})
}

// TestTranslateToolkit edits a 1.2 export with translate-toolkit (the
// Python library many localisation scripts use): it reads the file, sets a
// translation (fuzzy: translate-toolkit marks any other translation
// approved="yes") and marks another unit approved, writes the file, and
// the import takes both.
func TestTranslateToolkit(t *testing.T) {
	const python = "/usr/bin/python3" // Debian's, which has translate-toolkit
	if err := exec.Command(python, "-c", "import translate.storage.xliff").Run(); err != nil {
		testenv.Require(t, "translate-toolkit for Debian's python3", "apt-get install translate-toolkit")
	}
	e := newEnv(t, "")
	ctx := context.Background()
	_, eds := e.ingest(article, "es")
	es := eds["es"]
	segs := e.segments(es.ID)
	ships, talks := segs[2], segs[3]
	doc := e.export(ana, es.ID, xliff.V12)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.xlf"), filepath.Join(dir, "out.xlf")
	if err := os.WriteFile(in, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(open(sys.argv[1], "rb"))
for unit in store.units:
    uid = unit.xmlelement.get("id")
    if uid == sys.argv[3]:
        unit.target = "Los barcos esperan mar adentro."
        unit.markfuzzy(True)  # to be reviewed; unfuzzy would say approved="yes"
    elif uid == sys.argv[4]:
        unit.markapproved(True)
open(sys.argv[2], "wb").write(bytes(store))
`
	cmd := exec.Command(python, "-c", script, in, out, ships.ID, talks.ID)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("translate-toolkit: %v\n%s", err, msg)
	}
	edited, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := e.svc.Import(ctx, ana, es.ID, bytes.NewReader(edited))
	if err != nil {
		t.Fatalf("import translate-toolkit's file: %v\n%s", err, edited)
	}
	got := e.segments(es.ID)
	if got[2].Target != "Los barcos esperan mar adentro." || got[2].Status != store.SegmentEdited {
		t.Errorf("the translation set with translate-toolkit: %q %s", got[2].Target, got[2].Status)
	}
	if got[3].Target != talks.Target || got[3].Status != store.SegmentApproved {
		t.Errorf("the unit approved with translate-toolkit: %q %s", got[3].Target, got[3].Status)
	}
	if got[1].Target != segs[1].Target || got[1].Version != segs[1].Version {
		t.Errorf("the tagged unit translate-toolkit did not touch changed: %q", got[1].Target)
	}
	if d := cmp.Diff(offline.Counts{Updated: 2, Approved: 1, Unchanged: len(segs) - 2}, sum.Counts); d != "" {
		t.Errorf("summary (-want +got):\n%s\n%+v", d, sum)
	}
}
