package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits of what Read accepts.
const (
	// MaxFileBytes bounds a file: a 1,000-segment edition with its matches
	// and notes is about 2 MB.
	MaxFileBytes = 4 << 20
	maxDepth     = 64
	// maxNodes bounds the elements and text runs of a file (about 40 per
	// unit in an export), so that a file of tiny elements cannot make the
	// reader hold a tree many times its size.
	maxNodes = 250_000
)

// node is an element or, with an empty name, a run of text.
type node struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*node
	text  string
	line  int
}

func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == n.name.Space) {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) elements() []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name.Local != "" {
			out = append(out, k)
		}
	}
	return out
}

// Read parses an XLIFF 2.x or 1.2 file written by Write, as the
// translator's tool returned it. It refuses, with an *Error, anything but
// well-formed UTF-8 XML without a DOCTYPE (so no entity can be declared,
// let alone expanded), larger than MaxFileBytes, nested deeper than 64 or
// made of more than 250,000 elements and texts (an export of 1,000 segments
// has about 25,000), and elements of the XLIFF namespace it does not know. Elements of other
// namespaces are ignored where XLIFF allows extensions, and refused inside
// source and target text.
func Read(r io.Reader) (*File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxFileBytes {
		return nil, &Error{CodeTooLarge, fmt.Sprintf("the file is over %d MB", MaxFileBytes>>20)}
	}
	return Parse(raw)
}

// Parse is Read for a file in memory.
func Parse(raw []byte) (*File, error) {
	if len(raw) > MaxFileBytes {
		return nil, &Error{CodeTooLarge, fmt.Sprintf("the file is over %d MB", MaxFileBytes>>20)}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		return nil, &Error{CodeMalformed, "the file is not UTF-8; save it as UTF-8"}
	}
	root, err := parseTree(raw)
	if err != nil {
		return nil, err
	}
	switch root.name.Space {
	case NS2:
		if root.name.Local != "xliff" {
			break
		}
		v, _ := root.attr("version")
		if v != "2.0" && v != "2.1" && v != "2.2" {
			return nil, &Error{CodeVersion, fmt.Sprintf("XLIFF version %q: pressroom reads 2.0, 2.1 and 1.2", v)}
		}
		return read2(root)
	case NS12:
		if root.name.Local != "xliff" {
			break
		}
		v, _ := root.attr("version")
		if v != "1.2" {
			return nil, &Error{CodeVersion, fmt.Sprintf("XLIFF version %q in the 1.2 namespace", v)}
		}
		return read12(root)
	}
	if root.name.Local == "xliff" {
		return nil, &Error{CodeVersion, fmt.Sprintf("unsupported XLIFF namespace %q: pressroom reads XLIFF 2.x and 1.2", root.name.Space)}
	}
	return nil, &Error{CodeNotXLIFF, fmt.Sprintf("the root element is <%s>, not <xliff>", root.name.Local)}
}

// parseTree reads the document into nodes.
func parseTree(raw []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = true
	var root *node
	var stack []*node
	nodes := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{CodeMalformed, "the file is not well-formed XML: " + err.Error()}
		}
		line, _ := dec.InputPos()
		switch tok.(type) {
		case xml.StartElement, xml.CharData:
			if nodes++; nodes > maxNodes {
				return nil, &Error{CodeTooLarge, fmt.Sprintf("the file has more than %d elements and texts", maxNodes)}
			}
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return nil, &Error{CodeDoctype, "the file has a DOCTYPE; XLIFF files need none, and pressroom refuses them (entity declarations)"}
			}
			return nil, &Error{CodeMalformed, fmt.Sprintf("unexpected markup declaration <!%s> on line %d", truncate(string(t), 20), line)}
		case xml.ProcInst:
			if t.Target == "xml" {
				if enc := procInstAttr(string(t.Inst), "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") {
					return nil, &Error{CodeMalformed, fmt.Sprintf("the file declares encoding %q; save it as UTF-8", enc)}
				}
			}
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, &Error{CodeTooDeep, fmt.Sprintf("elements are nested more than %d deep on line %d", maxDepth, line)}
			}
			n := &node{name: t.Name, attrs: t.Attr, line: line}
			if len(stack) == 0 {
				if root != nil {
					return nil, &Error{CodeMalformed, "the file has more than one root element"}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, &node{text: string(t)})
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, &Error{CodeMalformed, "the file is not XML: it has text outside any element"}
			}
		}
	}
	if root == nil {
		return nil, &Error{CodeMalformed, "the file is empty"}
	}
	return root, nil
}

func procInstAttr(inst, name string) string {
	i := strings.Index(inst, name+"=")
	if i < 0 {
		return ""
	}
	rest := inst[i+len(name)+1:]
	if len(rest) < 2 {
		return ""
	}
	q := rest[0]
	if q != '"' && q != '\'' {
		return ""
	}
	if j := strings.IndexByte(rest[1:], q); j >= 0 {
		return rest[1 : j+1]
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func unknown(n *node, where string) error {
	name := n.name.Local
	return &Error{CodeUnknownElement, fmt.Sprintf("unknown element <%s> in <%s> on line %d", name, where, n.line)}
}

func structure(format string, args ...any) error {
	return &Error{CodeStructure, fmt.Sprintf(format, args...)}
}

// textOf is the concatenated text of a node's text children.
func textOf(n *node) string {
	var b strings.Builder
	for _, k := range n.kids {
		if k.name.Local == "" {
			b.WriteString(k.text)
		}
	}
	return b.String()
}
