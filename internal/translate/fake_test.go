package translate

import (
	"context"
	"errors"
	"strings"
	"sync"
)

// fake is a scripted backend: reply maps a source text to its draft text, or
// to "!err" for a per-segment failure; batchErr fails whole calls.
type fake struct {
	name     string
	reply    map[string]string
	batchErr error

	mu    sync.Mutex
	calls [][]string // source texts per call
}

func (f *fake) Name() string { return f.name }

func (f *fake) Translate(ctx context.Context, req Request) ([]Draft, error) {
	f.mu.Lock()
	var texts []string
	for _, s := range req.Segments {
		texts = append(texts, s.Text)
	}
	f.calls = append(f.calls, texts)
	f.mu.Unlock()
	if f.batchErr != nil {
		return nil, f.batchErr
	}
	out := make([]Draft, len(req.Segments))
	for i, s := range req.Segments {
		r, ok := f.reply[s.Text]
		switch {
		case !ok:
			out[i] = Draft{ID: s.ID, Text: f.name + ":" + s.Text}
		case strings.HasPrefix(r, "!"):
			out[i] = Draft{ID: s.ID, Err: errors.New(r[1:])}
		default:
			out[i] = Draft{ID: s.ID, Text: r}
		}
	}
	return out, nil
}

func (f *fake) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}
