package glossary

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// TestTBXReadByTranslateToolkit: a real terminology tool reads the TBX
// export — translate-toolkit (Debian's, for /usr/bin/python3) — and finds
// every term with its translation and note.
func TestTBXReadByTranslateToolkit(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import translate.storage.tbx").Run(); err != nil {
		testenv.Require(t, "translate-toolkit", "apt-get install translate-toolkit")
	}
	eachStore(t, func(t *testing.T, s *Service) {
		ctx := context.Background()
		if _, err := s.Import(ctx, "ed", "en", "es", FormatCSV, strings.NewReader(sampleCSV), 0); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.Export(ctx, "en", "es", FormatTBX, &buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "glossary.tbx")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", `
import sys
from translate.storage import tbx
f = tbx.tbxfile.parsefile(open(sys.argv[1], 'rb'))
for u in f.units:
    print((u.source or "") + "\t" + (u.target or "") + "\t" + (u.getnotes() or "").replace("\n", " "))
`, path).CombinedOutput()
		if err != nil {
			t.Fatalf("translate-toolkit: %v\n%s", err, out)
		}
		got := strings.Split(strings.TrimSpace(string(out)), "\n")
		// Ordered as exported: by entry key (forbidden entries first).
		// translate-toolkit takes an entry's first langSet as the source
		// whatever its language, so the forbidden word that has no source
		// term comes out as a source.
		want := []string{
			"gringo\t\tnever",
			"union\tunión\t",
			"Jess Spear\tJess Spear\ta name",
			"Nuestra América\tNuestra América\ta slogan in Spanish",
			"steamroller\tapisonadora\t",
			"union\tsindicato\tlabour sense, not «unión»",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("translate-toolkit read (-want +got):\n%s\n%s", d, buf.String())
		}
	})
}
