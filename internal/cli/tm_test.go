package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const memoryFile = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT" adminlang="EN-US" srclang="en" datatype="plaintext"/>
<body>
<tu creationid="ana" creationdate="20250314T092653Z">
<tuv xml:lang="en"><seg>Dock workers voted to continue the strike.</seg></tuv>
<tuv xml:lang="es"><seg>Los estibadores votaron a favor de continuar la huelga.</seg></tuv>
<tuv xml:lang="pt-BR"><seg>Os estivadores votaram pela continuação da greve.</seg></tuv>
</tu>
<tu><tuv xml:lang="en"><seg>The minister resigned on <bpt i="1" x="1">&lt;em&gt;</bpt>Friday<ept i="1">&lt;/em&gt;</ept>.</seg></tuv>
<tuv xml:lang="es"><seg>El ministro dimitió el <bpt i="1" x="1">&lt;em&gt;</bpt>viernes<ept i="1">&lt;/em&gt;</ept>.</seg></tuv></tu>
</body>
</tmx>
`

// TestMemoryCommands imports a TMX file, looks sentences up (text and
// JSON) and exports the memory again; a bad file exits 2 and stores nothing.
func TestMemoryCommands(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "memory.tmx")
	if err := os.WriteFile(file, []byte(memoryFile), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", nil, "tm", "import", "--data", dir, file)
	if code != 0 || out != "imported 2 units as 3 entries from "+file+"\n" {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}

	code, out, errOut = runCLI(t, "", nil, "tm", "lookup", "--data", dir, "--from", "en", "--to", "es", "--json", "Dock workers voted to end the strike.")
	if code != 0 {
		t.Fatalf("lookup: exit %d %s", code, errOut)
	}
	var res struct {
		Matches []struct {
			Kind, Source, Target string
			Score                int
			Diff                 []struct{ Op, Text string }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(res.Matches) != 1 || res.Matches[0].Kind != "fuzzy" || res.Matches[0].Score != 86 ||
		res.Matches[0].Target != "Los estibadores votaron a favor de continuar la huelga." || len(res.Matches[0].Diff) != 4 ||
		res.Matches[0].Diff[1] != (struct{ Op, Text string }{"delete", "continue"}) {
		t.Errorf("lookup --json: %s", out)
	}
	code, out, _ = runCLI(t, "", nil, "tm", "lookup", "--data", dir, "--to", "pt-br", "Dock", "workers", "voted", "to", "end", "the", "strike.")
	want := "fuzzy       86%  Os estivadores votaram pela continuação da greve.\n" +
		"                 Dock workers voted to [-continue-]{+end+} the strike.\n"
	if code != 0 || out != want {
		t.Errorf("lookup: exit %d\n%s\nwant\n%s", code, out, want)
	}
	code, out, _ = runCLI(t, "", nil, "tm", "lookup", "--data", dir, "--to", "es", "The minister resigned on <1>Friday</1>.")
	if code != 0 || !strings.HasPrefix(out, "exact      100%  El ministro dimitió el <1>viernes</1>.") {
		t.Errorf("exact lookup: exit %d %q", code, out)
	}

	// Export, and the file has both units of the pair.
	exported := filepath.Join(dir, "out.tmx")
	code, _, errOut = runCLI(t, "", nil, "tm", "export", "--data", dir, "--from", "en", "--to", "es", "-o", exported)
	if code != 0 || errOut != "exported 2 entries en→es\n" {
		t.Fatalf("export: exit %d %q", code, errOut)
	}
	b, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<tu tuid="`, `creationid="ana"`, `creationdate="20250314T092653Z"`, `<bpt i="1" x="1">&lt;1&gt;</bpt>viernes<ept i="1">&lt;/1&gt;</ept>`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("export lacks %s:\n%s", s, b)
		}
	}

	// A truncated file: exit 2, a line number, nothing stored.
	bad := filepath.Join(dir, "bad.tmx")
	truncated := strings.Replace(memoryFile, "Dock workers voted", "Dockers voted", 1)
	if err := os.WriteFile(bad, []byte(truncated[:len(truncated)-60]), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", nil, "tm", "import", "--data", dir, bad)
	if code != ExitUsage || !strings.Contains(errOut, "truncated") || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("truncated import: exit %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", nil, "tm", "import", "--data", dir, "--max-size", "100", file)
	if code != ExitUsage || !strings.Contains(errOut, "over the limit") {
		t.Errorf("import over the limit: exit %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, "", nil, "tm", "lookup", "--data", dir, "--to", "es", "Dockers voted to continue the strike.")
	if code != 0 || strings.Contains(out, "exact") {
		t.Errorf("the refused file stored something: %q", out)
	}
	code, _, _ = runCLI(t, "", nil, "tm", "import", "--data", dir, filepath.Join(dir, "missing.tmx"))
	if code != ExitUsage {
		t.Errorf("missing file: exit %d", code)
	}
}
