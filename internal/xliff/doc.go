// Package xliff writes an edition as an XLIFF file (2.1 or 1.2) for
// translators who work in their own CAT tool, and reads such a file back.
//
// It is the format only: it knows nothing of the store or the workflow.
// Doc is what an export carries (one unit per segment, with the segment's
// version, status, notes, QA findings, memory matches and glossary hits);
// File is what a returned file says (per unit: the translation, the state
// the translator gave it, and what the export recorded so an import can
// tell a change from a conflict). Package offline connects both to
// pressroom.
//
// Inline markup travels as XLIFF inline codes: pc/ph (2.x) and g/x (1.2),
// with the placeholder number of pressroom's tagged text as the code id.
// The markup itself (an <a href>, an <img src>) stays out of the text: in
// originalData (2.x) or a context group (1.2), for information only — an
// import takes the codes' ids and never markup from the file, so a
// translator's tool cannot add or change a link.
package xliff

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// Version is an XLIFF version.
type Version string

// The versions written and read. 2.1 documents use the 2.0 namespace
// (urn:oasis:names:tc:xliff:document:2.0) and say version="2.1"; the OASIS
// 2.0 core schema accepts any version string, so they validate against it.
const (
	V21 Version = "2.1"
	V12 Version = "1.2"
)

// Namespaces.
const (
	NS2   = "urn:oasis:names:tc:xliff:document:2.0"
	NS12  = "urn:oasis:names:tc:xliff:document:1.2"
	NSMtc = "urn:oasis:names:tc:xliff:matches:2.0"
	NSGls = "urn:oasis:names:tc:xliff:glossary:2.0"
	NSMda = "urn:oasis:names:tc:xliff:metadata:2.0"
)

// Segment statuses, as pressroom names them (see package store).
const (
	Pending  = "pending"
	Draft    = "draft"
	Edited   = "edited"
	Approved = "approved"
)

// Doc is an edition to export.
type Doc struct {
	EditionID  string
	ArticleID  string
	Revision   int // the article revision the segments belong to
	SourceLang string
	TargetLang string
	Title      string
	ExportedAt time.Time
	// OmegaT prepares a 1.2 file for OmegaT's XLIFF filter, which translates
	// the text inside <target> and skips units without one: every unit
	// carries the source text in <target> (human translations reach OmegaT
	// through the project's memory instead), and an import ignores the
	// states, which OmegaT never changes.
	OmegaT bool
	Units  []Unit
}

// Unit is one segment.
type Unit struct {
	ID      string // the segment id
	Block   int
	Version int
	Status  string // pending, draft, edited, approved
	Origin  string // human, tm, or a machine backend
	Source  string // tagged text
	Target  string // tagged text; "" when pending
	// Tags are the definitions of the placeholders in Source.
	Tags    []inline.Tag
	Notes   []string
	QA      []QAIssue
	Matches []Match
	Terms   []Term
}

// QAIssue is a finding of a quality check.
type QAIssue struct {
	Check    string
	Severity string // error, warning
	Message  string
}

// Match is a translation-memory suggestion.
type Match struct {
	Source string // tagged text
	Target string // tagged text
	Score  int    // percent
	Origin string
}

// Term is a glossary entry found in the segment's source.
type Term struct {
	Source string
	Target string
	Note   string
}

// File is what an XLIFF file brought back says.
type File struct {
	Version    Version
	EditionID  string
	ArticleID  string
	Revision   int
	SourceLang string
	TargetLang string
	OmegaT     bool
	Units      []FileUnit
}

// FileUnit is one unit of a returned file.
type FileUnit struct {
	ID string
	// Version, Exported and Checksum are what the export recorded: the
	// segment's version and status then, and a checksum of the target as
	// written. Zero when the file lacks them.
	Version  int
	Exported string
	Checksum string
	// Source and Target are tagged text. HasTarget is false for a unit
	// without a <target>.
	Source    string
	Target    string
	HasTarget bool
	// Status is the state the file gives the translation, in pressroom's
	// terms: draft (2.x initial; 1.2 new, needs-translation…), edited
	// (translated, reviewed, needs-review-…) or approved (final,
	// signed-off, approved="yes"); "" when the file says nothing.
	Status string
	// Err is set when the unit's content cannot be read as pressroom text
	// (an inline code that is not one of pressroom's placeholders); the
	// rest of the file is still usable.
	Err *Error
}

// Checksum is the checksum recorded for a target text: hex of the first 12
// bytes of its SHA-256.
func Checksum(tagged string) string {
	h := sha256.Sum256([]byte(tagged))
	return hex.EncodeToString(h[:12])
}

// Error is a problem with a file, with a stable code.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Codes of file errors.
const (
	CodeMalformed      = "malformed_xliff"     // not well-formed XML, or not UTF-8
	CodeDoctype        = "doctype_not_allowed" // a DOCTYPE (entity declarations)
	CodeTooLarge       = "file_too_large"
	CodeTooDeep        = "too_deeply_nested"
	CodeNotXLIFF       = "not_xliff"
	CodeVersion        = "unsupported_xliff_version"
	CodeUnknownElement = "unknown_element"
	CodeStructure      = "invalid_structure" // a required element or attribute missing, or two files
	CodeNotOurs        = "not_a_pressroom_file"
	CodeDuplicateUnit  = "duplicate_unit"
	CodeInline         = "invalid_inline_code" // per unit
)
