// Package tmx reads and writes translation memories as TMX 1.4b, the
// exchange format of CAT tools, streaming token by token both ways so that
// a file of any size passes in bounded memory. Inline codes map to
// pressroom's placeholders (package inline): <bpt>/<ept> to <N>…</N>, <ph>,
// <it> and <ut> to <N/>, and back.
//
// The reader trusts nothing: it refuses entity declarations (no billion
// laughs, no external entities — encoding/xml expands none anyway), elements
// TMX does not have, language tags that are not BCP 47, units without their
// source language, placeholders that do not pair up, and truncated files.
package tmx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/language"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// ErrInvalid is wrapped by every error about the content of a file.
var ErrInvalid = errors.New("invalid TMX")

// ErrTooLarge is returned when a file exceeds the size limit.
var ErrTooLarge = errors.New("TMX file too large")

// Error is a problem at a line of the file.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("TMX line %d: %s", e.Line, e.Msg)
	}
	return "TMX: " + e.Msg
}

// Unwrap makes every Error an ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// Options restrict what a reader accepts.
type Options struct {
	// From is the source language the file must have (or a regional
	// variant of it when From has no region: en takes the en-US that
	// OmegaT and Trados write), and the one its entries are stored under;
	// with it, a header srclang of *all* is accepted. Empty: the header's.
	From string
	// To keeps only target variants in this language (or its regional
	// variants when To has no region: es takes es-ES); a unit without one is
	// an error. Empty: every target language.
	To string
	// MaxBytes bounds the file; 0 means no bound.
	MaxBytes int64
}

// Reader reads translation units from a TMX file.
type Reader struct {
	dec     *xml.Decoder
	in      *countingReader
	opts    Options
	srcLang string
	done    bool
}

// xmlNS is the namespace encoding/xml gives the xml: prefix.
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// NewReader reads a TMX file's prologue and header, up to its body.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	var err error
	if opts.From != "" {
		if opts.From, err = canonical(opts.From); err != nil {
			return nil, &Error{Msg: fmt.Sprintf("source language %q: %v", opts.From, err)}
		}
	}
	if opts.To != "" {
		if opts.To, err = canonical(opts.To); err != nil {
			return nil, &Error{Msg: fmt.Sprintf("target language %q: %v", opts.To, err)}
		}
	}
	in := &countingReader{r: r, max: opts.MaxBytes}
	dec := xml.NewDecoder(in)
	dec.Strict = true
	dec.CharsetReader = charset.NewReaderLabel
	rd := &Reader{dec: dec, in: in, opts: opts}
	if err := rd.prologue(); err != nil {
		return nil, err
	}
	return rd, nil
}

// BytesRead is how much of the file has been read.
func (r *Reader) BytesRead() int64 { return r.in.n }

// SourceLang is the file's source language.
func (r *Reader) SourceLang() string { return r.srcLang }

func (r *Reader) line() int {
	l, _ := r.dec.InputPos()
	return l
}

func (r *Reader) errorf(format string, args ...any) error {
	return &Error{Line: r.line(), Msg: fmt.Sprintf(format, args...)}
}

// token returns the next token, turning the decoder's failures into errors
// that say what happened.
func (r *Reader) token() (xml.Token, error) {
	t, err := r.dec.Token()
	if err == nil {
		if d, ok := t.(xml.Directive); ok && bytes.Contains(bytes.ToUpper(d), []byte("ENTITY")) {
			return nil, r.errorf("entity declarations are not allowed")
		}
		return t, nil
	}
	switch {
	case errors.Is(err, ErrTooLarge):
		return nil, err
	case errors.Is(err, io.EOF):
		return nil, r.errorf("the file ends before </tmx>: it is truncated")
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Msg, "unexpected EOF") {
			return nil, &Error{Line: se.Line, Msg: "the file ends in the middle of an element: it is truncated"}
		}
		return nil, &Error{Line: se.Line, Msg: "malformed XML: " + se.Msg}
	}
	return nil, &Error{Line: r.line(), Msg: "cannot read: " + err.Error()}
}

