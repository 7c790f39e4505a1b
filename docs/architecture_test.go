// Package docs holds tests that keep the documentation in this directory
// true to the code.
package docs

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// modulePath is the import path of the module, for module-relative names.
const modulePath = "github.com/pressroom-dev/pressroom"

// root is the module's root directory, the parent of docs/.
const root = ".."

// goPackage is a directory of the module with non-test Go files.
type goPackage struct {
	dir     string   // module-relative, slash-separated: "internal/store"
	imports []string // of its non-test files, module-relative for our own packages
}

// modulePackages walks the module for directories holding non-test .go
// files, skipping hidden directories and testdata.
func modulePackages(t *testing.T) []goPackage {
	t.Helper()
	byDir := map[string]*goPackage{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		p := byDir[rel]
		if p == nil {
			p = &goPackage{dir: rel}
			byDir[rel] = p
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			ip, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			if rest, ok := strings.CutPrefix(ip, modulePath+"/"); ok {
				ip = rest
			}
			if !slices.Contains(p.imports, ip) {
				p.imports = append(p.imports, ip)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []goPackage
	for _, p := range byDir {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b goPackage) int { return strings.Compare(a.dir, b.dir) })
	if len(out) < 10 {
		t.Fatalf("found only %d packages under %s; is the walk broken?", len(out), root)
	}
	return out
}

// mapRow is one row of the package map.
type mapRow struct {
	line      int
	forbidden []string // module-relative or standard import paths; "x/..." is a subtree
}

var (
	rowRE  = regexp.MustCompile("^\\|\\s*`([^`]+)`\\s*\\|(.*)\\|(.*)\\|\\s*$")
	codeRE = regexp.MustCompile("`([^`]+)`")
)

// packageMap reads the rows of the "## Package map" section.
func packageMap(t *testing.T) map[string]mapRow {
	t.Helper()
	b, err := os.ReadFile("architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]mapRow{}
	in := false
	for i, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			in = strings.TrimSpace(line) == "## Package map"
			continue
		}
		m := rowRE.FindStringSubmatch(line)
		if !in || m == nil {
			continue
		}
		if _, dup := rows[m[1]]; dup {
			t.Errorf("architecture.md:%d: a second row for %s", i+1, m[1])
		}
		r := mapRow{line: i + 1}
		for _, c := range codeRE.FindAllStringSubmatch(m[3], -1) {
			r.forbidden = append(r.forbidden, c[1])
		}
		rows[m[1]] = r
	}
	if len(rows) == 0 {
		t.Fatal(`architecture.md has no "## Package map" table with rows like: | ` + "`internal/x`" + ` | what it owns | what it must not import |`)
	}
	return rows
}

// forbids reports whether the pattern ("net/http", "internal/translate/...")
// matches an import path.
func forbids(pattern, imp string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return imp == base || strings.HasPrefix(imp, base+"/")
	}
	return imp == pattern
}

// TestPackageMap: every package of the module has a row in
// docs/architecture.md, every row names a package, and no package imports
// what its row forbids.
func TestPackageMap(t *testing.T) {
	rows := packageMap(t)
	pkgs := modulePackages(t)
	seen := map[string]bool{}
	for _, p := range pkgs {
		seen[p.dir] = true
		r, ok := rows[p.dir]
		if !ok {
			t.Errorf("docs/architecture.md has no row for package %s; add one to its package map:\n"+
				"| `%s` | what it owns, in a line | `what/it/must/not/import` … |\n"+
				"and name it in the README's layout section", p.dir, p.dir)
			continue
		}
		for _, imp := range p.imports {
			for _, f := range r.forbidden {
				if forbids(f, imp) {
					t.Errorf("%s imports %s, which its row in docs/architecture.md (line %d) forbids (`%s`): "+
						"move the code, or change the rule there if the design changed", p.dir, imp, r.line, f)
				}
			}
		}
	}
	for name, r := range rows {
		if !seen[name] {
			t.Errorf("docs/architecture.md:%d: a row for %s, which is not a package of the module (renamed or removed?)", r.line, name)
		}
	}
}

// TestTestOnlyPackages: test helpers (internal/testenv, packages named
// …test) are imported only by _test.go files and by each other.
func TestTestOnlyPackages(t *testing.T) {
	for _, p := range modulePackages(t) {
		if strings.HasSuffix(p.dir, "test") {
			continue // a test helper may build on another (testenv.Require)
		}
		for _, imp := range p.imports {
			if imp == "internal/testenv" || (strings.HasPrefix(imp, "internal/") && strings.HasSuffix(imp, "test")) {
				t.Errorf("%s imports the test helper %s outside its _test.go files", p.dir, imp)
			}
		}
	}
}

// TestREADMELayout: the README's layout section points here and names every
// package by its path.
func TestREADMELayout(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, layout, ok := strings.Cut(string(b), "\n## Layout\n")
	if !ok {
		t.Fatal(`README.md has no "## Layout" section`)
	}
	if i := strings.Index(layout, "\n## "); i >= 0 {
		layout = layout[:i]
	}
	if !strings.Contains(layout, "docs/architecture.md") {
		t.Error("the README's layout section does not point to docs/architecture.md")
	}
	named := map[string]bool{}
	for _, f := range strings.FieldsFunc(layout, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == ',' || r == '`' || r == '(' || r == ')' || r == ';'
	}) {
		named[strings.TrimSuffix(f, "/")] = true
	}
	var missing []string
	for _, p := range modulePackages(t) {
		if !named[p.dir] {
			missing = append(missing, p.dir)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the README's layout section does not name %s: add each path there with a few words (and a row in docs/architecture.md)",
			strings.Join(missing, ", "))
	}
}
