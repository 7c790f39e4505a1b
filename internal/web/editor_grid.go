package web

import (
	"encoding/json"
	"regexp"
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