// prologue reads up to <body>, checking <tmx> and <header>.
func (r *Reader) prologue() error {
	root, err := r.nextStart()
	if err != nil {
		return err
	}
	if root.Name.Local != "tmx" {
		return r.errorf("the root element is <%s>, not <tmx>", root.Name.Local)
	}
	if v := attr(root, "version"); !strings.HasPrefix(v, "1.") {
		return r.errorf("TMX version %q: want 1.4", v)
	}
	for {
		el, err := r.nextStart()
		if err != nil {
			return err
		}
		switch el.Name.Local {
		case "header":
			src := attr(el, "srclang")
			switch {
			case src == "*all*" || src == "":
				if r.opts.From == "" {
					return r.errorf("the header's srclang is %q: name the source language (--from)", src)
				}
				r.srcLang = r.opts.From
			default:
				if r.srcLang, err = canonical(src); err != nil {
					return r.errorf("header srclang %q: %v", src, err)
				}
				if r.opts.From != "" && !sameLanguage(r.srcLang, r.opts.From) {
					return r.errorf("the file's source language is %s, not %s", r.srcLang, r.opts.From)
				}
			}
			if err := r.dec.Skip(); err != nil {
				return r.syntax(err)
			}
		case "body":
			if r.srcLang == "" {
				return r.errorf("<body> before <header>")
			}
			return nil
		default:
			return r.errorf("unexpected <%s> in <tmx>", el.Name.Local)
		}
	}
}

func (r *Reader) syntax(err error) error {
	_, e := r.token() // reproduce the decoder's error with its message
	if e != nil {
		return e
	}
	return &Error{Line: r.line(), Msg: err.Error()}
}

// nextStart returns the next start element, skipping text, comments and
// processing instructions; an end element or the end of input is an error.
func (r *Reader) nextStart() (xml.StartElement, error) {
	for {
		t, err := r.token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, r.errorf("unexpected </%s>", t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, r.errorf("unexpected text %q", abbrev(string(t)))
			}
		}
	}
}

// Next returns the entries of the next translation unit, one per target
// variant, or io.EOF after </body>.
func (r *Reader) Next() ([]tm.Entry, error) {
	if r.done {
		return nil, io.EOF
	}
	for {
		t, err := r.token()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if t.Name.Local != "tu" {
				return nil, r.errorf("unexpected <%s> in <body>: want <tu>", t.Name.Local)
			}
			return r.unit(t)
		case xml.EndElement:
			if err := r.finish(); err != nil {
				return nil, err
			}
			r.done = true
			return nil, io.EOF
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, r.errorf("unexpected text %q in <body>", abbrev(string(t)))
			}
		}
	}
}

// finish reads </tmx> and checks that nothing follows.
func (r *Reader) finish() error {
	for {
		t, err := r.dec.Token()
		if errors.Is(err, io.EOF) {
			return r.errorf("the file ends before </tmx>: it is truncated")
		}
		if err != nil {
			_, e := r.token()
			return e
		}
		switch t := t.(type) {
		case xml.EndElement:
			if t.Name.Local != "tmx" {
				return r.errorf("unexpected </%s>", t.Name.Local)
			}
			for {
				t, err := r.dec.Token()
				if errors.Is(err, io.EOF) {
					return nil
				}
				if err != nil {
					return &Error{Line: r.line(), Msg: "malformed XML after </tmx>: " + err.Error()}
				}
				if _, ok := t.(xml.StartElement); ok {
					return r.errorf("content after </tmx>")
				}
			}
		case xml.StartElement:
			return r.errorf("unexpected <%s> after </body>", t.Name.Local)
		}
	}
}

// variant is one <tuv>.
type variant struct {
	lang, text string
	line       int
}

