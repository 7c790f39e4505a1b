package glossary

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// TBX-Basic (ISO 30042 TermBase eXchange, Basic dialect). Export writes the
// TBX v2 structure most terminology tools read (martif / termEntry /
// langSet / tig); import reads it and the TBX v3 one (tbx / conceptEntry /
// langSec / termSec). A term's administrativeStatus says what it is:
// preferredTerm-admn-sts (or admittedTerm, or none) in the target language
// is the preferred translation; deprecatedTerm / supersededTerm is
// forbidden. A do-not-translate term is an entry whose target term is the
// source term itself, as TBX has no category for it. TBX has none for case
// sensitivity either: import makes a term case-sensitive when it has a
// capital letter (names), and export cannot say otherwise — CSV keeps it.

const (
	tbxPreferred  = "preferredTerm-admn-sts"
	tbxAdmitted   = "admittedTerm-admn-sts"
	tbxDeprecated = "deprecatedTerm-admn-sts"
	tbxSuperseded = "supersededTerm-admn-sts"
)

// tbxElements are the elements of TBX-Basic (v2 and v3) the reader
// accepts; anything else is refused as not TBX-Basic.
var tbxElements = wordSet(`martif martifHeader fileDesc titleStmt title publicationStmt sourceDesc encodingDesc
 revisionDesc change p text body back front refObjectList refObject item
 termEntry langSet tig ntig termGrp term termNote termNoteGrp descrip descripGrp admin adminGrp adminNote
 transacGrp transac transacNote date note ref xref hi foreign ph bpt ept
 tbx tbxHeader conceptEntry langSec termSec`)

// tbxReader reads glossary entries from TBX, one termEntry at a time.
type tbxReader struct {
	d        *xml.Decoder
	from, to string
	pending  []entry
	skipped  int
	root     bool
}

func newTBXReader(r io.Reader, from, to string) *tbxReader {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &tbxReader{d: d, from: from, to: to}
}

func (t *tbxReader) line() int {
	l, _ := t.d.InputPos()
	return l
}

// token returns the next token, refusing DTD internal subsets (entity
// declarations: the "billion laughs"), processing instructions other than
// the XML declaration, and elements that are not TBX.
func (t *tbxReader) token() (xml.Token, error) {
	tok, err := t.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		var ge *Error
		if errors.As(err, &ge) {
			return nil, ge
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			msg := se.Msg
			if strings.Contains(msg, "unexpected EOF") {
				msg += " (is the file truncated?)"
			}
			return nil, errorf(ErrInvalid, "malformed_xml", "TBX line %d: %s", se.Line, msg)
		}
		if strings.Contains(err.Error(), "CharsetReader") {
			return nil, errorf(ErrInvalid, "not_utf8", "TBX: the file declares a character encoding other than UTF-8; save it as UTF-8")
		}
		return nil, errorf(ErrInvalid, "malformed_xml", "TBX line %d: %v", t.line(), err)
	}
	switch x := tok.(type) {
	case xml.Directive:
		d := string(x)
		if strings.ContainsAny(d, "[") || strings.Contains(strings.ToUpper(d), "ENTITY") {
			return nil, errorf(ErrInvalid, "entities_not_allowed", "TBX line %d: DTD declarations (entities) are not allowed in an import", t.line())
		}
	case xml.StartElement:
		if !tbxElements[x.Name.Local] {
			return nil, errorf(ErrInvalid, "unknown_element", "TBX line %d: <%s> is not a TBX-Basic element", t.line(), x.Name.Local)
		}
		if !t.root {
			t.root = true
			if x.Name.Local != "martif" && x.Name.Local != "tbx" {
				return nil, errorf(ErrInvalid, "not_tbx", "TBX line %d: the root element is <%s>, not <martif> or <tbx>", t.line(), x.Name.Local)
			}
		}
	case xml.CharData:
		if !t.root && len(bytes.TrimSpace(x)) > 0 {
			return nil, errorf(ErrInvalid, "not_tbx", "TBX line %d: text before the root element", t.line())
		}
	}
	return tok, nil
}

