package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// EditSegment stores a translator's text for a segment, provided the segment
// is still at the version the translator saw. A stale version is a conflict
// whose Detail is the segment as it now is, so the editor can show both.
func (p *Pipeline) EditSegment(ctx context.Context, by, editionID, segmentID, target string, version int) (store.Segment, error) {
	if !utf8.ValidString(target) {
		return store.Segment{}, errorf(ErrInvalid, "invalid_utf8", "target must be valid UTF-8")
	}
	target = norm.NFC.String(target)
	var seg store.Segment
	err := p.inTx(ctx, func(q *store.Queries, af *after) error {
		e, cur, err := loadSegment(ctx, q, editionID, segmentID)
		if err != nil {
			return err
		}
		if strings.TrimSpace(inline.Plain(target)) == "" {
			return errorf(ErrUnprocessable, "empty_target", "the translation is empty")
		}
		if err := inline.Check(cur.Source, target); err != nil {
			return errorf(ErrUnprocessable, "tags_mismatch", "%v", err)
		}
		qa, err := p.checkEdit(ctx, q, e, cur.Source, target)
		if err != nil {
			return err
		}
		if err := q.UpdateTarget(ctx, editionID, segmentID, target, qa, version, by); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return conflict(cur)
			}
			return err
		}
		if seg, err = q.GetSegment(ctx, editionID, segmentID); err != nil {
			return err
		}
		if err := q.AddSegmentChange(ctx, &store.SegmentChange{SegmentID: segmentID, EditionID: editionID, Action: store.HistoryEdit,
			Previous: cur.Target, Target: seg.Target, Version: seg.Version, ByID: by}); err != nil {
			return err
		}
		return p.settle(ctx, q, af, e)
	})
	if err == nil {
		p.segmentChanged(ctx, by, seg)
	}
	return seg, err
}

// ApproveSegment approves a segment at the version the reviewer saw and adds
// it to the translation memory.
func (p *Pipeline) ApproveSegment(ctx context.Context, by, editionID, segmentID string, version int) (store.Segment, error) {
	var seg store.Segment
	err := p.inTx(ctx, func(q *store.Queries, af *after) error {
		e, cur, err := loadSegment(ctx, q, editionID, segmentID)
		if err != nil {
			return err
		}
		if cur.Status == store.SegmentPending {
			return errorf(ErrConflict, "no_draft", "segment %s has no translation to approve yet", segmentID)
		}
		if err := q.ApproveSegment(ctx, editionID, segmentID, version, by); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return conflict(cur)
			}
			return err
		}
		if seg, err = q.GetSegment(ctx, editionID, segmentID); err != nil {
			return err
		}
		if err := q.AddSegmentChange(ctx, &store.SegmentChange{SegmentID: segmentID, EditionID: editionID, Action: store.HistoryApprove,
			Previous: cur.Target, Target: seg.Target, Version: seg.Version, ByID: by}); err != nil {
			return err
		}
		a, err := q.GetArticle(ctx, e.ArticleID)
		if err != nil {
			return err
		}
		if err := q.PutTMUnit(ctx, store.TMUnit{SourceLang: a.SourceLang, TargetLang: e.Lang, SourceHash: hashText(seg.Source),
			Source: seg.Source, Target: seg.Target, Origin: seg.Origin, CreatedBy: by}); err != nil {
			return err
		}
		return p.settle(ctx, q, af, e)
	})
	if err == nil {
		p.segmentChanged(ctx, by, seg)
	}
	return seg, err
}

func hashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// loadSegment loads a segment of an edition's current revision.
func loadSegment(ctx context.Context, q *store.Queries, editionID, segmentID string) (store.Edition, store.Segment, error) {
	e, err := q.GetEdition(ctx, editionID)
	if errors.Is(err, store.ErrNotFound) {
		return e, store.Segment{}, errorf(ErrNotFound, "edition_not_found", "no edition %q", editionID)
	} else if err != nil {
		return e, store.Segment{}, err
	}
	s, err := q.GetSegment(ctx, editionID, segmentID)
	if errors.Is(err, store.ErrNotFound) {
		return e, s, errorf(ErrNotFound, "segment_not_found", "no segment %q in edition %q", segmentID, editionID)
	} else if err != nil {
		return e, s, err
	}
	if s.Revision != e.Revision {
		return e, s, errorf(ErrConflict, "segment_superseded", "segment %s belongs to an older revision of the source", segmentID)
	}
	return e, s, nil
}

func conflict(cur store.Segment) error {
	e := errorf(ErrConflict, "version_conflict", "segment %s was changed by someone else (now at version %d); reload it and choose", cur.ID, cur.Version)
	e.Detail = cur
	return e
}
