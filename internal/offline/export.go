package offline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/omegat"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// Download is a file for the caller.
type Download struct {
	Name        string // file name to save as
	ContentType string
	Body        []byte
}

// ParseVersion reads the version a caller asks for: "2.1" (also "2",
// "2.0", and the default) or "1.2".
func ParseVersion(s string) (xliff.Version, error) {
	switch s {
	case "", "2", "2.0", "2.1":
		return xliff.V21, nil
	case "1.2":
		return xliff.V12, nil
	}
	return "", derrors.New(derrors.Invalid, "invalid_xliff_version", "XLIFF version %q: want 2.1 or 1.2", s)
}

// edition is what an export or import needs to know about an edition.
type edition struct {
	e      store.Edition
	a      store.Article
	blocks []store.Block
	segs   []store.Segment
}

// load loads an edition the caller may work on, with the segments of its
// current revision.
func (s *Service) load(ctx context.Context, who auth.Principal, editionID string) (*edition, error) {
	e, err := s.rev.Edition(ctx, who, editionID)
	if err != nil {
		return nil, err
	}
	ed := &edition{e: e}
	if ed.a, err = s.st.GetArticle(ctx, e.ArticleID); err != nil {
		return nil, err
	}
	if ed.blocks, err = s.st.GetBlocks(ctx, e.ArticleID, e.Revision); err != nil {
		return nil, err
	}
	if ed.segs, err = s.st.EditionSegments(ctx, e.ID, e.Revision); err != nil {
		return nil, err
	}
	return ed, nil
}

// doc builds the XLIFF document of an edition.
func (s *Service) doc(ctx context.Context, ed *edition) (xliff.Doc, error) {
	d := xliff.Doc{EditionID: ed.e.ID, ArticleID: ed.a.ID, Revision: ed.e.Revision, SourceLang: ed.a.SourceLang,
		TargetLang: ed.e.Lang, Title: ed.a.Title, ExportedAt: s.now()}
	terms, err := s.terms(ctx, ed)
	if err != nil {
		return d, err
	}
	for i, sg := range ed.segs {
		u := xliff.Unit{ID: sg.ID, Block: sg.Block, Version: sg.Version, Status: sg.Status, Origin: sg.Origin,
			Source: sg.Source, Target: sg.Target, Tags: tagsOf(ed.blocks, sg), Notes: note.Texts(sg.Notes)}
		for _, q := range sg.QA {
			u.QA = append(u.QA, xliff.QAIssue{Check: q.Code, Severity: q.Severity, Message: q.Message})
		}
		for _, m := range sg.Matches {
			u.Matches = append(u.Matches, xliff.Match{Source: m.Source, Target: m.Target, Score: m.Score, Origin: m.Origin})
		}
		if i < len(terms) {
			u.Terms = terms[i]
		}
		d.Units = append(d.Units, u)
	}
	return d, nil
}

// terms asks the glossary for the terms of every segment; a glossary that
// fails costs the export its terms, not the export.
func (s *Service) terms(ctx context.Context, ed *edition) ([][]xliff.Term, error) {
	if s.glossary == nil {
		return nil, nil
	}
	srcs := make([]string, len(ed.segs))
	for i, sg := range ed.segs {
		srcs[i] = inline.Plain(sg.Source)
	}
	terms, err := s.glossary.Terms(ctx, ed.a.SourceLang, ed.e.Lang, srcs)
	if err != nil {
		s.log.Warn("export without glossary terms", "edition", ed.e.ID, "err", err)
		return nil, nil
	}
	return terms, nil
}

// tagsOf returns the definitions of the placeholders a segment uses (they
// are stored per block).
func tagsOf(blocks []store.Block, sg store.Segment) []inline.Tag {
	if sg.Block < 0 || sg.Block >= len(blocks) {
		return nil
	}
	ids, err := inline.IDs(sg.Source)
	if err != nil || len(ids) == 0 {
		return nil
	}
	var out []inline.Tag
	for _, t := range blocks[sg.Block].Tags {
		for _, id := range ids {
			if t.ID == id {
				out = append(out, t)
			}
		}
	}
	return out
}