// Next returns the next entry, or io.EOF.
func (t *tbxReader) Next() (entry, error) {
	for len(t.pending) == 0 {
		tok, err := t.token()
		if errors.Is(err, io.EOF) {
			if !t.root {
				return entry{}, errorf(ErrInvalid, "not_tbx", "the TBX file has no root element")
			}
			return entry{}, io.EOF
		}
		if err != nil {
			return entry{}, err
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "termEntry" || se.Name.Local == "conceptEntry") {
			es, err := t.termEntry(se)
			if err != nil {
				return entry{}, err
			}
			t.pending = es
		}
	}
	e := t.pending[0]
	t.pending = t.pending[1:]
	return e, nil
}

// tbxTerm is one term of a termEntry.
type tbxTerm struct {
	text, status string
}

// termEntry reads one entry (up to its end tag) and turns it into
// glossary entries.
func (t *tbxReader) termEntry(start xml.StartElement) ([]entry, error) {
	line := t.line()
	id := attr(start, "id")
	loc := fmt.Sprintf("termEntry %q (line %d)", id, line)
	if id == "" {
		loc = fmt.Sprintf("termEntry at line %d", line)
	}
	var src, tgt []tbxTerm
	var notes []string
	var lang string    // of the current langSet
	var cur *tbxTerm   // the current tig
	var stack []string // open elements inside the entry
	var text strings.Builder
	var noteType string
	for {
		tok, err := t.token()
		if errors.Is(err, io.EOF) {
			return nil, errorf(ErrInvalid, "malformed_xml", "TBX: the file ends inside %s (is it truncated?)", loc)
		}
		if err != nil {
			return nil, err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			stack = append(stack, x.Name.Local)
			text.Reset()
			switch x.Name.Local {
			case "termEntry", "conceptEntry":
				return nil, errorf(ErrInvalid, "malformed_tbx", "TBX line %d: a termEntry inside %s", t.line(), loc)
			case "langSet", "langSec":
				l := xmlLang(x)
				switch {
				case l == "":
					return nil, errorf(ErrInvalid, "missing_language", "TBX line %d: <%s> without xml:lang in %s", t.line(), x.Name.Local, loc)
				case sameLang(l, t.from):
					lang = "source"
				case sameLang(l, t.to):
					lang = "target"
				default:
					return nil, errorf(ErrInvalid, "wrong_language", "TBX line %d: xml:lang=%q in %s is neither the source (%s) nor the target (%s) of this import",
						t.line(), l, loc, t.from, t.to)
				}
			case "tig", "ntig", "termSec":
				if lang == "" {
					return nil, errorf(ErrInvalid, "malformed_tbx", "TBX line %d: a term outside a langSet in %s", t.line(), loc)
				}
				cur = &tbxTerm{}
			case "termNote", "descrip", "note", "admin":
				noteType = attr(x, "type")
			}
		case xml.CharData:
			text.Write(x)
		case xml.EndElement:
			name := x.Name.Local
			if len(stack) == 0 {
				// the entry's own end tag
				return t.entries(src, tgt, strings.Join(notes, "; "), loc)
			}
			stack = stack[:len(stack)-1]
			s := strings.TrimSpace(text.String())
			switch name {
			case "term":
				if cur != nil {
					cur.text = s
				}
			case "termNote":
				if cur != nil && noteType == "administrativeStatus" {
					cur.status = s
				}
			case "note", "descrip":
				if s != "" && cur == nil && (name == "note" || noteType == "definition") {
					notes = append(notes, s)
				}
			case "tig", "ntig", "termSec":
				if cur != nil && cur.text != "" {
					if lang == "source" {
						src = append(src, *cur)
					} else {
						tgt = append(tgt, *cur)
					}
				}
				cur = nil
			case "langSet", "langSec":
				lang = ""
			}
			text.Reset()
		}
	}
}

