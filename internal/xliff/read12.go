package xliff

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// read12 interprets an XLIFF 1.2 document.
func read12(root *node) (*File, error) {
	f := &File{Version: V12}
	var file *node
	for _, n := range root.elements() {
		switch {
		case n.name.Space != NS12:
		case n.name.Local == "file":
			if file != nil {
				return nil, structure("the file has more than one <file>; pressroom exports one edition per file")
			}
			file = n
		default:
			return nil, unknown(n, "xliff")
		}
	}
	if file == nil {
		return nil, structure("the file has no <file> element")
	}
	f.SourceLang, _ = file.attr("source-language")
	f.TargetLang, _ = file.attr("target-language")
	orig, _ := file.attr("original")
	if err := parseOriginal(f, orig); err != nil {
		return nil, err
	}
	var body *node
	for _, n := range file.elements() {
		switch {
		case n.name.Space != NS12:
			return nil, unknown(n, "file")
		case n.name.Local == "header":
		case n.name.Local == "body" && body == nil:
			body = n
		default:
			return nil, unknown(n, "file")
		}
	}
	if body == nil {
		return nil, structure("the <file> has no <body>")
	}
	if err := units12(f, body, map[string]bool{}); err != nil {
		return nil, err
	}
	return f, nil
}

func units12(f *File, parent *node, seen map[string]bool) error {
	for _, n := range parent.elements() {
		if n.name.Space != NS12 {
			if parent.name.Local == "group" {
				continue // extension data
			}
			return unknown(n, parent.name.Local)
		}
		switch n.name.Local {
		case "context-group", "count-group", "note", "prop-group":
		case "group":
			if err := units12(f, n, seen); err != nil {
				return err
			}
		case "trans-unit":
			u, err := unit12read(n)
			if err != nil {
				return err
			}
			if err := f.addUnit(u, seen); err != nil {
				return err
			}
		default:
			return unknown(n, parent.name.Local)
		}
	}
	return nil
}

func unit12read(n *node) (FileUnit, error) {
	var u FileUnit
	var ok bool
	if u.ID, ok = n.attr("id"); !ok || u.ID == "" {
		return u, structure("a <trans-unit> on line %d has no id", n.line)
	}
	if extra, ok := n.attr("extradata"); ok {
		if q, err := url.ParseQuery(extra); err == nil {
			u.Version, _ = strconv.Atoi(q.Get("version"))
			u.Exported, u.Checksum = q.Get("status"), q.Get("checksum")
		}
	}
	var src, tgt *node
	for _, k := range n.elements() {
		if k.name.Space != NS12 {
			continue // extension data
		}
		switch k.name.Local {
		case "source":
			if src != nil {
				return u, structure("trans-unit %q has two <source>", u.ID)
			}
			src = k
		case "target":
			if tgt != nil {
				return u, structure("trans-unit %q has two <target>", u.ID)
			}
			tgt = k
		case "seg-source", "context-group", "count-group", "note", "alt-trans", "prop-group":
		default:
			return u, unknown(k, "trans-unit")
		}
	}
	if src == nil {
		return u, structure("trans-unit %q has no <source>", u.ID)
	}
	var b strings.Builder
	if err := inlineRead12(&b, src, &u); err != nil {
		return u, err
	}
	u.Source = b.String()
	if tgt != nil {
		b.Reset()
		if err := inlineRead12(&b, tgt, &u); err != nil {
			return u, err
		}
		u.HasTarget, u.Target = true, b.String()
		st, _ := tgt.attr("state")
		u.Status = status12(st)
	}
	if a, _ := n.attr("approved"); a == "yes" {
		u.Status = Approved
	}
	return u, nil
}

// status12 maps a 1.2 target state to a status.
func status12(state string) string {
	switch state {
	case "", "new", "needs-translation", "needs-adaptation", "needs-l10n":
		return Draft
	case "signed-off", "final":
		return Approved
	}
	return Edited // translated, needs-review-…, x-…
}

// inlineRead12 appends a source or target's content as tagged text.
func inlineRead12(b *strings.Builder, n *node, u *FileUnit) error {
	for _, k := range n.kids {
		if k.name.Local == "" {
			b.WriteString(inline.Escape(k.text))
			continue
		}
		if k.name.Space != NS12 {
			return unknown(k, n.name.Local)
		}
		switch k.name.Local {
		case "g":
			id := codeID(k, "id", u)
			b.WriteString("<" + id + ">")
			if err := inlineRead12(b, k, u); err != nil {
				return err
			}
			b.WriteString("</" + id + ">")
		case "x":
			b.WriteString("<" + codeID(k, "id", u) + "/>")
		case "bx":
			b.WriteString("<" + codeID(k, "id", u) + ">")
		case "ex":
			b.WriteString("</" + codeID(k, "id", u) + ">")
		case "mrk":
			if err := inlineRead12(b, k, u); err != nil {
				return err
			}
		case "bpt", "ept", "ph", "it", "sub":
			// Native-code elements: pressroom writes g and x, and cannot
			// tell which of its codes these stand for.
			if u.Err == nil {
				u.Err = &Error{CodeInline, fmt.Sprintf("<%s> on line %d: pressroom's files carry their codes as <g> and <x>; keep those", k.name.Local, k.line)}
			}
		default:
			return unknown(k, n.name.Local)
		}
	}
	return nil
}
