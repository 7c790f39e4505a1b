// Package offline lets translators work outside pressroom: it exports an
// edition as XLIFF (2.1 or 1.2) or as a ready OmegaT project, and imports
// the file they bring back through the workflow's own review operations,
// so the same rules (versions, inline tags, QA) apply as to any save.
//
// An import changes a segment only when the translator changed its text
// and pressroom's segment is still at the version the file was exported
// from; a segment changed on both sides is a conflict, reported with both
// texts and left alone. A file for another edition, language or article
// revision, or one that is not a readable XLIFF file, changes nothing.
package offline

import (
	"context"
	"log/slog"
	"time"

	"github.com/pressroom-dev/pressroom/internal/glossary"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// Reviewer is the workflow's review operations: the edition a caller may
// work on (derrors.NotFound, derrors.Forbidden otherwise), a save and an
// approval at a version.
type Reviewer interface {
	Edition(ctx context.Context, who auth.Principal, editionID string) (store.Edition, error)
	EditSegment(ctx context.Context, who auth.Principal, editionID, segmentID string, in pipeline.SegmentEdit) (store.Segment, error)
	ApproveSegment(ctx context.Context, who auth.Principal, editionID, segmentID string, in pipeline.SegmentApproval) (store.Segment, error)
}

// Glossary finds glossary terms in source sentences (plain text), one
// list per sentence. The glossary issue provides one; without it exports
// carry no terms.
type Glossary interface {
	Terms(ctx context.Context, from, to string, sources []string) ([][]xliff.Term, error)
}

// HitFinder finds the glossary terms of source sentences (glossary.Service).
type HitFinder interface {
	SegmentTerms(ctx context.Context, from, to string, sources []string) ([][]glossary.Hit, error)
}

// TermsFrom makes the exports' Glossary of g. An export carries the
// translations to use, as the editor shows them; forbidden words are for
// checks and stay out.
func TermsFrom(g HitFinder) Glossary { return hitTerms{g} }

type hitTerms struct{ g HitFinder }

func (h hitTerms) Terms(ctx context.Context, from, to string, sources []string) ([][]xliff.Term, error) {
	hits, err := h.g.SegmentTerms(ctx, from, to, sources)
	if err != nil {
		return nil, err
	}
	out := make([][]xliff.Term, len(hits))
	for i, hs := range hits {
		for _, hit := range hs {
			if hit.Term.Kind == glossary.Forbidden {
				continue
			}
			src, tgt := hit.Shown(to)
			out[i] = append(out[i], xliff.Term{Source: src, Target: tgt, Note: hit.Term.Note})
		}
	}
	return out, nil
}

// Service exports and imports editions.
type Service struct {
	st       *store.Store
	rev      Reviewer
	glossary Glossary
	log      *slog.Logger
	now      func() time.Time
}

// New returns the service; glossary may be nil.
func New(st *store.Store, rev Reviewer, glossary Glossary, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{st: st, rev: rev, glossary: glossary, log: log, now: time.Now}
}

// ForPipeline returns the service on the pipeline's store and review
// operations.
func ForPipeline(p *pipeline.Pipeline, glossary Glossary, log *slog.Logger) *Service {
	return New(p.Store(), p, glossary, log)
}
