// Package omegattest runs a real OmegaT over a project package, for tests:
// it unpacks the zip, runs OmegaT's console translation headless and
// returns the files OmegaT wrote to target/. Without OmegaT the test is
// skipped, except in CI (testenv.Require).
package omegattest

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// Translate runs `omegat PROJECT --mode=console-translate` over the
// project in pkg (a zip with one top folder) and returns target/'s files
// by name.
func Translate(t testing.TB, pkg []byte) map[string][]byte {
	t.Helper()
	bin, err := exec.LookPath("omegat")
	if err != nil {
		testenv.Require(t, "OmegaT", "apt-get install omegat")
	}
	dir := t.TempDir()
	project := extract(t, pkg, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, project, "--mode=console-translate", "--no-team", "--disable-project-locking", "--quiet")
	// OmegaT keeps its settings under $HOME/.omegat; give it a home of
	// its own so runs neither share nor leave state.
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "JAVA_TOOL_OPTIONS=-Djava.awt.headless=true")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("omegat: %v\n%s", err, tail(out.String()))
	}
	got := map[string][]byte{}
	entries, err := os.ReadDir(filepath.Join(project, "target"))
	if err != nil {
		t.Fatalf("omegat wrote no target folder: %v\n%s", err, tail(out.String()))
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(project, "target", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = b
	}
	return got
}

// extract unpacks the zip under dir and returns its one top folder.
func extract(t testing.TB, pkg []byte, dir string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	top := ""
	for _, f := range zr.File {
		name := filepath.Clean(f.Name)
		if filepath.IsAbs(name) || strings.HasPrefix(name, "..") {
			t.Fatalf("zip entry %q leaves the folder", f.Name)
		}
		first, _, _ := strings.Cut(filepath.ToSlash(name), "/")
		if top == "" {
			top = first
		} else if first != top {
			t.Fatalf("zip has two top folders, %q and %q", top, first)
		}
		path := filepath.Join(dir, name)
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, top)
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}
