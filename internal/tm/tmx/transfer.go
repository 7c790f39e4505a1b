package tmx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// ImportOptions are Options plus a progress report.
type ImportOptions struct {
	Options
	// Progress, when set, is called now and then with the bytes read so far
	// over both readings of the file (up to twice its size) and the entries
	// stored.
	Progress func(bytes int64, entries int)
}

// Stats says what an import did.
type Stats struct {
	Units   int `json:"units"`   // translation units read
	Entries int `json:"entries"` // memory entries added or replaced
}

// importBatch is how many entries go to the memory in one transaction.
const importBatch = 2000

// Import reads a TMX file into the memory. It reads the file twice: first
// to check all of it — a file with any error (malformed, truncated, too
// large, an entity declaration, a unit in the wrong language, an entry the
// memory would refuse) changes nothing — then to store it, importBatch
// entries a transaction. One transaction for a whole file would hold
// SQLite's write lock for minutes and pile up versions of PostgreSQL's
// index rows. A reader that cannot seek (a request body) is copied to a
// temporary file on the first reading. Entries replace those with the same
// source and context.
func Import(ctx context.Context, st *store.Store, m *tm.Memory, r io.Reader, opts ImportOptions) (Stats, error) {
	var again io.ReadSeeker
	var start int64
	first := r
	if rs, ok := r.(io.ReadSeeker); ok {
		var err error
		if start, err = rs.Seek(0, io.SeekCurrent); err != nil {
			return Stats{}, err
		}
		again = rs
	} else {
		spool, err := os.CreateTemp("", "pressroom-import-*.tmx")
		if err != nil {
			return Stats{}, fmt.Errorf("spool the TMX file: %w", err)
		}
		defer os.Remove(spool.Name())
		defer spool.Close()
		first, again = io.TeeReader(r, spool), spool
	}
	want, err := check(ctx, first, opts)
	if err != nil {
		return Stats{}, err
	}
	if _, err := again.Seek(start, io.SeekStart); err != nil {
		return Stats{}, err
	}
	var stats Stats
	rd, err := NewReader(again, opts.Options)
	if err != nil {
		return Stats{}, err
	}
	batch := make([]tm.Entry, 0, importBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := st.InTx(ctx, func(q *store.Queries) error { return m.Put(ctx, q, batch) }); err != nil {
			return fmt.Errorf("store entries %d–%d (the ones before are stored): %w", stats.Entries+1, stats.Entries+len(batch), err)
		}
		stats.Entries += len(batch)
		batch = batch[:0]
		if opts.Progress != nil {
			opts.Progress(want.bytes+rd.BytesRead(), stats.Entries)
		}
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		es, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return stats, fmt.Errorf("the file changed between its two readings: %w", err)
		}
		stats.Units++
		batch = append(batch, es...)
		if len(batch) >= importBatch {
			if err := flush(); err != nil {
				return stats, err
			}
		}
	}
	return stats, flush()
}

// checked is what the first reading found.
type checked struct {
	units, entries int
	bytes          int64
}

// check reads a whole file and returns what it holds, or the first problem.
func check(ctx context.Context, r io.Reader, opts ImportOptions) (checked, error) {
	var c checked
	rd, err := NewReader(r, opts.Options)
	if err != nil {
		return c, err
	}
	for {
		if c.units%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return c, err
			}
			if opts.Progress != nil {
				opts.Progress(rd.BytesRead(), 0)
			}
		}
		es, err := rd.Next()
		if errors.Is(err, io.EOF) {
			c.bytes = rd.BytesRead()
			return c, nil
		}
		if err != nil {
			return c, err
		}
		for _, e := range es {
			if err := tm.Validate(e); err != nil {
				return c, rd.errorf("%v", err)
			}
		}
		c.units++
		c.entries += len(es)
	}
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
