package xliff

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// Write writes d as an XLIFF file of version v.
func Write(w io.Writer, d Doc, v Version) error {
	var b strings.Builder
	switch v {
	case V21:
		write2(&b, d)
	case V12:
		write12(&b, d)
	default:
		return fmt.Errorf("xliff: unsupported version %q", v)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// original is the file's original attribute: where in pressroom the file
// comes from, which an import checks (same edition, same revision).
func original(d Doc) string {
	q := url.Values{}
	q.Set("article", d.ArticleID)
	q.Set("edition", d.EditionID)
	q.Set("revision", strconv.Itoa(d.Revision))
	if d.OmegaT {
		q.Set("for", "omegat")
	}
	return "pressroom?" + q.Encode()
}

// parseOriginal reads what original wrote.
func parseOriginal(f *File, s string) error {
	rest, ok := strings.CutPrefix(s, "pressroom?")
	if !ok {
		return &Error{CodeNotOurs, fmt.Sprintf("the file's original %q does not name a pressroom edition; export the edition from pressroom and translate that file", s)}
	}
	q, err := url.ParseQuery(rest)
	if err != nil {
		return &Error{CodeNotOurs, fmt.Sprintf("the file's original %q: %v", s, err)}
	}
	f.ArticleID, f.EditionID, f.OmegaT = q.Get("article"), q.Get("edition"), q.Get("for") == "omegat"
	if f.Revision, err = strconv.Atoi(q.Get("revision")); err != nil || f.EditionID == "" {
		return &Error{CodeNotOurs, fmt.Sprintf("the file's original %q lacks the edition or revision", s)}
	}
	return nil
}

// unitData is what an export records per unit for the import.
func unitData(u Unit, target string) [][2]string {
	return [][2]string{{"version", strconv.Itoa(u.Version)}, {"status", u.Status}, {"checksum", Checksum(target)}}
}

// Canonical is tagged text as a file of version v carries it back: with
// the canonical escapes (&amp;, &lt;, &gt; only), and in 1.2 with U+FFFD
// for characters XML cannot carry. Checksums are of this form; compare a
// returned target with Canonical(current target) to see whether it differs.
func Canonical(tagged string, v Version) string {
	if v == V12 {
		return cleanTagged(tagged)
	}
	toks, err := inline.Parse(tagged)
	if err != nil {
		return tagged
	}
	return inline.Format(toks)
}

// state2 maps a status to an XLIFF 2 state and subState.
func state2(status string) (state, sub string) {
	switch status {
	case Approved:
		return "final", "pressroom:approved"
	case Edited:
		return "translated", "pressroom:edited"
	case Draft:
		return "initial", "pressroom:draft"
	}
	return "initial", "pressroom:pending"
}

// state12 maps a status to an XLIFF 1.2 state, with a qualifier saying
// where a draft came from.
func state12(status, origin string) (state, qualifier string) {
	switch status {
	case Approved:
		return "signed-off", ""
	case Edited:
		return "translated", ""
	case Draft:
		if origin == "tm" || strings.HasPrefix(origin, "tm:") {
			return "needs-translation", "leveraged-tm"
		}
		return "needs-translation", "leveraged-mt"
	}
	return "new", ""
}

func qaNote(q QAIssue) string {
	s := q.Severity + ": " + q.Message
	if q.Check != "" {
		s = q.Severity + " (" + q.Check + "): " + q.Message
	}
	return s
}

func qaPriority(q QAIssue) string {
	if q.Severity == "error" {
		return "1"
	}
	return "5"
}

func exportedAt(d Doc) string {
	t := d.ExportedAt
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Format(time.RFC3339)
}

// write2 writes XLIFF 2.1. Module elements come first in a unit, as the
// core schema wants, then notes, originalData and the one segment.
func write2(b *strings.Builder, d Doc) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xliff xmlns="` + NS2 + `" xmlns:mda="` + NSMda + `" xmlns:mtc="` + NSMtc + `" xmlns:gls="` + NSGls + `"` +
		` version="2.1"` + attr("srcLang", d.SourceLang) + attr("trgLang", d.TargetLang) + ` xml:space="preserve">` + "\n")
	b.WriteString(`<file id="f1"` + attr("original", original(d)) + ` canResegment="no">` + "\n")
	b.WriteString(`<mda:metadata><mda:metaGroup category="pressroom">`)
	for _, kv := range [][2]string{{"article", d.ArticleID}, {"edition", d.EditionID}, {"revision", strconv.Itoa(d.Revision)},
		{"title", d.Title}, {"exported", exportedAt(d)}} {
		element(b, "mda:meta", attr("type", kv[0]), kv[1])
	}
	b.WriteString("</mda:metaGroup></mda:metadata>\n")
	for _, u := range d.Units {
		unit2(b, u)
	}
	b.WriteString("</file>\n</xliff>\n")
}

func unit2(b *strings.Builder, u Unit) {
	tags := tagMap(u.Tags)
	target := Canonical(u.Target, V21)
	hasTarget := u.Status != Pending
	b.WriteString("<unit" + attr("id", u.ID) + ">\n")
	b.WriteString(`<mda:metadata><mda:metaGroup category="pressroom">`)
	meta := append(unitData(u, target), [2]string{"origin", u.Origin}, [2]string{"block", strconv.Itoa(u.Block)})
	for _, kv := range meta {
		element(b, "mda:meta", attr("type", kv[0]), kv[1])
	}
	b.WriteString("</mda:metaGroup></mda:metadata>\n")
	if len(u.Matches) > 0 {
		b.WriteString("<mtc:matches>")
		for _, m := range u.Matches {
			typ := "tm"
			if m.Origin != "" && m.Origin != "tm" && !strings.HasPrefix(m.Origin, "tm:") {
				typ = "mt"
			}
			b.WriteString(`<mtc:match ref="#s1"` + attr("similarity", strconv.Itoa(min(max(m.Score, 0), 100))) + attr("type", typ))
			if m.Origin != "" {
				b.WriteString(attr("origin", m.Origin))
			}
			b.WriteString("><source>")
			inline2(b, m.Source, nil, false)
			b.WriteString("</source><target>")
			inline2(b, m.Target, nil, false)
			b.WriteString("</target></mtc:match>")
		}
		b.WriteString("</mtc:matches>\n")
	}
	if len(u.Terms) > 0 {
		b.WriteString("<gls:glossary>")
		for _, t := range u.Terms {
			b.WriteString("<gls:glossEntry>")
			element(b, "gls:term", ` source="pressroom"`, t.Source)
			element(b, "gls:translation", "", t.Target)
			if t.Note != "" {
				element(b, "gls:definition", "", t.Note)
			}
			b.WriteString("</gls:glossEntry>")
		}
		b.WriteString("</gls:glossary>\n")
	}
	if len(u.Notes)+len(u.QA) > 0 {
		b.WriteString("<notes>")
		for _, n := range u.Notes {
			element(b, "note", ` category="pressroom"`, n)
		}
		for _, q := range u.QA {
			element(b, "note", ` category="qa"`+attr("priority", qaPriority(q)), qaNote(q))
		}
		b.WriteString("</notes>\n")
	}
	if refs := dataRefs(u.Source, tags); len(refs) > 0 {
		b.WriteString("<originalData>")
		for _, r := range refs {
			element(b, "data", attr("id", r[0]), r[1])
		}
		b.WriteString("</originalData>\n")
	}
	state, sub := state2(u.Status)
	b.WriteString(`<segment id="s1"` + attr("state", state) + attr("subState", sub) + "><source>")
	inline2(b, u.Source, tags, true)
	b.WriteString("</source>")
	if hasTarget {
		b.WriteString("<target>")
		inline2(b, target, tags, true)
		b.WriteString("</target>")
	}
	b.WriteString("</segment>\n</unit>\n")
}

// write12 writes XLIFF 1.2 (strict). Pressroom's data per unit travels in
// standard attributes, since the strict schema admits no foreign ones:
// extradata holds the version, status and checksum, the file's original
// the edition and revision.
func write12(b *strings.Builder, d Doc) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xliff version="1.2" xmlns="` + NS12 + `">` + "\n")
	b.WriteString(`<file` + attr("original", original(d)) + attr("source-language", d.SourceLang) + attr("target-language", d.TargetLang) +
		` datatype="x-pressroom" tool-id="pressroom"` + attr("date", exportedAt(d)) + ` xml:space="preserve">` + "\n")
	b.WriteString(`<header><tool tool-id="pressroom" tool-name="pressroom"/>`)
	if d.Title != "" {
		element(b, "note", ` from="pressroom"`, d.Title)
	}
	b.WriteString("</header>\n<body>\n")
	for _, u := range d.Units {
		unit12(b, u, d.OmegaT)
	}
	b.WriteString("</body>\n</file>\n</xliff>\n")
}

