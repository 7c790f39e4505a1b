package translate

import (
	"context"

	"github.com/pressroom-dev/pressroom/internal/note"
)

// Copy returns each source segment unchanged as its draft: the human-only
// workflow, and the last resort of a chain, so a translator always has a
// draft to overwrite even when no engine is installed or reachable.
type Copy struct{}

// NewCopy returns the copy backend.
func NewCopy() Copy { return Copy{} }

// Name implements Backend.
func (Copy) Name() string { return "copy" }

// Translate implements Backend.
func (Copy) Translate(ctx context.Context, req Request) ([]Draft, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]Draft, len(req.Segments))
	for i, s := range req.Segments {
		out[i] = Draft{ID: s.ID, Text: s.Text, Backend: "copy", Engine: "copy",
			Notes: []note.Note{note.New(note.CopyDraft)}}
	}
	return out, nil
}
