package importer

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pressroom-dev/pressroom/internal/document"
)

// parseHTML imports an HTML document or fragment with golang.org/x/net/html
// (the HTML5 parsing algorithm, so any tag soup parses). Text blocks come
// from p, h1–h6, blockquote, li, figcaption, pre and text lying directly in
// containers; inline a, em, strong, i, b, code (and a few more) become
// tags, br and img standalone tags. Elements that are not article text
// (script, style, forms, embedded media, navigation, asides) are dropped with their
// content; any other element is unwrapped, keeping its text.
func parseHTML(s string) (document.Document, error) {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return document.Document{}, fmt.Errorf("%w: HTML: %w", ErrInput, err)
	}
	w := htmlWalker{b: newBuilder(true), hasStory: findStory(root)}
	w.walk(root)
	w.flush()
	return document.Document{Title: w.title, Byline: w.author, Blocks: w.out}, nil
}

// dropped elements are skipped with everything inside them.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Nav: true, atom.Frameset: true, atom.Frame: true,
	atom.Applet: true, atom.Map: true, atom.Head: true, atom.Source: true,
	atom.Track: true, atom.Link: true, atom.Meta: true, atom.Dialog: true,
	atom.Aside: true, // related links, promos, newsletter boxes: not the story
}

// containers end the current text block before and after them.
var containers = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Body: true,
	atom.Html: true, atom.Table: true, atom.Thead: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Center: true, atom.Hr: true, atom.Figure: true,
	atom.Caption: true, atom.Fieldset: true, atom.Hgroup: true, atom.Menu: true,
}

// pairedInline elements become paired codes under their own name.
var pairedInline = map[atom.Atom]bool{
	atom.Em: true, atom.Strong: true, atom.I: true, atom.B: true, atom.Code: true,
	atom.U: true, atom.S: true, atom.Sub: true, atom.Sup: true, atom.Mark: true,
	atom.Small: true, atom.Q: true, atom.Cite: true, atom.Abbr: true,
	atom.Kbd: true, atom.Samp: true, atom.Var: true, atom.Del: true, atom.Ins: true,
	atom.Dfn: true, atom.Time: true,
}

// keptAttrs lists, per inline element, the attributes worth carrying.
var keptAttrs = map[atom.Atom][]string{
	atom.A:    {"href", "title", "rel", "target", "hreflang"},
	atom.Img:  {"src", "alt", "title", "width", "height"},
	atom.Abbr: {"title"},
	atom.Q:    {"cite"},
	atom.Time: {"datetime"},
	atom.Code: {"class"},
}

type htmlWalker struct {
	b      *builder
	out    []document.Block
	title  string
	author string // <meta name="author">

	quote, list int
	ordered     []bool
	caption     int
	pre         int

	// hasStory says the page marks its story with <article> or <main>;
	// then a <header> or <footer> outside them is the site's masthead or
	// footer, not the story's, and is dropped. story counts the open ones.
	hasStory bool
	story    int
}

// findStory reports whether n holds an <article> or <main> element.
func findStory(n *html.Node) bool {
	if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if findStory(c) {
			return true
		}
	}
	return false
}

// kind is the block kind for text at the current position.
func (w *htmlWalker) kind() (document.Kind, int, bool) {
	switch {
	case w.caption > 0:
		return document.Caption, 0, false
	case w.list > 0:
		return document.ListItem, w.list, w.ordered[len(w.ordered)-1]
	case w.quote > 0:
		return document.Quote, w.quote, false
	}
	return document.Paragraph, 0, false
}

func (w *htmlWalker) flush() {
	k, lvl, ord := w.kind()
	w.emit(k, lvl, ord)
}

func (w *htmlWalker) emit(k document.Kind, lvl int, ord bool) {
	if blk, ok := w.b.flush(k, lvl, ord); ok {
		w.out = append(w.out, blk)
	}
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.b.text(n.Data)
		return
	case html.DocumentNode:
		w.children(n)
		return
	case html.ElementNode:
	default:
		return // comments, doctypes
	}
	a := n.DataAtom
	switch {
	case a == atom.Title:
		if w.title == "" && n.FirstChild != nil {
			w.title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
		}
	case a == atom.Head:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Title {
				w.walk(c)
			}
			if c.DataAtom == atom.Meta && w.author == "" && strings.EqualFold(attr(c, "name"), "author") {
				w.author = strings.Join(strings.Fields(attr(c, "content")), " ")
			}
		}
	case dropped[a]:
	case (a == atom.Header || a == atom.Footer) && w.hasStory && w.story == 0:
	case a == atom.Article || a == atom.Main:
		w.flush()
		w.story++
		w.children(n)
		w.flush()
		w.story--
	case isHeading(a):
		w.flush()
		w.children(n)
		w.emit(document.Heading, headingLevel(a), false)
	case a == atom.P:
		w.flush()
		w.children(n)
		w.flush()
	case a == atom.Pre:
		w.flush()
		w.pre++
		prev := w.b.collapse
		w.b.collapse = false
		// One block, never split, published as <pre><code>: the <code> of
		// the usual <pre><code class="language-x"> is that same element.
		inner, attrs := n, map[string]string(nil)
		if c := n.FirstChild; c != nil && c == n.LastChild && c.Type == html.ElementNode && c.DataAtom == atom.Code {
			inner = c
			if lang, ok := strings.CutPrefix(attr(c, "class"), "language-"); ok {
				if f := strings.Fields(lang); len(f) > 0 {
					attrs = map[string]string{"lang": f[0]}
				}
			}
		}
		w.b.openPair("pre", attrs)
		w.children(inner)
		w.b.closePair()
		w.flush()
		w.b.collapse = prev
		w.pre--
	case a == atom.Blockquote:
		w.flush()
		w.quote++
		w.children(n)
		w.flush()
		w.quote--
	case a == atom.Ul || a == atom.Ol:
		w.flush()
		w.list++
		w.ordered = append(w.ordered, a == atom.Ol)
		w.children(n)
		w.flush()
		w.ordered = w.ordered[:len(w.ordered)-1]
		w.list--
	case a == atom.Li:
		w.flush()
		w.children(n)
		w.flush()
	case a == atom.Figcaption:
		w.flush()
		w.caption++
		w.children(n)
		w.flush()
		w.caption--
	case containers[a]:
		w.flush()
		w.children(n)
		w.flush()
	case a == atom.Br:
		w.b.self("br", nil)
	case a == atom.Img:
		w.b.self("img", attrs(n, keptAttrs[atom.Img]))
	case a == atom.A:
		at := attrs(n, keptAttrs[atom.A])
		if at["href"] == "" {
			w.children(n)
			return
		}
		w.b.openPair("a", at)
		w.children(n)
		w.b.closePair()
	case pairedInline[a]:
		w.b.openPair(n.Data, attrs(n, keptAttrs[a]))
		w.children(n)
		w.b.closePair()
	default: // span, font, unknown elements: unwrap
		w.children(n)
	}
}

func (w *htmlWalker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func isHeading(a atom.Atom) bool { return headingLevel(a) > 0 }

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// attrs returns the listed attributes of n that are present, or nil.
func attrs(n *html.Node, keep []string) map[string]string {
	var m map[string]string
	for _, at := range n.Attr {
		if at.Namespace != "" {
			continue
		}
		for _, k := range keep {
			if at.Key == k {
				if m == nil {
					m = map[string]string{}
				}
				m[k] = at.Val
			}
		}
	}
	return m
}

// attr is the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