func unit12(b *strings.Builder, u Unit, omegat bool) {
	tags := tagMap(u.Tags)
	hasTarget, target := u.Status != Pending, u.Target
	if omegat {
		// OmegaT translates what is inside <target>.
		hasTarget, target = true, u.Source
	}
	target = Canonical(target, V12)
	q := url.Values{}
	for _, kv := range unitData(u, target) {
		q.Set(kv[0], kv[1])
	}
	b.WriteString("<trans-unit" + attr("id", u.ID) + attr("resname", "block-"+strconv.Itoa(u.Block)) + attr("extradata", q.Encode()))
	if u.Status == Approved {
		b.WriteString(` approved="yes"`)
	}
	b.WriteString(">\n<source>")
	inline12(b, u.Source, tags)
	b.WriteString("</source>")
	if hasTarget {
		state, qual := state12(u.Status, u.Origin)
		b.WriteString("<target" + attr("state", state))
		if qual != "" {
			b.WriteString(attr("state-qualifier", qual))
		}
		b.WriteString(">")
		inline12(b, target, tags)
		b.WriteString("</target>")
	}
	b.WriteString("\n")
	if ids, err := inline.IDs(u.Source); err == nil && len(ids) > 0 {
		var ctx strings.Builder
		for _, id := range ids {
			if t, ok := tags[id]; ok {
				open, closing := markup(t)
				element(&ctx, "context", attr("context-type", "x-pressroom-code-"+strconv.Itoa(id)), open+closing)
			}
		}
		if ctx.Len() > 0 {
			b.WriteString(`<context-group` + attr("name", "codes-"+u.ID) + ` purpose="information">` + ctx.String() + "</context-group>\n")
		}
	}
	for _, n := range u.Notes {
		element(b, "note", ` from="pressroom"`, n)
		b.WriteString("\n")
	}
	for _, q := range u.QA {
		element(b, "note", ` from="qa"`+attr("priority", qaPriority(q)), qaNote(q))
		b.WriteString("\n")
	}
	for _, m := range u.Matches {
		b.WriteString("<alt-trans" + attr("match-quality", strconv.Itoa(m.Score)))
		if m.Origin != "" {
			b.WriteString(attr("origin", m.Origin))
		}
		b.WriteString("><source>")
		inline12(b, m.Source, nil)
		b.WriteString("</source><target>")
		inline12(b, m.Target, nil)
		b.WriteString("</target></alt-trans>\n")
	}
	b.WriteString("</trans-unit>\n")
}
