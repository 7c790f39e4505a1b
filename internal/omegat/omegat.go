// Package omegat builds a ready OmegaT project for one edition, as a zip:
// the edition's XLIFF 1.2 in source/ (prepared for OmegaT's XLIFF filter by
// package xliff), the approved memory in tm/auto/ (OmegaT fills exact
// matches from there, also in console mode), the machine drafts and fuzzy
// memory matches in tm/ (shown as suggestions), the edition's human
// translations so far in omegat/project_save.tmx (the project's own memory,
// so OmegaT shows them as done), and the glossary in glossary/glossary.txt
// (OmegaT's tab-separated format).
//
// OmegaT 3.6 (Debian's) was measured on this machine: it reads XLIFF 1.2
// only, translates the text inside <target>, keeps ids, order, g/x codes
// and attributes, never changes states, and writes the translated file to
// target/. Its segments name inline codes by shortcut (<g0>…</g0>, <x1/>),
// numbered in order, with codes at the edges of a segment left out; the
// memories written here use that form so tagged sentences match too.
package omegat

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
)

// Project is what goes into the package.
type Project struct {
	// Name is the project folder inside the zip.
	Name       string
	SourceLang string
	TargetLang string
	// XLIFFName and XLIFF are the file under source/.
	XLIFFName string
	XLIFF     []byte
	Memory    []Pair // tm/auto/: exact matches OmegaT inserts
	Drafts    []Pair // tm/: suggestions
	Done      []Pair // omegat/project_save.tmx: this edition's human translations
	Glossary  []Term
	Created   time.Time
}

// Pair is a source sentence and its translation, as tagged text.
type Pair struct {
	Source, Target string
	// Origin (a machine backend, "tm") is noted in the TMX.
	Origin string
	// Context, when set, pins the translation to one unit (OmegaT's
	// "alternative translation"), so a sentence that occurs twice keeps
	// each occurrence's own translation.
	Context *Context
}

// Context says where a unit is, the way OmegaT keys its alternative
// translations (measured with 3.6: the file and the sources of the units
// before and after it; the trans-unit id is not part of the key).
type Context struct {
	File string
	// Prev and Next are the tagged sources of the neighbouring units, ""
	// at the file's edges.
	Prev, Next string
}

// Term is a glossary entry.
type Term struct {
	Source, Target, Note string
}

// Write writes the project as a zip.
func Write(w io.Writer, p Project) error {
	if p.Created.IsZero() {
		p.Created = time.Now()
	}
	z := zip.NewWriter(w)
	dir := p.Name + "/"
	for _, d := range []string{"", "source/", "target/", "tm/", "tm/auto/", "glossary/", "dictionary/", "omegat/"} {
		if _, err := z.CreateHeader(&zip.FileHeader{Name: dir + d, Modified: p.Created, Method: zip.Store}); err != nil {
			return err
		}
	}
	files := []struct {
		name string
		data []byte
	}{
		{"omegat.project", projectFile(p)},
		{"source/" + p.XLIFFName, p.XLIFF},
		{"tm/auto/pressroom-memory.tmx", TMX(p.SourceLang, p.TargetLang, p.Memory, p.Created)},
		{"tm/pressroom-suggestions.tmx", TMX(p.SourceLang, p.TargetLang, p.Drafts, p.Created)},
		{"omegat/project_save.tmx", TMX(p.SourceLang, p.TargetLang, p.Done, p.Created)},
		{"glossary/glossary.txt", GlossaryFile(p.Glossary)},
	}
	for _, f := range files {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: dir + f.name, Modified: p.Created, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return fmt.Errorf("omegat: write %s: %w", f.name, err)
		}
	}
	return z.Close()
}

// projectFile is omegat.project: the language pair and the default
// folders. Sentence segmentation is off because every unit already is one
// sentence; tokenizers are left for OmegaT to choose by language.
func projectFile(p Project) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
`)
	fmt.Fprintf(&b, "    <source_lang>%s</source_lang>\n    <target_lang>%s</target_lang>\n", escape(p.SourceLang), escape(p.TargetLang))
	b.WriteString(`    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`)
	return []byte(b.String())
}

// GlossaryFile is OmegaT's tab-separated glossary (UTF-8, .txt): source,
// target and comment per line. Empty without terms.
func GlossaryFile(terms []Term) []byte {
	clean := strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")
	var b strings.Builder
	for _, t := range terms {
		if strings.TrimSpace(t.Source) == "" {
			continue
		}
		b.WriteString(clean.Replace(t.Source) + "\t" + clean.Replace(t.Target))
		if t.Note != "" {
			b.WriteString("\t" + clean.Replace(t.Note))
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escape(s string) string { return xmlEscaper.Replace(s) }
