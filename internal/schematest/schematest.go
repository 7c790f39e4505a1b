// Package schematest validates what pressroom exports (XLIFF 2.x with its
// module schemas, XLIFF 1.2 strict, TMX 1.4) against the official schemas
// with xmllint, offline. It is for tests: the schemas live outside the
// repository, in ../shared/schemas (or /work/shared/schemas), and xmllint
// comes from Debian's libxml2-utils; without them a test is skipped, except
// in CI (testenv.Require).
package schematest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/testenv"
)

// Dir returns the schema directory, or requires it.
func Dir(t testing.TB) string {
	t.Helper()
	for _, d := range []string{filepath.Join(testenv.RepoRoot(), "..", "shared", "schemas"), "/work/shared/schemas"} {
		if _, err := os.Stat(filepath.Join(d, "xliff-2", "xliff_core_2.0.xsd")); err == nil {
			return d
		}
	}
	testenv.Require(t, "the XLIFF and TMX schemas", "put them in ../shared/schemas")
	return ""
}

func xmllint(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		testenv.Require(t, "xmllint", "apt-get install libxml2-utils")
	}
	return p
}

// XLIFF2 validates an XLIFF 2.x document against the core schema together
// with the metadata, matches and glossary modules. The core schema alone
// would let module elements through unchecked (its extension points are
// lax), so a driver schema imports all four.
func XLIFF2(t testing.TB, doc []byte) {
	t.Helper()
	dir := filepath.Join(Dir(t), "xliff-2")
	driver := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:pressroom:schematest">
  <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="%[1]s/xliff_core_2.0.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="%[1]s/metadata.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:matches:2.0" schemaLocation="%[1]s/matches.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:glossary:2.0" schemaLocation="%[1]s/glossary.xsd"/>
</xs:schema>
`, dir)
	tmp := t.TempDir()
	schema := filepath.Join(tmp, "all.xsd")
	if err := os.WriteFile(schema, []byte(driver), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, doc, "--schema", schema)
}

// XLIFF12 validates an XLIFF 1.2 document against the strict schema.
func XLIFF12(t testing.TB, doc []byte) {
	t.Helper()
	run(t, doc, "--schema", filepath.Join(Dir(t), "xliff-1.2", "xliff-core-1.2-strict.xsd"))
}

// TMX validates a TMX 1.4 document against the DTD.
func TMX(t testing.TB, doc []byte) {
	t.Helper()
	dir := filepath.Join(Dir(t), "tmx-1.4")
	run(t, doc, "--path", dir, "--dtdvalid", filepath.Join(dir, "tmx14.dtd"))
}

func run(t testing.TB, doc []byte, args ...string) {
	t.Helper()
	bin := xmllint(t)
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append(append([]string{"--noout", "--nonet"}, args...), f)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("xmllint %v: %v\n%s\ndocument:\n%s", args, err, out.Bytes(), clip(doc))
	}
}

func clip(b []byte) []byte {
	if len(b) > 6000 {
		return append(b[:6000:6000], "…"...)
	}
	return b
}
