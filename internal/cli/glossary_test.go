package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/store"
)

const cliCSV = "source,target,kind,case_sensitive,note\n" +
	"union,sindicato,preferred,false,labour\n" +
	"Jess Spear,,do_not_translate,true,\n" +
	"union,unión,forbidden,false,\n"

func glossaryTerms(t *testing.T, dir, to string) []store.GlossaryTerm {
	t.Helper()
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	terms, err := st.GlossaryTerms(context.Background(), []string{"en"}, []string{to})
	if err != nil {
		t.Fatal(err)
	}
	return terms
}

func TestGlossaryImportExport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "terms.csv")
	if err := os.WriteFile(file, []byte(cliCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "", nil, "glossary", "import", "--data", dir, "--from", "en", "--to", "es", file)
	if code != 0 || !strings.Contains(errOut, "3 added") {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	// Export as TBX to stdout, import that into another pair from stdin.
	code, tbx, errOut := runCLI(t, "", nil, "glossary", "export", "--data", dir, "--to", "es", "--format", "tbx")
	if code != 0 || !strings.Contains(tbx, `<martif type="TBX-Basic"`) {
		t.Fatalf("export: exit %d, %s %s", code, tbx, errOut)
	}
	tbx = strings.ReplaceAll(tbx, `xml:lang="es"`, `xml:lang="es-AR"`)
	code, _, errOut = runCLI(t, tbx, nil, "glossary", "import", "--data", dir, "--to", "es-AR", "--format", "tbx", "-")
	if code != 0 || !strings.Contains(errOut, "3 added") {
		t.Fatalf("import TBX: exit %d, %s", code, errOut)
	}
	if got := glossaryTerms(t, dir, "es-AR"); len(got) != 3 {
		t.Errorf("es-AR terms %+v", got)
	}
	// CSV to a file named by -o.
	out := filepath.Join(t.TempDir(), "out.csv")
	if code, _, errOut := runCLI(t, "", nil, "glossary", "export", "--data", dir, "--to", "es", "-o", out); code != 0 {
		t.Fatalf("export -o: %d %s", code, errOut)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "source,target,kind,case_sensitive,note\n") || strings.Count(string(b), "\n") != 4 {
		t.Errorf("exported CSV:\n%s", b)
	}
}

// TestGlossaryImportBadInput: exit status 2, a message naming the problem,
// nothing stored.
func TestGlossaryImportBadInput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, cliCSV, nil, "glossary", "import", "--data", dir, "--to", "es", "--format", "csv", "-"); code != 0 {
		t.Fatalf("seed import: %d %s", code, errOut)
	}
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"unknown kind", "source,target,kind\nstrike,huelga,preferred\nx,y,best\n", []string{"--format", "csv", "-"}, `line 3: unknown kind "best"`},
		{"malformed XML", `<martif><text><body><termEntry>`, []string{"--format", "tbx", "-"}, "truncated"},
		{"entity expansion", `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><martif/>`, []string{"--format", "tbx", "-"}, "entities"},
		{"wrong language", `<martif><text><body><termEntry><langSet xml:lang="de"><tig><term>Streik</term></tig></langSet></termEntry></body></text></martif>`,
			[]string{"--format", "tbx", "-"}, `xml:lang="de"`},
		{"over the limit", "source\n" + strings.Repeat("word\n", 100), []string{"--format", "csv", "--max-size", "100", "-"}, "larger than the limit of 100 bytes"},
		{"same language", "source\nx\n", []string{"--format", "csv", "--from", "es", "-"}, "same language"},
		{"no format for stdin", "source\nx\n", []string{"-"}, "--format"},
		{"unknown extension", "", []string{"terms.docx"}, "cannot tell the format"},
		{"missing file", "", []string{"nope.csv"}, "nope.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"glossary", "import", "--data", dir, "--to", "es"}, tc.args...)
			code, _, errOut := runCLI(t, tc.stdin, nil, args...)
			if code != ExitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
	if got := glossaryTerms(t, dir, "es"); len(got) != 3 {
		t.Errorf("bad imports changed the glossary: %+v", got)
	}
}
