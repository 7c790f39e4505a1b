package importer

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/pressroom-dev/pressroom/internal/document"
)

// parseMarkdown imports CommonMark with goldmark. Broken markup (an unclosed
// "[", a lone "*") stays literal text, as CommonMark specifies.
//
// Scraped "Markdown" often has no blank lines at all, one paragraph per
// line; CommonMark would glue such a text into one paragraph, so a text
// without any blank line first gets one after every line that does not
// visibly continue on the next (see splitScrapedLines).
func parseMarkdown(s string) (document.Document, error) {
	s = splitScrapedLines(s)
	s, err := guardMarkdown(s)
	if err != nil {
		return document.Document{}, err
	}
	src := []byte(s)
	root := goldmark.New().Parser().Parse(text.NewReader(src))
	w := mdWalker{src: src}
	if err := w.blocks(root, mdContext{}); err != nil {
		return document.Document{}, err
	}
	return document.Document{Blocks: w.out}, nil
}

// splitScrapedLines inserts a blank line between the lines of a text that
// has none, unless a line continues on the next, the next underlines a
// heading, or the text has code fences whose content must stay as it is.
func splitScrapedLines(s string) string {
	t := strings.Trim(s, "\n")
	if !strings.Contains(t, "\n") || hasBlankLine(t) || strings.Contains(t, "```") || strings.Contains(t, "~~~") {
		return s
	}
	lines := strings.Split(t, "\n")
	var b strings.Builder
	b.Grow(len(t) + len(lines))
	for i, l := range lines {
		b.WriteString(l)
		if i == len(lines)-1 {
			break
		}
		b.WriteByte('\n')
		next := lines[i+1]
		if setextUnderline(next) || strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t") ||
			continues(strings.TrimSpace(l), strings.TrimSpace(next)) {
			continue
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func hasBlankLine(s string) bool {
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) == "" {
			return true
		}
	}
	return false
}

func setextUnderline(l string) bool {
	l = strings.TrimSpace(l)
	return l != "" && (strings.Trim(l, "=") == "" || strings.Trim(l, "-") == "")
}

// mdContext is where a block sits: inside how many quotes and lists.
type mdContext struct {
	quote   int
	list    int
	ordered bool
}

func (c mdContext) kind() (document.Kind, int) {
	switch {
	case c.list > 0:
		return document.ListItem, c.list
	case c.quote > 0:
		return document.Quote, c.quote
	}
	return document.Paragraph, 0
}

type mdWalker struct {
	src []byte
	out []document.Block
}

func (w *mdWalker) blocks(n ast.Node, ctx mdContext) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			w.inlineBlock(c, document.Heading, c.Level, false)
		case *ast.Paragraph, *ast.TextBlock:
			k, lvl := ctx.kind()
			w.inlineBlock(c, k, lvl, ctx.ordered && ctx.list > 0)
		case *ast.Blockquote:
			inner := ctx
			inner.quote++
			if err := w.blocks(c, inner); err != nil {
				return err
			}
		case *ast.List:
			inner := ctx
			inner.list++
			inner.ordered = c.IsOrdered()
			if err := w.blocks(c, inner); err != nil {
				return err
			}
		case *ast.ListItem:
			if err := w.blocks(c, ctx); err != nil {
				return err
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			w.codeBlock(c, ctx)
		case *ast.HTMLBlock:
			if err := w.htmlBlock(c); err != nil {
				return err
			}
		case *ast.ThematicBreak:
		default:
			if err := w.blocks(c, ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// inlineBlock turns a block's inline children into one block.
func (w *mdWalker) inlineBlock(n ast.Node, kind document.Kind, level int, ordered bool) {
	b := newBuilder(true)
	w.inlines(b, n)
	if blk, ok := b.flush(kind, level, ordered); ok {
		w.out = append(w.out, blk)
	}
}

// codeBlock keeps a code block as one paragraph inside a "pre" code, so it
// is never split and a backend can leave it alone.
func (w *mdWalker) codeBlock(n ast.Node, ctx mdContext) {
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		sb.Write(seg.Value(w.src))
	}
	b := newBuilder(false)
	attrs := map[string]string{}
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		if lang := strings.TrimSpace(string(f.Info.Segment.Value(w.src))); lang != "" {
			attrs["lang"] = lang
		}
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	b.openPair("pre", attrs)
	b.text(strings.TrimRight(sb.String(), "\n"))
	b.closePair()
	k, lvl := ctx.kind()
	if blk, ok := b.flush(k, lvl, false); ok {
		w.out = append(w.out, blk)
	}
}

// htmlBlock imports raw HTML embedded in Markdown with the HTML importer.
func (w *mdWalker) htmlBlock(n *ast.HTMLBlock) error {
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		sb.Write(seg.Value(w.src))
	}
	if n.HasClosure() {
		sb.Write(n.ClosureLine.Value(w.src))
	}
	doc, err := parseHTML(sb.String())
	if err != nil {
		return fmt.Errorf("HTML inside Markdown: %w", err)
	}
	w.out = append(w.out, doc.Blocks...)
	return nil
}

func (w *mdWalker) inlines(b *builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.text(mdUnescape(c.Segment.Value(w.src)))
			switch {
			case c.HardLineBreak():
				b.self("br", nil)
			case c.SoftLineBreak():
				b.text(" ")
			}
		case *ast.String:
			b.text(string(c.Value))
		case *ast.CodeSpan:
			b.openPair("code", nil)
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.text(string(s.Segment.Value(w.src)))
				} else if s, ok := t.(*ast.String); ok {
					b.text(string(s.Value))
				}
			}
			b.closePair()
		case *ast.Emphasis:
			name := "em"
			if c.Level >= 2 {
				name = "strong"
			}
			b.openPair(name, nil)
			w.inlines(b, c)
			b.closePair()
		case *ast.Link:
			b.openPair("a", linkAttrs(string(c.Destination), string(c.Title)))
			w.inlines(b, c)
			b.closePair()
		case *ast.AutoLink:
			url := string(c.URL(w.src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			b.openPair("a", map[string]string{"href": url})
			b.text(string(c.Label(w.src)))
			b.closePair()
		case *ast.Image:
			attrs := linkAttrs(string(c.Destination), string(c.Title))
			attrs["src"] = attrs["href"]
			delete(attrs, "href")
			if alt := w.plain(c); alt != "" {
				attrs["alt"] = alt
			}
			b.self("img", attrs)
		case *ast.RawHTML:
			w.rawInline(b, c)
		default:
			w.inlines(b, c)
		}
	}
}

// rawInline keeps a <br> written as HTML inside Markdown; other inline HTML
// tags are dropped (their text, separate nodes, stays).
func (w *mdWalker) rawInline(b *builder, n *ast.RawHTML) {
	var sb strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		sb.Write(seg.Value(w.src))
	}
	tag := strings.ToLower(strings.TrimSpace(sb.String()))
	if strings.HasPrefix(tag, "<br") {
		b.self("br", nil)
	}
}

// plain returns the text inside an inline node (an image's alt text).
func (w *mdWalker) plain(n ast.Node) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			sb.WriteString(mdUnescape(t.Segment.Value(w.src)))
			if t.SoftLineBreak() || t.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(sb.String())
}

func linkAttrs(href, title string) map[string]string {
	// goldmark keeps destinations and titles as written: resolve their
	// backslash escapes and entities as a CommonMark renderer does, so
	// "a\_b?x=1&amp;y=2" links to "a_b?x=1&y=2".
	a := map[string]string{"href": mdUnescape([]byte(href))}
	if title != "" {
		a["title"] = mdUnescape([]byte(title))
	}
	return a
}

// mdUnescape resolves backslash escapes and character references in
// Markdown text, as a CommonMark renderer does.
func mdUnescape(v []byte) string {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}
