package glossary

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// csvColumns are the columns of a glossary CSV file, in the order export
// writes them. Import needs a header naming them (any order, any case);
// only source is required.
var csvColumns = []string{"source", "target", "kind", "case_sensitive", "note"}

// entry is a term read from a file, with where it was, for errors.
type entry struct {
	in  Input
	loc string // "line 12", "termEntry gls_1 (line 40)"
}

// csvReader reads glossary entries from CSV, one record at a time.
type csvReader struct {
	r    *csv.Reader
	cols []int // field index of each csvColumns entry, -1 if absent
}

func newCSVReader(r io.Reader) (*csvReader, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3) // a byte-order mark, as spreadsheets write
	}
	cr := csv.NewReader(br)
	cr.Comma = delimiter(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errorf(ErrInvalid, "empty_file", "the CSV file is empty; it needs a header line: %s", strings.Join(csvColumns, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	c := &csvReader{r: cr, cols: []int{-1, -1, -1, -1, -1}}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		k := -1
		for j, col := range csvColumns {
			if col == name {
				k = j
			}
		}
		switch {
		case k < 0:
			return nil, errorf(ErrInvalid, "unknown_column", "CSV header: unknown column %q (want %s)", h, strings.Join(csvColumns, ", "))
		case c.cols[k] >= 0:
			return nil, errorf(ErrInvalid, "duplicate_column", "CSV header: column %q appears twice", name)
		}
		c.cols[k] = i
	}
	if c.cols[0] < 0 {
		return nil, errorf(ErrInvalid, "missing_column", "CSV header: no source column (want %s)", strings.Join(csvColumns, ","))
	}
	return c, nil
}

// delimiter is the field separator of a CSV file, read from its header
// line (column names never contain one): a comma, or the semicolon that
// spreadsheets write in locales whose decimal separator is the comma
// (Spanish, Portuguese), or a tab.
func delimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	best, n := ',', bytes.Count(head, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(head, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

// Next returns the next entry, or io.EOF.
func (c *csvReader) Next() (entry, error) {
	rec, err := c.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return entry{}, io.EOF
		}
		return entry{}, csvError(err)
	}
	line, _ := c.r.FieldPos(0)
	loc := "line " + strconv.Itoa(line)
	field := func(k int) string {
		if c.cols[k] < 0 {
			return ""
		}
		return rec[c.cols[k]]
	}
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return entry{}, errorf(ErrInvalid, "invalid_utf8", "%s: not valid UTF-8", loc)
		}
	}
	in := Input{Source: field(0), Target: field(1), Kind: strings.TrimSpace(field(2)), Note: field(4)}
	if in.Kind == "" {
		in.Kind = Preferred
		if strings.TrimSpace(in.Target) == "" {
			in.Kind = DoNotTranslate
		}
	}
	switch strings.ToLower(strings.TrimSpace(field(3))) {
	case "", "false", "0", "no":
	case "true", "1", "yes":
		in.CaseSensitive = true
	default:
		return entry{}, errorf(ErrInvalid, "invalid_case_sensitive", "%s: case_sensitive %q: want true or false", loc, field(3))
	}
	return entry{in: in, loc: loc}, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return errorf(ErrInvalid, "malformed_csv", "CSV line %d: %v", pe.Line, pe.Err)
	}
	var ge *Error
	if errors.As(err, &ge) {
		return ge
	}
	return fmt.Errorf("read CSV: %w", err)
}

// csvWriter writes terms as CSV with csvColumns.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	c := &csvWriter{w: csv.NewWriter(w)}
	return c, c.w.Write(csvColumns)
}

func (c *csvWriter) Write(t Term) error {
	return c.w.Write([]string{t.Source, t.Target, t.Kind, strconv.FormatBool(t.CaseSensitive), t.Note})
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}
