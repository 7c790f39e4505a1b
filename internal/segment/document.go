package segment

import (
	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

// Segment is one sentence of a document as the CLI (`pressroom segment`) and
// the pipeline see it.
type Segment struct {
	// Block is the index of the segment's block in Document.Blocks.
	Block int           `json:"block"`
	Kind  document.Kind `json:"kind"`
	// Text is the plain text of the segment: placeholders removed, escapes
	// undone. It is what a human reads; never send it to a backend in place
	// of Tagged.
	Text string `json:"text"`
	// Tagged is the segment as tagged text (see package inline).
	Tagged string `json:"tagged"`
	// Tags are the block's tags whose placeholders occur in Tagged.
	Tags []inline.Tag `json:"tags,omitempty"`
	// Lead and Trail are the white space around the segment in its block.
	Lead  string `json:"-"`
	Trail string `json:"-"`
}

// SplitDocument segments every block of doc by the rules of lang, in reading
// order. Joining Lead+Tagged+Trail of a block's segments gives back the
// block's Text.
func SplitDocument(lang string, doc document.Document) []Segment {
	var out []Segment
	for b, blk := range doc.Blocks {
		for _, p := range Split(lang, blk.Text) {
			out = append(out, Segment{
				Block:  b,
				Kind:   blk.Kind,
				Text:   inline.Plain(p.Text),
				Tagged: p.Text,
				Tags:   tagsIn(p.Text, blk.Tags),
				Lead:   p.Lead,
				Trail:  p.Trail,
			})
		}
	}
	return out
}

// tagsIn returns the tags whose ids occur in tagged, in order of appearance.
func tagsIn(tagged string, tags []inline.Tag) []inline.Tag {
	if len(tags) == 0 {
		return nil
	}
	ids, err := inline.IDs(tagged)
	if err != nil || len(ids) == 0 {
		return nil
	}
	var out []inline.Tag
	for _, id := range ids {
		for _, t := range tags {
			if t.ID == id {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
