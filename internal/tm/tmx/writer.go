package tmx

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// The properties a unit carries besides its text (TMX lets tools add their
// own, named x-…).
const (
	PropPrev    = "x-context-prev" // the source sentence before
	PropNext    = "x-context-next" // the source sentence after
	PropArticle = "x-article"      // the article it was approved in
	PropSegment = "x-segment"      // the segment it was approved as
	PropOrigin  = "x-origin"       // where the approved text first came from
)

// Writer writes a TMX 1.4b file, a unit at a time.
type Writer struct {
	bw   *bufio.Writer
	enc  *xml.Encoder
	from string
	err  error
}

// NewWriter writes the prologue and header of a file whose source
// language is from.
func NewWriter(w io.Writer, from, toolVersion string) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	wr := &Writer{bw: bw, enc: xml.NewEncoder(bw), from: from}
	_, wr.err = io.WriteString(bw, xml.Header)
	wr.tok(xml.Directive(`DOCTYPE tmx SYSTEM "tmx14.dtd"`), xml.CharData("\n"))
	wr.tok(start("tmx", "version", "1.4"), xml.CharData("\n"))
	wr.tok(start("header", "creationtool", "pressroom", "creationtoolversion", toolVersion, "segtype", "sentence",
		"o-tmf", "pressroom", "adminlang", "en", "srclang", from, "datatype", "plaintext"), xml.EndElement{Name: xml.Name{Local: "header"}})
	wr.tok(xml.CharData("\n"), start("body"), xml.CharData("\n"))
	return wr, wr.err
}

func start(name string, attrs ...string) xml.StartElement {
	el := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	return el
}

func end(name string) xml.EndElement { return xml.EndElement{Name: xml.Name{Local: name}} }

func (w *Writer) tok(ts ...xml.Token) {
	for _, t := range ts {
		if w.err != nil {
			return
		}
		w.err = w.enc.EncodeToken(t)
	}
}

// Write writes an entry as a unit.
func (w *Writer) Write(e tm.Entry) error {
	src, err := inline.Parse(e.Source)
	if err != nil {
		return fmt.Errorf("entry %d: source: %w", e.ID, err)
	}
	tgt, err := inline.Parse(e.Target)
	if err != nil {
		return fmt.Errorf("entry %d: target: %w", e.ID, err)
	}
	attrs := []string{"tuid", strconv.FormatInt(e.ID, 10)}
	if !e.CreatedAt.IsZero() {
		attrs = append(attrs, "creationdate", e.CreatedAt.UTC().Format(dateLayout))
	}
	if e.CreatedBy != "" {
		attrs = append(attrs, "creationid", e.CreatedBy)
	}
	if !e.UpdatedAt.IsZero() {
		attrs = append(attrs, "changedate", e.UpdatedAt.UTC().Format(dateLayout))
	}
	if e.UpdatedBy != "" {
		attrs = append(attrs, "changeid", e.UpdatedBy)
	}
	w.tok(start("tu", attrs...), xml.CharData("\n"))
	for _, p := range [][2]string{{PropPrev, e.Prev}, {PropNext, e.Next}, {PropArticle, e.ArticleID}, {PropSegment, e.SegmentID}, {PropOrigin, e.Origin}} {
		if p[1] != "" {
			w.tok(start("prop", "type", p[0]), xml.CharData(p[1]), end("prop"), xml.CharData("\n"))
		}
	}
	w.variant(e.SourceLang, src)
	w.variant(e.TargetLang, tgt)
	w.tok(end("tu"), xml.CharData("\n"))
	return w.err
}

// variant writes a <tuv>: text as text, placeholders as inline codes whose
// content is the placeholder itself (pressroom keeps the markup they stand
// for beside the article, not in the memory).
func (w *Writer) variant(lang string, toks []inline.Token) {
	w.tok(start("tuv", "xml:lang", lang), start("seg"))
	for _, t := range toks {
		id := strconv.Itoa(t.ID)
		switch t.Kind {
		case inline.TextToken:
			w.tok(xml.CharData(t.Text))
		case inline.OpenToken:
			w.tok(start("bpt", "i", id, "x", id), xml.CharData("<"+id+">"), end("bpt"))
		case inline.CloseToken:
			w.tok(start("ept", "i", id), xml.CharData("</"+id+">"), end("ept"))
		case inline.SelfToken:
			w.tok(start("ph", "x", id), xml.CharData("<"+id+"/>"), end("ph"))
		}
	}
	w.tok(end("seg"), end("tuv"), xml.CharData("\n"))
}

// Close ends the file.
func (w *Writer) Close() error {
	w.tok(end("body"), xml.CharData("\n"), end("tmx"), xml.CharData("\n"))
	if w.err == nil {
		w.err = w.enc.Flush()
	}
	if w.err == nil {
		w.err = w.bw.Flush()
	}
	return w.err
}
