package xliff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// read2 interprets an XLIFF 2.x document.
func read2(root *node) (*File, error) {
	f := &File{Version: V21}
	f.SourceLang, _ = root.attr("srcLang")
	f.TargetLang, _ = root.attr("trgLang")
	var file *node
	for _, n := range root.elements() {
		switch {
		case n.name.Space != NS2:
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
	orig, _ := file.attr("original")
	if err := parseOriginal(f, orig); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	if err := units2(f, file, seen); err != nil {
		return nil, err
	}
	return f, nil
}

// units2 reads the units of a file or group, in document order.
func units2(f *File, parent *node, seen map[string]bool) error {
	for _, n := range parent.elements() {
		if n.name.Space != NS2 {
			continue // module or extension data (mda, mtc, gls, …)
		}
		switch n.name.Local {
		case "skeleton", "notes":
		case "group":
			if err := units2(f, n, seen); err != nil {
				return err
			}
		case "unit":
			u, err := unit2read(n)
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

// rank orders XLIFF 2 states; a unit split into several segments takes the
// least advanced one.
var rank2 = map[string]int{"initial": 0, "translated": 1, "reviewed": 2, "final": 3}

func unit2read(n *node) (FileUnit, error) {
	var u FileUnit
	var ok bool
	if u.ID, ok = n.attr("id"); !ok || u.ID == "" {
		return u, structure("a <unit> on line %d has no id", n.line)
	}
	var src, tgt strings.Builder
	state := ""
	segments, targets := 0, 0
	for _, k := range n.elements() {
		if k.name.Space == NSMda && k.name.Local == "metadata" {
			readMeta(&u, k)
			continue
		}
		if k.name.Space != NS2 {
			continue
		}
		switch k.name.Local {
		case "notes", "originalData":
		case "segment", "ignorable":
			var s, t *node
			for _, c := range k.elements() {
				switch {
				case c.name.Space == NS2 && c.name.Local == "source" && s == nil:
					s = c
				case c.name.Space == NS2 && c.name.Local == "target" && t == nil:
					t = c
				default:
					return u, unknown(c, k.name.Local)
				}
			}
			if s == nil {
				return u, structure("a <%s> of unit %q has no <source>", k.name.Local, u.ID)
			}
			if err := inlineRead2(&src, s, &u); err != nil {
				return u, err
			}
			switch {
			case t != nil:
				if k.name.Local == "segment" {
					targets++
				}
				if err := inlineRead2(&tgt, t, &u); err != nil {
					return u, err
				}
			case k.name.Local == "ignorable":
				// An ignorable without a target stands for itself.
				if err := inlineRead2(&tgt, s, &u); err != nil {
					return u, err
				}
			}
			if k.name.Local == "segment" {
				segments++
				st, ok := k.attr("state")
				if !ok {
					st = "initial"
				}
				if _, known := rank2[st]; !known {
					return u, structure("segment of unit %q has an unknown state %q", u.ID, st)
				}
				if state == "" || rank2[st] < rank2[state] {
					state = st
				}
			}
		default:
			return u, unknown(k, "unit")
		}
	}
	if segments == 0 {
		return u, structure("unit %q has no <segment>", u.ID)
	}
	u.Source = src.String()
	// A unit split into segments is translated only when all of them are.
	u.HasTarget = targets == segments
	if u.HasTarget {
		u.Target = tgt.String()
	}
	switch state {
	case "final":
		u.Status = Approved
	case "translated", "reviewed":
		u.Status = Edited
	default:
		u.Status = Draft
	}
	return u, nil
}

// readMeta takes pressroom's unit data from <mda:metadata>.
func readMeta(u *FileUnit, md *node) {
	for _, g := range md.elements() {
		if g.name.Space != NSMda || g.name.Local != "metaGroup" {
			continue
		}
		if c, _ := g.attr("category"); c != "pressroom" {
			continue
		}
		for _, m := range g.elements() {
			if m.name.Space != NSMda || m.name.Local != "meta" {
				continue
			}
			typ, _ := m.attr("type")
			v := strings.TrimSpace(textOf(m))
			switch typ {
			case "version":
				u.Version, _ = strconv.Atoi(v)
			case "status":
				u.Exported = v
			case "checksum":
				u.Checksum = v
			}
		}
	}
}

// inlineRead2 appends the content of a source or target as tagged text. A
// code whose id is not a pressroom placeholder number marks the unit (Err)
// without failing the file; an element that has no place in XLIFF text
// fails it.
func inlineRead2(b *strings.Builder, n *node, u *FileUnit) error {
	for _, k := range n.kids {
		if k.name.Local == "" {
			b.WriteString(inline.Escape(k.text))
			continue
		}
		if k.name.Space != NS2 {
			return unknown(k, n.name.Local)
		}
		idAttr := "id"
		switch k.name.Local {
		case "pc":
			id := codeID(k, "id", u)
			b.WriteString("<" + id + ">")
			if err := inlineRead2(b, k, u); err != nil {
				return err
			}
			b.WriteString("</" + id + ">")
		case "ph":
			b.WriteString("<" + codeID(k, "id", u) + "/>")
		case "sc":
			b.WriteString("<" + codeID(k, "id", u) + ">")
		case "ec":
			if _, ok := k.attr("startRef"); ok {
				idAttr = "startRef"
			}
			b.WriteString("</" + codeID(k, idAttr, u) + ">")
		case "cp":
			h, _ := k.attr("hex")
			r, err := strconv.ParseUint(h, 16, 32)
			if err != nil || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) {
				return structure("<cp hex=%q> on line %d is not a code point", h, k.line)
			}
			b.WriteString(inline.Escape(string(rune(r))))
		case "mrk":
			if err := inlineRead2(b, k, u); err != nil {
				return err
			}
		case "sm", "em":
		default:
			return unknown(k, n.name.Local)
		}
	}
	return nil
}

// codeID returns the placeholder number an inline code's attribute names,
// or marks the unit and returns "0".
func codeID(k *node, name string, u *FileUnit) string {
	v, _ := k.attr(name)
	if n, err := strconv.Atoi(v); err == nil && n > 0 && strconv.Itoa(n) == v {
		return v
	}
	if u.Err == nil {
		u.Err = &Error{CodeInline, fmt.Sprintf("the inline code <%s %s=%q> on line %d is not one of the segment's codes; keep the codes the file came with", k.name.Local, name, v, k.line)}
	}
	return "0"
}

// addUnit appends a unit read from either version, refusing an id seen
// before in the file: an import must not apply two texts to one segment.
func (f *File) addUnit(u FileUnit, seen map[string]bool) error {
	if seen[u.ID] {
		return &Error{CodeDuplicateUnit, fmt.Sprintf("unit %q appears twice", u.ID)}
	}
	seen[u.ID] = true
	f.Units = append(f.Units, u)
	return nil
}
