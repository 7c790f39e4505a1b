package web

import (
	"encoding/json"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// gridFields are what the editor's filters and highlights read from a
// segment's row (data attributes; the script filters without asking the
// server again).
type gridFields struct {
	Kind     string // origin: memory, machine, person or none
	Errors   int    // QA findings by severity
	Warnings int
	Changed  bool   // changed since the edition's last published version
	Exact    bool   // an exact memory match awaiting approval
	Unknown  string // JSON list of words the engine did not know
}

// setGridFields fills es's filter fields (after editorSeg counted its QA
// findings).
func setGridFields(es *editorSeg, sg store.Segment, published *time.Time) {
	g := &es.Grid
	switch {
	case sg.Status == store.SegmentPending:
		g.Kind = "none"
	case sg.Origin == "human":
		g.Kind = "person"
	case memoryOrigin(sg.Origin):
		g.Kind = "memory"
	default:
		g.Kind = "machine"
	}
	g.Errors, g.Warnings = es.Errors, es.Warnings
	if published != nil {
		g.Changed = sg.UpdatedAt.After(*published)
	} else {
		g.Changed = sg.UpdatedBy != "" // never published: what a person touched
	}
	g.Exact = exactMemory(sg)
	if words := unknownWords(sg.Notes); len(words) > 0 {
		b, _ := json.Marshal(words)
		g.Unknown = string(b)
	}
}

// unknownWords are the words the engine's notes say it did not know, or
// left from the pivot language: the script highlights them in the draft
// while they are still there.
func unknownWords(notes []note.Note) []string {
	var out []string
	for _, n := range notes {
		if n.Code != note.UnknownWord && n.Code != note.PivotLeftover {
			continue
		}
		if w := n.Args["word"]; w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// rowAttrs are a row's id and data attributes, written once in Go and
// escaped here (html.EscapeString on every value): one template action per
// row instead of a dozen keeps a 1,000-segment page fast to render.
func rowAttrs(es *editorSeg) template.HTMLAttr {
	var b strings.Builder
	b.Grow(160 + len(es.Tags) + len(es.Grid.Unknown))
	attr := func(name, value string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(name)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(value))
		b.WriteByte('"')
	}
	g := es.Grid
	attr("id", "seg-"+es.ID)
	attr("data-id", es.ID)
	attr("data-version", strconv.Itoa(es.Version))
	attr("data-status", es.Status)
	attr("data-tags", es.Tags)
	attr("data-kind", g.Kind)
	attr("data-errors", strconv.Itoa(g.Errors))
	attr("data-warnings", strconv.Itoa(g.Warnings))
	attr("data-comments", strconv.Itoa(es.Comments))
	if g.Changed {
		attr("data-changed", "1")
	}
	if g.Exact {
		attr("data-exact", "1")
	}
	if g.Unknown != "" {
		attr("data-unknown", g.Unknown)
	}
	return template.HTMLAttr(b.String()) // every value escaped above
}
