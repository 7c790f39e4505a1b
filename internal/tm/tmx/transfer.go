package tmx

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// ImportOptions are Options plus a progress report.
type ImportOptions struct {
	Options
	// Progress, when set, is called now and then with the bytes read and
	// the entries stored so far.
	Progress func(bytes int64, entries int)
}

// Stats says what an import did.
type Stats struct {
	Units   int `json:"units"`   // translation units read
	Entries int `json:"entries"` // memory entries added or replaced
}

// importBatch is how many entries go to the memory at once.
const importBatch = 2000

// Import reads a TMX file into the memory in one transaction: a file with
// any error — malformed, truncated, too large, a unit in the wrong language
// — changes nothing. Entries replace those with the same source and context.
func Import(ctx context.Context, st *store.Store, m *tm.Memory, r io.Reader, opts ImportOptions) (Stats, error) {
	var stats Stats
	err := st.InTx(ctx, func(q *store.Queries) error {
		rd, err := NewReader(r, opts.Options)
		if err != nil {
			return err
		}
		batch := make([]tm.Entry, 0, importBatch)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			if err := m.Put(ctx, q, batch); err != nil {
				if errors.Is(err, tm.ErrInvalid) {
					return &Error{Msg: err.Error()}
				}
				return err
			}
			stats.Entries += len(batch)
			batch = batch[:0]
			if opts.Progress != nil {
				opts.Progress(rd.BytesRead(), stats.Entries)
			}
			return nil
		}
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			es, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			stats.Units++
			batch = append(batch, es...)
			if len(batch) >= importBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
	if err != nil {
		return Stats{}, err
	}
	return stats, nil
}

// Export writes a pair's entries as TMX, in the order they were added.
func Export(ctx context.Context, st *store.Store, w io.Writer, from, to, toolVersion string) (int, error) {
	tw, err := NewWriter(w, from, toolVersion)
	if err != nil {
		return 0, err
	}
	n := 0
	err = st.EachTMEntry(ctx, from, to, func(e store.TMEntry) error {
		n++
		return tw.Write(e)
	})
	if err != nil {
		return n, fmt.Errorf("export %s→%s: %w", from, to, err)
	}
	return n, tw.Close()
}