// entries turns a termEntry's terms into glossary entries (see the
// package comment above for the mapping).
func (t *tbxReader) entries(src, tgt []tbxTerm, note, loc string) ([]entry, error) {
	var good, bad []tbxTerm
	for _, x := range tgt {
		switch x.status {
		case "", tbxPreferred, tbxAdmitted:
			good = append(good, x)
		case tbxDeprecated, tbxSuperseded:
			bad = append(bad, x)
		default:
			return nil, errorf(ErrInvalid, "unknown_status", "%s: administrativeStatus %q (want %s, %s, %s or %s)", loc, x.status,
				tbxPreferred, tbxAdmitted, tbxDeprecated, tbxSuperseded)
		}
	}
	// A preferred term before admitted ones.
	for i, x := range good {
		if x.status == tbxPreferred && i > 0 {
			good[0], good[i] = good[i], good[0]
			break
		}
	}
	if len(src) == 0 {
		if len(good) > 0 {
			return nil, errorf(ErrInvalid, "missing_source", "%s has a %s term but no %s term", loc, t.to, t.from)
		}
		src = []tbxTerm{{}} // forbidden whatever the source
	}
	var out []entry
	for _, s := range src {
		cs := strings.IndexFunc(s.text, unicode.IsUpper) >= 0
		switch {
		case len(good) > 0 && good[0].text == s.text:
			out = append(out, entry{Input{Source: s.text, Kind: DoNotTranslate, CaseSensitive: cs, Note: note}, loc})
		case len(good) > 0:
			out = append(out, entry{Input{Source: s.text, Target: good[0].text, Kind: Preferred, CaseSensitive: cs, Note: note}, loc})
		case len(bad) == 0:
			t.skipped++ // a source term with no translation says nothing
		}
		if len(good) > 1 {
			t.skipped += len(good) - 1 // one preferred translation per term
		}
		for _, b := range bad {
			out = append(out, entry{Input{Source: s.text, Target: b.text, Kind: Forbidden, CaseSensitive: cs, Note: note}, loc})
		}
	}
	return out, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func xmlLang(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Local == "lang" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
			return a.Value
		}
	}
	return ""
}

// tbxWriter writes TBX-Basic v2, one termEntry per term.
type tbxWriter struct {
	w        io.Writer
	from, to string
	err      error
}

func newTBXWriter(w io.Writer, from, to string) (*tbxWriter, error) {
	t := &tbxWriter{w: w, from: from, to: to}
	t.printf(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="%s">
  <martifHeader>
    <fileDesc>
      <sourceDesc><p>pressroom glossary %s to %s</p></sourceDesc>
    </fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
`, esc(from), esc(from), esc(to))
	return t, t.err
}

func (t *tbxWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (t *tbxWriter) Write(x Term) error {
	t.printf("      <termEntry id=\"%s\">\n", esc(x.ID))
	if x.Note != "" {
		t.printf("        <note>%s</note>\n", esc(x.Note))
	}
	if x.Source != "" {
		t.printf("        <langSet xml:lang=\"%s\"><tig><term>%s</term></tig></langSet>\n", esc(x.SourceLang), esc(x.Source))
	}
	target, status := x.Target, tbxPreferred
	switch x.Kind {
	case DoNotTranslate:
		target = x.Source
	case Forbidden:
		status = tbxDeprecated
	}
	t.printf("        <langSet xml:lang=\"%s\"><tig><term>%s</term><termNote type=\"administrativeStatus\">%s</termNote></tig></langSet>\n",
		esc(x.TargetLang), esc(target), status)
	t.printf("      </termEntry>\n")
	return t.err
}

func (t *tbxWriter) Close() error {
	t.printf("    </body>\n  </text>\n</martif>\n")
	return t.err
}
