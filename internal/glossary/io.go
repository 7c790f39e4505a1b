package glossary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// File formats for import and export.
const (
	FormatCSV = "csv"
	FormatTBX = "tbx"
)

// DefaultMaxImportBytes bounds an import file unless the caller says
// otherwise.
const DefaultMaxImportBytes = 20 << 20

// FormatOf guesses a file's format from its name: .csv is CSV, .tbx and
// .xml are TBX.
func FormatOf(name string) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return FormatCSV, nil
	case ".tbx", ".xml":
		return FormatTBX, nil
	}
	return "", errorf(ErrInvalid, "unknown_format", "cannot tell the format of %q from its name: use --format csv or tbx", name)
}

// ImportStats says what an import did.
type ImportStats struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Skipped counts TBX terms with nothing to import (a source term with
	// no translation, a second preferred translation).
	Skipped int `json:"skipped"`
}

type entryReader interface {
	Next() (entry, error)
}

// Import reads terms for the pair from→to from r (CSV or TBX), validating
// each, and stores them in one transaction: a term already in the pair
// (same source and kind) is updated, others are added. Any error — a
// malformed file, an unknown kind, a wrong language, a file over maxBytes —
// stores nothing. The file is read as a stream; maxBytes ≤ 0 means
// DefaultMaxImportBytes.
func (s *Service) Import(ctx context.Context, by, from, to, format string, r io.Reader, maxBytes int64) (ImportStats, error) {
	var st ImportStats
	f, t, err := CanonicalPair(from, to)
	if err != nil {
		return st, err
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxImportBytes
	}
	r = &limitReader{r: r, left: maxBytes, max: maxBytes}
	var er entryReader
	var tbx *tbxReader
	switch format {
	case FormatCSV:
		c, err := newCSVReader(r)
		if err != nil {
			return st, err
		}
		er = c
	case FormatTBX:
		tbx = newTBXReader(r, f, t)
		er = tbx
	default:
		return st, errorf(ErrInvalid, "unknown_format", "format %q: want csv or tbx", format)
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		st = ImportStats{}
		for {
			e, err := er.Next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			term, err := e.in.Validate(f, t)
			if err != nil {
				var ge *Error
				if errors.As(err, &ge) {
					return &Error{Kind: ge.Kind, Code: ge.Code, Message: e.loc + ": " + ge.Message}
				}
				return err
			}
			changed, added, err := upsert(ctx, q, by, term)
			if err != nil {
				return fmt.Errorf("%s: %w", e.loc, err)
			}
			switch {
			case added:
				st.Added++
			case changed:
				st.Updated++
			default:
				st.Unchanged++
			}
		}
	})
	if tbx != nil {
		st.Skipped = tbx.skipped
	}
	return st, err
}

// upsert stores a term, updating the pair's entry with the same key.
func upsert(ctx context.Context, q *store.Queries, by string, t Term) (changed, added bool, err error) {
	cur, err := q.GlossaryTermByKey(ctx, t.SourceLang, t.TargetLang, t.EntryKey)
	if errors.Is(err, store.ErrNotFound) {
		t.CreatedBy = by
		return true, true, q.InsertGlossaryTerm(ctx, &t)
	}
	if err != nil {
		return false, false, err
	}
	if cur.Source == t.Source && cur.Target == t.Target && cur.Kind == t.Kind && cur.CaseSensitive == t.CaseSensitive && cur.Note == t.Note {
		return false, false, nil
	}
	t.ID, t.CreatedBy, t.CreatedAt = cur.ID, cur.CreatedBy, cur.CreatedAt
	return true, false, q.UpdateGlossaryTerm(ctx, &t)
}

// Export writes the terms of exactly the pair from→to to w as CSV or TBX,
// reading them from the database one at a time.
func (s *Service) Export(ctx context.Context, from, to, format string, w io.Writer) error {
	f, t, err := CanonicalPair(from, to)
	if err != nil {
		return err
	}
	var tw interface {
		Write(Term) error
		Close() error
	}
	switch format {
	case FormatCSV:
		tw, err = newCSVWriter(w)
	case FormatTBX:
		tw, err = newTBXWriter(w, f, t)
	default:
		return errorf(ErrInvalid, "unknown_format", "format %q: want csv or tbx", format)
	}
	if err != nil {
		return err
	}
	if err := s.st.EachGlossaryTerm(ctx, []string{f}, []string{t}, tw.Write); err != nil {
		return err
	}
	return tw.Close()
}

// limitReader fails with ErrTooLarge once more than max bytes are read.
type limitReader struct {
	r         io.Reader
	left, max int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.tooLarge()
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return 0, l.tooLarge()
	}
	return n, err
}

func (l *limitReader) tooLarge() error {
	return errorf(ErrTooLarge, "file_too_large", "the file is larger than the limit of %d bytes", l.max)
}
