package web

import (
	"encoding/json"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"

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

// setGridFields fills es's filter fields and localises its notes.
func setGridFields(c *reqCtx, es *editorSeg, sg store.Segment, published *time.Time) {
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
	for _, q := range sg.QA {
		switch q.Severity {
		case "error":
			g.Errors++
		case "warning":
			g.Warnings++
		}
	}
	if published != nil {
		g.Changed = sg.UpdatedAt.After(*published)
	} else {
		g.Changed = sg.UpdatedBy != "" // never published: what a person touched
	}
	g.Exact = exactMemory(sg)
	var unknown []string
	es.Notes = make([]string, 0, len(sg.Notes))
	for _, n := range sg.Notes {
		text, words := localNote(c, n)
		es.Notes = append(es.Notes, text)
		unknown = append(unknown, words...)
	}
	if len(unknown) > 0 {
		b, _ := json.Marshal(unknown)
		g.Unknown = string(b)
	}
}

// The engines' notes are English sentences; the known ones are recognised
// and said in the UI's language. (The qa branch turns notes into codes with
// arguments; then this matching goes.)
var (
	unknownNote = regexp.MustCompile(`^(\S+) does not know (.+); left as in the source$`)
	quotedWord  = regexp.MustCompile(`“([^”]+)”`)
	addedTag    = regexp.MustCompile(`^the engine added a (.+) tag the source does not have; removed it$`)
	splitTag    = regexp.MustCompile(`^the engine split the (.+) tag into (\d+) parts; rejoined it — check what it covers$`)
)

// localNote returns a note in the UI's language and the unknown words it
// names, if any.
func localNote(c *reqCtx, note string) (string, []string) {
	if m := unknownNote.FindStringSubmatch(note); m != nil {
		var words []string
		for _, w := range quotedWord.FindAllStringSubmatch(m[2], -1) {
			words = append(words, w[1])
		}
		return c.loc.T("NoteUnknownWords", "Engine", m[1], "Words", strings.Join(quoteAll(words), ", ")), words
	}
	if m := addedTag.FindStringSubmatch(note); m != nil {
		return c.loc.T("NoteTagAdded", "Tag", m[1]), nil
	}
	if m := splitTag.FindStringSubmatch(note); m != nil {
		return c.loc.T("NoteTagSplit", "Tag", m[1], "N", m[2]), nil
	}
	return note, nil
}

func quoteAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = "“" + w + "”"
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
