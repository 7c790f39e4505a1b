package tmx_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/tm/tmx"
)

const seedFile = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="pressroom" creationtoolversion="1" segtype="sentence" o-tmf="pressroom" adminlang="en" srclang="en" datatype="plaintext"></header>
<body>
<tu tuid="1" creationdate="20250314T092653Z" creationid="usr_ana">
<prop type="x-context-prev">The port was closed.</prop>
<tuv xml:lang="en"><seg>Dock workers voted to <bpt i="1" x="1">&lt;1&gt;</bpt>continue<ept i="1">&lt;/1&gt;</ept> the strike.<ph x="2">&lt;2/&gt;</ph></seg></tuv>
<tuv xml:lang="es"><seg>Los estibadores votaron <bpt i="1" x="1">&lt;1&gt;</bpt>continuar<ept i="1">&lt;/1&gt;</ept> la huelga.<ph x="2">&lt;2/&gt;</ph></seg></tuv>
</tu>
<tu><tuv xml:lang="en"><seg><it pos="begin" x="3">&lt;b&gt;</it>A <hi>b</hi> &amp; c</seg></tuv><tuv xml:lang="pt-BR"><seg><it pos="begin" x="3"/>A b &amp; c</seg></tuv></tu>
</body>
</tmx>
`

// FuzzReader feeds the TMX reader arbitrary bytes: it must never panic or
// hang, and every entry it returns must be usable — languages set, and
// target placeholders that match the source's.
func FuzzReader(f *testing.F) {
	f.Add(seedFile)
	f.Add(strings.Replace(seedFile, "</body>", "", 1))
	f.Add(`<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4"><header srclang="en"/><body/></tmx>`)
	f.Add(`<tmx version="1.4"><header srclang="*all*"/><body><tu><tuv lang="en"><seg>x</seg></tuv></tu></body></tmx>`)
	f.Fuzz(func(t *testing.T, file string) {
		rd, err := tmx.NewReader(strings.NewReader(file), tmx.Options{MaxBytes: 1 << 20})
		if err != nil {
			if !errors.Is(err, tmx.ErrInvalid) && !errors.Is(err, tmx.ErrTooLarge) {
				t.Fatalf("NewReader error %v is neither ErrInvalid nor ErrTooLarge", err)
			}
			return
		}
		for range 10000 {
			es, err := rd.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !errors.Is(err, tmx.ErrInvalid) && !errors.Is(err, tmx.ErrTooLarge) {
					t.Fatalf("Next error %v is neither ErrInvalid nor ErrTooLarge", err)
				}
				return
			}
			for _, e := range es {
				if e.SourceLang == "" || e.TargetLang == "" {
					t.Fatalf("entry without languages: %+v", e)
				}
				if err := inline.Check(e.Source, e.Target); err != nil {
					t.Fatalf("entry %q → %q: %v", e.Source, e.Target, err)
				}
			}
		}
		t.Fatalf("more than 10000 units from %d bytes", len(file))
	})
}