// Export writes an edition as XLIFF of version v.
func (s *Service) Export(ctx context.Context, who auth.Principal, editionID string, v xliff.Version) (Download, error) {
	ed, err := s.load(ctx, who, editionID)
	if err != nil {
		return Download{}, err
	}
	d, err := s.doc(ctx, ed)
	if err != nil {
		return Download{}, err
	}
	var buf bytes.Buffer
	if err := xliff.Write(&buf, d, v); err != nil {
		return Download{}, err
	}
	return Download{Name: baseName(ed) + "-" + string(v) + ".xlf", ContentType: "application/xliff+xml; charset=utf-8", Body: buf.Bytes()}, nil
}

// OmegaT writes an edition as a ready OmegaT project (a zip).
func (s *Service) OmegaT(ctx context.Context, who auth.Principal, editionID string) (Download, error) {
	ed, err := s.load(ctx, who, editionID)
	if err != nil {
		return Download{}, err
	}
	d, err := s.doc(ctx, ed)
	if err != nil {
		return Download{}, err
	}
	d.OmegaT = true
	var x bytes.Buffer
	if err := xliff.Write(&x, d, xliff.V12); err != nil {
		return Download{}, err
	}
	name := baseName(ed)
	p := omegat.Project{Name: name, SourceLang: ed.a.SourceLang, TargetLang: ed.e.Lang, XLIFFName: name + ".xlf", XLIFF: x.Bytes(), Created: s.now()}
	hashes := make([]string, len(ed.segs))
	for i, sg := range ed.segs {
		hashes[i] = sourceHash(sg.Source)
		switch sg.Status {
		case store.SegmentDraft:
			p.Drafts = append(p.Drafts, omegat.Pair{Source: sg.Source, Target: sg.Target, Origin: sg.Origin})
		case store.SegmentEdited, store.SegmentApproved:
			// Pinned to its unit: the same sentence elsewhere in the
			// edition may have another translation, or none yet.
			c := &omegat.Context{File: p.XLIFFName}
			if i > 0 {
				c.Prev = ed.segs[i-1].Source
			}
			if i+1 < len(ed.segs) {
				c.Next = ed.segs[i+1].Source
			}
			p.Done = append(p.Done, omegat.Pair{Source: sg.Source, Target: sg.Target, Context: c})
		}
		for _, m := range sg.Matches {
			p.Drafts = append(p.Drafts, omegat.Pair{Source: m.Source, Target: m.Target, Origin: m.Origin})
		}
		for _, t := range d.Units[i].Terms {
			p.Glossary = append(p.Glossary, omegat.Term{Source: t.Source, Target: t.Target, Note: t.Note})
		}
	}
	units, err := s.st.LookupTM(ctx, ed.a.SourceLang, ed.e.Lang, hashes)
	if err != nil {
		return Download{}, err
	}
	for i, sg := range ed.segs {
		if u, ok := units[hashes[i]]; ok && u.Source == sg.Source {
			p.Memory = append(p.Memory, omegat.Pair{Source: u.Source, Target: u.Target, Origin: u.Origin})
		}
	}
	p.Glossary = dedupeTerms(p.Glossary)
	var z bytes.Buffer
	if err := omegat.Write(&z, p); err != nil {
		return Download{}, err
	}
	return Download{Name: name + "-omegat.zip", ContentType: "application/zip", Body: z.Bytes()}, nil
}

// sourceHash is how the translation memory keys a source text (as the
// pipeline stores it: hex SHA-256 of the tagged text).
func sourceHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func dedupeTerms(ts []omegat.Term) []omegat.Term {
	seen := map[omegat.Term]bool{}
	var out []omegat.Term
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9-]+`)

// baseName names an edition's files: the article's slug and the language.
func baseName(ed *edition) string {
	slug := strings.Trim(unsafeName.ReplaceAllString(ed.a.Slug, "-"), "-")
	if slug == "" {
		slug = ed.a.ID
	}
	if len(slug) > 80 {
		slug = slug[:80]
	}
	return slug + "-" + unsafeName.ReplaceAllString(ed.e.Lang, "-")
}