// unit reads a <tu>.
func (r *Reader) unit(start xml.StartElement) ([]tm.Entry, error) {
	line := r.line()
	src := r.srcLang
	if s := attr(start, "srclang"); s != "" && s != "*all*" {
		var err error
		if src, err = canonical(s); err != nil {
			return nil, r.errorf("<tu> srclang %q: %v", s, err)
		}
		if r.opts.From != "" && !sameLanguage(src, r.opts.From) {
			return nil, r.errorf("the unit's source language is %s, not %s", src, r.opts.From)
		}
	}
	base := tm.Entry{SourceLang: src, CreatedBy: attr(start, "creationid"), UpdatedBy: attr(start, "changeid")}
	var err error
	if base.CreatedAt, err = r.date(start, "creationdate"); err != nil {
		return nil, err
	}
	if base.UpdatedAt, err = r.date(start, "changedate"); err != nil {
		return nil, err
	}
	var vs []variant
	for {
		t, err := r.token()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "note":
				if err := r.dec.Skip(); err != nil {
					return nil, r.syntax(err)
				}
			case "prop":
				typ := attr(t, "type")
				text, err := r.text("prop")
				if err != nil {
					return nil, err
				}
				switch typ {
				case PropPrev:
					base.Prev = text
				case PropNext:
					base.Next = text
				case PropArticle:
					base.ArticleID = text
				case PropSegment:
					base.SegmentID = text
				case PropOrigin:
					base.Origin = text
				}
			case "tuv":
				v, err := r.variant(t)
				if err != nil {
					return nil, err
				}
				vs = append(vs, v)
			default:
				return nil, r.errorf("unexpected <%s> in <tu>", t.Name.Local)
			}
		case xml.EndElement:
			return r.entries(base, vs, line)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, r.errorf("unexpected text %q in <tu>", abbrev(string(t)))
			}
		}
	}
}

// entries pairs a unit's source variant with each target variant.
func (r *Reader) entries(base tm.Entry, vs []variant, line int) ([]tm.Entry, error) {
	var source *variant
	for i := range vs {
		if vs[i].lang == base.SourceLang {
			if source != nil {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("the unit has two variants in its source language %s", base.SourceLang)}
			}
			source = &vs[i]
		}
	}
	if source == nil {
		return nil, &Error{Line: line, Msg: fmt.Sprintf("the unit has no variant in the source language %s", base.SourceLang)}
	}
	var out []tm.Entry
	for _, v := range vs {
		if v.lang == base.SourceLang {
			continue
		}
		to := v.lang
		if r.opts.To != "" {
			if !sameLanguage(v.lang, r.opts.To) {
				continue
			}
			to = r.opts.To
		}
		if err := inline.Check(source.text, v.text); err != nil {
			return nil, &Error{Line: v.line, Msg: fmt.Sprintf("the %s variant's inline codes do not match the source's: %v", v.lang, err)}
		}
		e := base
		e.TargetLang, e.Source, e.Target = to, source.text, v.text
		if r.opts.From != "" {
			e.SourceLang = r.opts.From // the memory's pair, as for To
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		want := "a target language"
		if r.opts.To != "" {
			want = r.opts.To
		}
		return nil, &Error{Line: line, Msg: fmt.Sprintf("the unit has no variant in %s", want)}
	}
	return out, nil
}

// variant reads a <tuv>.
func (r *Reader) variant(start xml.StartElement) (variant, error) {
	v := variant{line: r.line()}
	raw := ""
	for _, a := range start.Attr {
		if a.Name.Local == "lang" && (a.Name.Space == "" || a.Name.Space == "xml" || a.Name.Space == xmlNS) {
			if raw == "" || a.Name.Space != "" {
				raw = a.Value
			}
		}
	}
	if raw == "" {
		return v, r.errorf("<tuv> without xml:lang")
	}
	var err error
	if v.lang, err = canonical(raw); err != nil {
		return v, r.errorf("<tuv> xml:lang %q: %v", raw, err)
	}
	seen := false
	for {
		t, err := r.token()
		if err != nil {
			return v, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "note", "prop":
				if err := r.dec.Skip(); err != nil {
					return v, r.syntax(err)
				}
			case "seg":
				if seen {
					return v, r.errorf("a <tuv> has one <seg>")
				}
				seen = true
				if v.text, err = r.segment(); err != nil {
					return v, err
				}
			default:
				return v, r.errorf("unexpected <%s> in <tuv>", t.Name.Local)
			}
		case xml.EndElement:
			if !seen {
				return v, r.errorf("<tuv> without <seg>")
			}
			return v, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return v, r.errorf("unexpected text %q in <tuv>", abbrev(string(t)))
			}
		}
	}
}

