package importer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

// builder accumulates one block's tagged text and its tags, numbering
// placeholders from 1 within the block. Markup with nothing inside (an empty
// <em></em>, an anchor without text) is dropped rather than becoming an empty
// paired placeholder a translator must carry around.
type builder struct {
	buf      strings.Builder
	tags     []inline.Tag
	open     []openTag
	collapse bool // fold runs of white space into one space (HTML, Markdown)
	space    bool // the last thing written was white space (or nothing)
}

type openTag struct {
	tag   int // index into tags
	start int // buf length before the placeholder
	after int // buf length after it
	space bool
}

func newBuilder(collapse bool) *builder { return &builder{collapse: collapse, space: true} }

// text appends plain text, escaping it.
func (b *builder) text(s string) {
	if !b.collapse {
		if s != "" {
			b.buf.WriteString(inline.Escape(s))
			r, _ := utf8.DecodeLastRuneInString(s)
			b.space = unicode.IsSpace(r)
		}
		return
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if unicode.IsSpace(r) && r != '\u00a0' {
			if !b.space {
				b.buf.WriteByte(' ')
				b.space = true
			}
			continue
		}
		b.space = false
		switch r {
		case '<':
			b.buf.WriteString("&lt;")
		case '>':
			b.buf.WriteString("&gt;")
		case '&':
			b.buf.WriteString("&amp;")
		default:
			b.buf.WriteRune(r)
		}
	}
}

// openPair starts a paired code <N>…</N>.
func (b *builder) openPair(name string, attrs map[string]string) {
	id := len(b.tags) + 1
	b.tags = append(b.tags, inline.Tag{ID: id, Name: name, Attrs: attrs, Paired: true})
	o := openTag{tag: len(b.tags) - 1, start: b.buf.Len(), space: b.space}
	b.buf.WriteString("<" + strconv.Itoa(id) + ">")
	o.after = b.buf.Len()
	b.open = append(b.open, o)
}

// closePair ends the innermost open paired code, dropping it if it encloses
// nothing.
func (b *builder) closePair() {
	if len(b.open) == 0 {
		return
	}
	o := b.open[len(b.open)-1]
	b.open = b.open[:len(b.open)-1]
	if b.buf.Len() == o.after && o.tag == len(b.tags)-1 {
		s := b.buf.String()[:o.start]
		b.buf.Reset()
		b.buf.WriteString(s)
		b.tags = b.tags[:o.tag]
		b.space = o.space
		return
	}
	b.buf.WriteString("</" + strconv.Itoa(b.tags[o.tag].ID) + ">")
}

// self writes a standalone code <N/>.
func (b *builder) self(name string, attrs map[string]string) {
	id := len(b.tags) + 1
	b.tags = append(b.tags, inline.Tag{ID: id, Name: name, Attrs: attrs})
	b.buf.WriteString("<" + strconv.Itoa(id) + "/>")
	// A line break separates words like white space; an image sits
	// between words and needs its own spaces around it.
	b.space = name == "br"
}

// flush closes any open codes and returns the block built so far, or false
// if it has neither text nor an image (only white space or markup without
// words). An image alone is kept: it is part of the article, and its alt
// text travels as an attribute. The builder is reset either way.
func (b *builder) flush(kind document.Kind, level int, ordered bool) (document.Block, bool) {
	for len(b.open) > 0 {
		b.closePair()
	}
	text := strings.TrimFunc(b.buf.String(), unicode.IsSpace)
	tags := b.tags
	if len(tags) == 0 {
		tags = nil
	}
	b.buf.Reset()
	b.tags, b.space = nil, true
	if strings.TrimSpace(inline.Plain(text)) == "" && !hasImage(tags) {
		return document.Block{}, false
	}
	return document.Block{Kind: kind, Level: level, Ordered: ordered, Text: text, Tags: tags}, true
}

func hasImage(tags []inline.Tag) bool {
	for _, t := range tags {
		if t.Name == "img" {
			return true
		}
	}
	return false
}
