package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// piece is one run of a segment as the editor shows it: text, a glossary
// term, or an inline tag token. Tag tokens carry their placeholder (Ph, e.g.
// "<1>") so the script can turn the edited text back into tagged text; they
// are atomic in the editor, so they can be moved but not broken.
type piece struct {
	Kind  string // text, term, open, close, self
	Term  bool   // Kind == "term", as a field: cheaper for the template to test
	Text  string
	Ph    string
	Label string
	Title string
}

// pieces splits tagged text for display. tags describes the placeholders
// (from the block); terms are highlighted in text runs. Malformed tagged text
// is shown as plain text rather than failing the page.
func pieces(tagged string, tags map[int]inline.Tag, terms []Term) []piece {
	toks, err := inline.Parse(tagged)
	if err != nil {
		return []piece{{Kind: "text", Text: inline.Unescape(tagged)}}
	}
	out := make([]piece, 0, len(toks))
	for _, t := range toks {
		switch t.Kind {
		case inline.TextToken:
			out = appendTerms(out, t.Text, terms)
		case inline.OpenToken:
			out = append(out, tagPiece("open", "<"+strconv.Itoa(t.ID)+">", t.ID, tags))
		case inline.CloseToken:
			out = append(out, tagPiece("close", "</"+strconv.Itoa(t.ID)+">", t.ID, tags))
		case inline.SelfToken:
			out = append(out, tagPiece("self", "<"+strconv.Itoa(t.ID)+"/>", t.ID, tags))
		}
	}
	return out
}

func tagPiece(kind, ph string, id int, tags map[int]inline.Tag) piece {
	tag, ok := tags[id]
	name := tag.Name
	if !ok || name == "" {
		name = strconv.Itoa(id)
	}
	p := piece{Kind: kind, Ph: ph, Title: tagTitle(tag)}
	switch kind {
	case "open":
		p.Label = name
	case "close":
		p.Label = "/" + name
	default:
		p.Label = name + "/"
	}
	return p
}

// tagTitle says what a tag stands for (a link's address, an image's text).
func tagTitle(t inline.Tag) string {
	for _, k := range []string{"href", "src", "alt", "title"} {
		if v := t.Attrs[k]; v != "" {
			return v
		}
	}
	return ""
}

// tagInfo is the tag description the script needs to draw tokens for text
// it receives (live updates, conflicts, memory matches).
type tagInfo struct {
	Label string `json:"label"`
	Title string `json:"title,omitempty"`
}

func tagInfos(tagged string, tags map[int]inline.Tag) map[string]tagInfo {
	out := map[string]tagInfo{}
	for _, p := range pieces(tagged, tags, nil) {
		if p.Ph != "" {
			out[p.Ph] = tagInfo{Label: p.Label, Title: p.Title}
		}
	}
	return out
}

// appendTerms appends text, with every glossary term in it as its own piece.
func appendTerms(out []piece, text string, terms []Term) []piece {
	for text != "" {
		at, n, term := -1, 0, Term{}
		for _, t := range terms {
			if t.Source == "" {
				continue
			}
			if i, m := indexFold(text, t.Source); i >= 0 && (at < 0 || i < at || (i == at && m > n)) {
				at, n, term = i, m, t
			}
		}
		if at < 0 {
			return append(out, piece{Kind: "text", Text: text})
		}
		if at > 0 {
			out = append(out, piece{Kind: "text", Text: text[:at]})
		}
		out = append(out, piece{Kind: "term", Term: true, Text: text[at : at+n], Title: term.Target})
		text = text[at+n:]
	}
	return out
}

// indexFold finds sub in s ignoring case; it returns the byte offset and
// length of the match in s.
func indexFold(s, sub string) (int, int) {
	n := utf8.RuneCountInString(sub)
	for i := range s {
		j, k := i, 0
		for k < n && j < len(s) {
			_, w := utf8.DecodeRuneInString(s[j:])
			j += w
			k++
		}
		if k == n && strings.EqualFold(s[i:j], sub) {
			return i, j - i
		}
	}
	return -1, 0
}

// segmentJSON is a segment as the script sees it.
func segmentJSON(s store.Segment, byName string) live.Segment { return live.SegmentOf(s, byName) }
