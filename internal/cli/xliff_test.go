package cli

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestXLIFFCommands exports an edition with the CLI, edits the file,
// imports it, and checks exit statuses: 0 when all is taken, 1 with a
// conflict, 2 for a file refused as a whole or wrong flags.
func TestXLIFFCommands(t *testing.T) {
	ctx := context.Background()
	a, err := app.Start(ctx, app.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Backends: "pseudo", Workers: 2,
		CheckInterval: 20 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tok, _, err := auth.CreateToken(ctx, a.Store.Queries, "t", auth.Translator, []string{"es"}, "")
	if err != nil {
		t.Fatal(err)
	}
	art, err := a.Pipeline.Ingest(ctx, "test", pipeline.ArticleInput{Body: "The port is closed. Ships wait offshore.", Format: "text", Targets: []string{"es"}})
	if err != nil {
		t.Fatal(err)
	}
	var ed store.Edition
	testenv.Eventually(t, 60*time.Second, func() (bool, string) {
		eds, err := a.Store.ArticleEditions(ctx, art.ID)
		if err != nil || len(eds) != 1 || eds[0].Status != store.EditionInReview {
			return false, fmt.Sprintf("%v %v", eds, err)
		}
		ed = eds[0]
		return true, ""
	})
	segs, err := a.Store.EditionSegments(ctx, ed.ID, ed.Revision)
	if err != nil || len(segs) != 2 {
		t.Fatalf("segments %v %v", segs, err)
	}
	env := map[string]string{"PRESSROOM_TOKEN": tok, "PRESSROOM_SERVER": a.URL()}
	dir := t.TempDir()
	file := filepath.Join(dir, "ed.xlf")

	code, out, errOut := runCLI(t, "", env, "xliff", "export", "--version", "1.2", "-o", file, ed.ID)
	if code != 0 || strings.TrimSpace(out) != file {
		t.Fatalf("export: exit %d %q %q", code, out, errOut)
	}
	raw, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(raw), `<xliff version="1.2"`) {
		t.Fatalf("exported file: %v\n%s", err, raw)
	}
	edited := strings.Replace(string(raw), ">"+segs[0].Target+"</target>", ">El puerto está cerrado.</target>", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", env, "xliff", "import", file)
	if code != 0 || !strings.Contains(out, "2 units: 1 updated (0 approved), 1 unchanged, 0 in conflict, 0 refused") {
		t.Errorf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	if s, _ := a.Store.GetSegment(ctx, ed.ID, segs[0].ID); s.Target != "El puerto está cerrado." {
		t.Errorf("after import: %q", s.Target)
	}

	// The second segment changes in pressroom and in the file: a conflict.
	if _, err := a.Pipeline.EditSegment(ctx, auth.Principal{ID: "usr_x", Role: auth.Editor}, ed.ID, segs[1].ID,
		pipeline.SegmentEdit{Target: "Los barcos esperan.", Version: segs[1].Version}); err != nil {
		t.Fatal(err)
	}
	edited = strings.Replace(edited, ">"+segs[1].Target+"</target>", ">Los buques aguardan.</target>", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "", env, "xliff", "import", file)
	if code != 1 || !strings.Contains(out, "segment 2: conflict") || !strings.Contains(out, "file:      Los buques aguardan.") ||
		!strings.Contains(out, "pressroom: Los barcos esperan.") {
		t.Errorf("import with a conflict: exit %d\n%s", code, out)
	}

	// The default name, and the OmegaT package.
	t.Chdir(dir)
	code, out, errOut = runCLI(t, "", env, "xliff", "export", ed.ID)
	if code != 0 || strings.TrimSpace(out) != art.Slug+"-es-2.1.xlf" {
		t.Errorf("export with the server's name: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", env, "xliff", "export", "--omegat", ed.ID)
	if code != 0 {
		t.Fatalf("export --omegat: exit %d %q", code, errOut)
	}
	if zr, err := zip.OpenReader(filepath.Join(dir, strings.TrimSpace(out))); err != nil {
		t.Errorf("the OmegaT package: %v", err)
	} else {
		zr.Close()
	}

	notXLIFF := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notXLIFF, []byte("just notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"xliff", "import", notXLIFF}, "not XML: it has text outside any element (malformed_xliff)"},
		{[]string{"xliff", "import", filepath.Join(dir, "missing.xlf")}, "no such file"},
		{[]string{"xliff", "export", "--version", "3", ed.ID}, "--version"},
		{[]string{"xliff", "export", "--omegat", "--version", "1.2", ed.ID}, "--omegat"},
		{[]string{"xliff", "export", "edn_nope"}, "edition_not_found"},
		{[]string{"xliff", "import", "--server", a.URL(), "--token", "prt_bad", file}, "unauthenticated"},
	} {
		code, _, errOut := runCLI(t, "", env, tc.args...)
		if code != ExitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}