// segment reads a <seg> into tagged text: text escaped, inline codes as
// placeholders. A paired code's id is its x (which links it to the same
// code in the other languages) or else its i; standalone codes take their x,
// or else the next free number.
func (r *Reader) segment() (string, error) {
	var b strings.Builder
	open := map[string]int{} // bpt i → placeholder id
	used := map[int]bool{}
	auto := 0
	nextFree := func() int {
		for auto++; used[auto+1000]; auto++ {
		}
		return auto + 1000
	}
	idOf := func(el xml.StartElement, keys ...string) (int, error) {
		for _, k := range keys {
			if s := attr(el, k); s != "" {
				n, err := strconv.Atoi(s)
				if err != nil || n <= 0 {
					return 0, r.errorf("<%s> %s=%q is not a positive number", el.Name.Local, k, s)
				}
				return n, nil
			}
		}
		return nextFree(), nil
	}
	depth := 0 // inside <hi>
	for {
		t, err := r.token()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.CharData:
			b.WriteString(inline.Escape(string(t)))
		case xml.StartElement:
			switch t.Name.Local {
			case "bpt":
				if attr(t, "i") == "" {
					return "", r.errorf("<bpt> without i")
				}
				id, err := idOf(t, "x", "i")
				if err != nil {
					return "", err
				}
				if used[id] {
					return "", r.errorf("inline code %d appears twice", id)
				}
				used[id] = true
				open[attr(t, "i")] = id
				fmt.Fprintf(&b, "<%d>", id)
			case "ept":
				id, ok := open[attr(t, "i")]
				if !ok {
					return "", r.errorf("<ept i=%q> closes no <bpt>", attr(t, "i"))
				}
				delete(open, attr(t, "i"))
				fmt.Fprintf(&b, "</%d>", id)
			case "ph", "it", "ut":
				id, err := idOf(t, "x")
				if err != nil {
					return "", err
				}
				if used[id] {
					return "", r.errorf("inline code %d appears twice", id)
				}
				used[id] = true
				fmt.Fprintf(&b, "<%d/>", id)
			case "hi":
				depth++
				continue
			default:
				return "", r.errorf("unexpected <%s> in <seg>", t.Name.Local)
			}
			// A code's own content is the original markup: not text.
			if err := r.skipCode(t.Name.Local); err != nil {
				return "", err
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
				continue
			}
			if len(open) > 0 {
				return "", r.errorf("a <bpt> in this <seg> has no <ept>")
			}
			return b.String(), nil
		}
	}
}

// skipCode skips the content of an inline code, which may hold text and
// <sub> elements.
func (r *Reader) skipCode(name string) error {
	depth := 0
	for {
		t, err := r.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sub", "bpt", "ept", "ph", "it", "ut", "hi":
				depth++
			default:
				return r.errorf("unexpected <%s> in <%s>", t.Name.Local, name)
			}
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// text reads the text content of a simple element.
func (r *Reader) text(name string) (string, error) {
	var b strings.Builder
	for {
		t, err := r.token()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.CharData:
			b.WriteString(string(t))
		case xml.StartElement:
			return "", r.errorf("unexpected <%s> in <%s>", t.Name.Local, name)
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// TMX dates are YYYYMMDDThhmmssZ.
const dateLayout = "20060102T150405Z"

func (r *Reader) date(el xml.StartElement, name string) (time.Time, error) {
	s := attr(el, name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return t, r.errorf("%s %q: want a date like 20240131T120000Z", name, s)
	}
	return t.UTC(), nil
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// canonical checks a BCP 47 language tag and returns its canonical form
// (pt-br → pt-BR).
func canonical(tag string) (string, error) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", fmt.Errorf("not a language tag")
	}
	return t.String(), nil
}

// sameLanguage reports whether a variant's language serves the wanted one:
// the same tag, or a regional form of a tag without region.
func sameLanguage(have, want string) bool {
	if have == want {
		return true
	}
	return !strings.Contains(want, "-") && strings.HasPrefix(have, want+"-")
}

func abbrev(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// countingReader counts bytes and enforces the size limit.
type countingReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.max > 0 && c.n >= c.max {
		// One byte more than allowed proves the file is too large.
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.max)
		}
	}
	if c.max > 0 && int64(len(p)) > c.max-c.n && c.max > c.n {
		p = p[:c.max-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
