package cli

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

func TestIngest(t *testing.T) {
	a, err := app.Start(context.Background(), app.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Backends: "pseudo",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tok, _, err := auth.CreateToken(context.Background(), a.Store.Queries, "t", auth.Editor, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"strike.md":  "# Port strike\n\nDock workers voted to *continue*.",
		"note.txt":   "A plain note.",
		"page.html":  "<h1>Harbour</h1><p>Ships <em>wait</em>.</p>",
		"empty.txt":  "   ",
		"latin1.txt": "caf\xe9",
	}
	// Sorted, so the command sees the same file order on every run.
	var paths []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	// A good file for the token checks: a bad one would be refused before
	// the token is looked at.
	good := filepath.Join(dir, "note.txt")
	code, out, errOut := runCLI(t, "", map[string]string{"PRESSROOM_TOKEN": tok, "PRESSROOM_SERVER": a.URL()}, append([]string{"ingest"}, paths...)...)
	if code != ExitUsage {
		t.Errorf("exit %d, want 2 (two files are bad)", code)
	}
	for _, slug := range []string{"\tport-strike\t", "\ta-plain-note\t", "\tharbour\t"} {
		if !strings.Contains(out, slug) {
			t.Errorf("stdout lacks %q:\n%s", slug, out)
		}
	}
	for _, want := range []string{"empty.txt: body is empty (empty_body, HTTP 422)", "latin1.txt: not valid UTF-8", "2 of 5 files were not ingested"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "", nil, "ingest", "--server", a.URL(), good); code != ExitUsage || !strings.Contains(errOut, "--token") {
		t.Errorf("without a token: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "ingest", "--server", a.URL(), "--token", "prt_bad", good); code != ExitUsage || !strings.Contains(errOut, "unauthenticated") {
		t.Errorf("bad token: exit %d %q", code, errOut)
	}
}
