package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/locales"
)

// TestUIMessagesDefined fails when the templates or the handlers use a
// message id that a locale file lacks (i18n's TestLocalesComplete keeps the
// locales in step with each other; this keeps them in step with the UI).
func TestUIMessagesDefined(t *testing.T) {
	ids := map[string]bool{}
	tmplID := regexp.MustCompile(`\.T "([A-Za-z_]+)"`)
	goID := regexp.MustCompile(`T\("([A-Z][A-Za-z_]+)"`)
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		for _, m := range tmplID.FindAllStringSubmatch(string(b), -1) {
			ids[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range gofiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goID.FindAllStringSubmatch(string(b), -1) {
			if !strings.HasSuffix(m[1], "_") { // a prefix; its ids are listed below
				ids[m[1]] = true
			}
		}
	}
	// Error messages chosen by code or kind.
	for _, id := range codeMessages {
		ids[id] = true
	}
	for _, k := range kindMessages {
		ids[k.id] = true
	}
	// Ids built from a prefix and a value.
	for _, s := range store.SegmentStatuses {
		ids["SegStatus_"+s] = true
	}
	for _, s := range store.EditionStatuses {
		ids["EditionStatus_"+s] = true
	}
	for _, s := range []string{store.HistoryEdit, store.HistoryApprove} {
		ids["HistoryAction_"+s] = true
	}
	for _, s := range []string{"error", "warning"} {
		ids["QASeverity_"+s] = true
	}
	// Findings and notes are shown by code (remarks.go).
	for _, c := range append(qa.Codes(), glossary.CodePreferredMissing, glossary.CodeForbiddenUsed, glossary.CodeDNTAltered) {
		ids["QA_"+c] = true
	}
	for _, c := range note.Codes() {
		ids["Note_"+c] = true
	}
	for _, s := range roles {
		ids["Role_"+s] = true
	}
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	for id := range scriptMessages(b.Localizer("en")) {
		if id != "JSLang" && id != "JSBeingEditedBy" && id != "JSProgress" && id != "JSQASummary" {
			ids[id] = true
		}
	}
	if len(ids) < 100 {
		t.Fatalf("found only %d message ids; is the scan broken?", len(ids))
	}
	for _, lang := range uiLangs {
		var m map[string]any
		if _, err := toml.DecodeFS(locales.FS, lang+".toml", &m); err != nil {
			t.Fatal(err)
		}
		for id := range ids {
			if _, ok := m[id]; !ok {
				t.Errorf("message %s is missing from locales/%s.toml", id, lang)
			}
		}
	}
}
