package pipeline

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// Review is done by a caller, an auth.Principal: a user of the web UI or an
// API token. Every operation here looks the edition up and checks that the
// caller may work in its language, so the doors (internal/api,
// internal/web) need not and must not do it themselves.

// Edition returns an edition the caller may work on: derrors.NotFound
// (edition_not_found) when there is none, derrors.Forbidden when it is in a
// language the caller does not review.
func (p *Pipeline) Edition(ctx context.Context, who auth.Principal, editionID string) (store.Edition, error) {
	e, err := p.store.GetEdition(ctx, editionID)
	return e, mayReview(who, editionID, e, err)
}

// mayReview turns the lookup of an edition into the caller's answer.
func mayReview(who auth.Principal, editionID string, e store.Edition, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "edition_not_found", "no edition %q", editionID)
	} else if err != nil {
		return err
	}
	if !who.CanReview(e.Lang) {
		return derrors.New(derrors.Forbidden, "forbidden", "edition %s is in %s; %s may work on %v", e.ID, e.Lang, who.Name, who.Langs)
	}
	return nil
}

// SegmentEdit is a translator's text for a segment and the version of the
// segment it was written against; the JSON body of a save, for the API and
// the web UI alike.
type SegmentEdit struct {
	Target  string `json:"target"`
	Version int    `json:"version"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (SegmentEdit) RequiredFields() []string { return []string{"target", "version"} }

// SegmentApproval approves a segment at the version the reviewer saw. With
// Target, the text is saved first (same version check) in the same
// transaction, so an approval never approves a text other than the one on
// the reviewer's screen.
//
// When the quality checks find errors in the text, the approval is refused
// (qa_failed) unless OverrideReason says why the text is right as it is;
// the reason is kept in the segment's history.
type SegmentApproval struct {
	Version        int     `json:"version"`
	Target         *string `json:"target,omitempty"`
	OverrideReason string  `json:"override_reason,omitempty"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (SegmentApproval) RequiredFields() []string { return []string{"version"} }

// EditSegment stores a translator's text for a segment, provided the segment
// is still at the version the translator saw. A stale version is a conflict
// (version_conflict) whose Detail is the segment as it now is, so the editor
// can show both texts.
func (p *Pipeline) EditSegment(ctx context.Context, who auth.Principal, editionID, segmentID string, in SegmentEdit) (store.Segment, error) {
	if err := CheckVersion(in.Version); err != nil {
		return store.Segment{}, err
	}
	target, err := cleanTarget(in.Target)
	if err != nil {
		return store.Segment{}, err
	}
	var seg store.Segment
	err = p.inTx(ctx, func(q *store.Queries, af *after) error {
		e, cur, err := loadSegment(ctx, q, who, editionID, segmentID)
		if err != nil {
			return err
		}
		if seg, err = p.edit(ctx, q, who, e, cur, target, in.Version); err != nil {
			return err
		}
		return p.settle(ctx, q, af, e)
	})
	if err == nil {
		p.segmentChanged(ctx, who, seg)
	}
	return seg, err
}

// ApproveSegment approves a segment (saving in.Target first when given)
// and adds it to the translation memory with the sentences around it;
// approving it again (a correction) replaces that entry.
func (p *Pipeline) ApproveSegment(ctx context.Context, who auth.Principal, editionID, segmentID string, in SegmentApproval) (store.Segment, error) {
	if err := CheckVersion(in.Version); err != nil {
		return store.Segment{}, err
	}
	var target string
	if in.Target != nil {
		var err error
		if target, err = cleanTarget(*in.Target); err != nil {
			return store.Segment{}, err
		}
	}
	reason, err := cleanReason(in.OverrideReason)
	if err != nil {
		return store.Segment{}, err
	}
	var seg store.Segment
	err = p.inTx(ctx, func(q *store.Queries, af *after) error {
		e, cur, err := loadSegment(ctx, q, who, editionID, segmentID)
		if err != nil {
			return err
		}
		version := in.Version
		if in.Target != nil {
			if cur, err = p.edit(ctx, q, who, e, cur, target, version); err != nil {
				return err
			}
			version = cur.Version
		} else if cur.Status != store.SegmentPending && cur.Version == version {
			// The checks run again on the text being approved: the
			// configuration may have changed since it was drafted.
			fs, err := p.check(ctx, q, e, cur, cur.Target)
			if err != nil {
				return err
			}
			if err := q.SetQA(ctx, e.ID, cur.ID, fs); err != nil {
				return err
			}
			cur.QA = fs
		}
		if n := hasErrors(cur.QA); n > 0 && cur.Version == version && cur.Status != store.SegmentPending {
			if reason == "" {
				return qaFailed("the translation has %d quality-check errors; fix them, or approve with override_reason saying why it is right",
					map[string]any{"qa": cur.QA}, n)
			}
		} else {
			reason = "" // nothing to override
		}
		if seg, err = p.approve(ctx, q, who, e, cur, version, reason); err != nil {
			return err
		}
		return p.settle(ctx, q, af, e)
	})
	if err == nil {
		p.segmentChanged(ctx, who, seg)
	}
	return seg, err
}

// MaxTargetBytes bounds a segment's translation: a segment is one sentence
// (the segmenter cuts at 4 KB), so anything far longer is a mistake, and
// the checks run on it as the translator types.
const MaxTargetBytes = 64 << 10

// cleanTarget checks a translator's text is UTF-8 and puts it in NFC, as
// every text pressroom stores.
func cleanTarget(target string) (string, error) {
	if !utf8.ValidString(target) {
		return "", derrors.New(derrors.Invalid, "invalid_utf8", "target must be valid UTF-8")
	}
	if err := textcheck.Text("target", target); err != nil {
		return "", err
	}
	if len(target) > MaxTargetBytes {
		return "", derrors.New(derrors.TooLarge, "target_too_long", "a translation may have at most %d bytes", MaxTargetBytes).
			WithDetail(map[string]any{"max": MaxTargetBytes})
	}
	return norm.NFC.String(target), nil
}

// edit stores target over cur if cur is still at version, with its
// history and the findings of the checks on it (the quality checks and the
// edit checkers, see AddEditChecker).
func (p *Pipeline) edit(ctx context.Context, q *store.Queries, who auth.Principal, e store.Edition, cur store.Segment, target string, version int) (store.Segment, error) {
	// A target of tags alone is empty unless its source has no text either
	// (an image alone in its paragraph, "<1/>").
	if strings.TrimSpace(inline.Plain(target)) == "" && (strings.TrimSpace(inline.Plain(cur.Source)) != "" || strings.TrimSpace(target) == "") {
		return cur, derrors.New(derrors.Unprocessable, "empty_target", "the translation is empty")
	}
	if err := inline.Check(cur.Source, target); err != nil {
		return cur, derrors.New(derrors.Unprocessable, "tags_mismatch", "%v", err)
	}
	fs, err := p.check(ctx, q, e, cur, target)
	if err != nil {
		return cur, err
	}
	if err := q.UpdateTarget(ctx, cur.EditionID, cur.ID, target, fs, version, who.ID); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return cur, conflict(cur)
		}
		return cur, err
	}
	seg, err := q.GetSegment(ctx, cur.EditionID, cur.ID)
	if err != nil {
		return seg, err
	}
	return seg, q.AddSegmentChange(ctx, &store.SegmentChange{SegmentID: seg.ID, EditionID: seg.EditionID, Action: store.HistoryEdit,
		Previous: cur.Target, Target: seg.Target, Version: seg.Version, ByID: who.ID})
}

// approve approves cur if it is still at version, with its history (and
// the reason that overrode the checks' errors, if any), and puts it in the
// translation memory.
func (p *Pipeline) approve(ctx context.Context, q *store.Queries, who auth.Principal, e store.Edition, cur store.Segment, version int, reason string) (store.Segment, error) {
	if cur.Status == store.SegmentPending {
		return cur, derrors.New(derrors.Conflict, "no_draft", "segment %s has no translation to approve yet", cur.ID)
	}
	if err := q.ApproveSegment(ctx, cur.EditionID, cur.ID, version, who.ID); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return cur, conflict(cur)
		}
		return cur, err
	}
	seg, err := q.GetSegment(ctx, cur.EditionID, cur.ID)
	if err != nil {
		return seg, err
	}
	if err := q.AddSegmentChange(ctx, &store.SegmentChange{SegmentID: seg.ID, EditionID: seg.EditionID, Action: store.HistoryApprove,
		Previous: cur.Target, Target: seg.Target, Version: seg.Version, ByID: who.ID, Reason: reason}); err != nil {
		return seg, err
	}
	a, err := q.GetArticle(ctx, e.ArticleID)
	if err != nil {
		return seg, err
	}
	prev, next, err := q.SegmentNeighbours(ctx, seg.EditionID, seg.Revision, seg.Index)
	if err != nil {
		return seg, err
	}
	return seg, p.memory.Put(ctx, q, []tm.Entry{{SourceLang: a.SourceLang, TargetLang: e.Lang, Source: seg.Source, Target: seg.Target,
		Prev: prev, Next: next, ArticleID: a.ID, SegmentID: seg.ID, Origin: seg.Origin, CreatedBy: who.ID}})
}

// loadSegment loads a segment of an edition's current revision, for a
// caller who may work on the edition.
func loadSegment(ctx context.Context, q *store.Queries, who auth.Principal, editionID, segmentID string) (store.Edition, store.Segment, error) {
	e, err := q.GetEdition(ctx, editionID)
	if err := mayReview(who, editionID, e, err); err != nil {
		return e, store.Segment{}, err
	}
	s, err := q.GetSegment(ctx, editionID, segmentID)
	if errors.Is(err, store.ErrNotFound) {
		return e, s, derrors.New(derrors.NotFound, "segment_not_found", "no segment %q in edition %q", segmentID, editionID)
	} else if err != nil {
		return e, s, err
	}
	if s.Revision != e.Revision {
		return e, s, derrors.New(derrors.Conflict, "segment_superseded", "segment %s belongs to an older revision of the source", segmentID)
	}
	return e, s, nil
}

func conflict(cur store.Segment) error {
	return derrors.New(derrors.Conflict, "version_conflict", "segment %s was changed by someone else (now at version %d); reload it and choose",
		cur.ID, cur.Version).WithDetail(cur)
}

// segmentChanged tells the edition's open editors about a segment a person
// edited or approved, once the change has committed.
func (p *Pipeline) segmentChanged(ctx context.Context, who auth.Principal, seg store.Segment) {
	s := live.SegmentOf(seg, who.Name)
	p.publishLive(ctx, seg.EditionID, live.Event{Type: live.EventSegment, Segment: &s})
}

func (p *Pipeline) publishLive(ctx context.Context, editionID string, ev live.Event) {
	if p.live != nil {
		p.live.Publish(ctx, editionID, ev)
	}
}

// MaxCommentRunes bounds a comment.
const MaxCommentRunes = 4000

// AddComment stores a comment on a segment and tells the edition's open
// editors how many comments the segment now has.
func (p *Pipeline) AddComment(ctx context.Context, who auth.Principal, editionID, segmentID, body string) (store.Comment, error) {
	e, err := p.Edition(ctx, who, editionID)
	if err != nil {
		return store.Comment{}, err
	}
	if _, err := p.store.GetSegment(ctx, e.ID, segmentID); errors.Is(err, store.ErrNotFound) {
		return store.Comment{}, derrors.New(derrors.NotFound, "segment_not_found", "no segment %q in edition %q", segmentID, editionID)
	} else if err != nil {
		return store.Comment{}, err
	}
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return store.Comment{}, derrors.New(derrors.Invalid, "comment_empty", "the comment is empty")
	case !utf8.ValidString(body):
		return store.Comment{}, derrors.New(derrors.Invalid, "invalid_utf8", "the comment is not valid UTF-8")
	case textcheck.Text("comment", body) != nil:
		return store.Comment{}, textcheck.Text("comment", body)
	case utf8.RuneCountInString(body) > MaxCommentRunes:
		return store.Comment{}, derrors.New(derrors.Invalid, "comment_too_long", "a comment may have at most %d characters", MaxCommentRunes).
			WithDetail(map[string]any{"max": MaxCommentRunes})
	}
	cm := store.Comment{SegmentID: segmentID, EditionID: e.ID, UserID: who.ID, Body: body}
	if err := p.store.AddComment(ctx, &cm); err != nil {
		return cm, err
	}
	n, err := p.store.CountComments(ctx, e.ID, segmentID)
	if err != nil {
		p.log.WarnContext(ctx, "live update: count comments", "err", err)
	} else {
		p.publishLive(ctx, e.ID, live.Event{Type: live.EventComment, SegmentID: segmentID, Comments: n})
	}
	return cm, nil
}

// Claim takes or renews the caller's soft claim on an edition (see package
// live) and returns who holds it now; when it changed hands, the edition's
// open editors are told.
func (p *Pipeline) Claim(ctx context.Context, who auth.Principal, editionID string) (live.Holder, error) {
	e, err := p.Edition(ctx, who, editionID)
	if err != nil {
		return live.Holder{}, err
	}
	if p.live == nil {
		return live.Holder{}, errNoLive
	}
	h, changed, err := p.live.TakeClaim(ctx, e.ID, holder(who))
	if err != nil {
		return h, err
	}
	if changed {
		p.publishLive(ctx, e.ID, live.Event{Type: live.EventClaim, Holder: h.Name, HolderID: h.ID})
	}
	return h, nil
}

// ReleaseClaim gives up the caller's claim on an edition, if it is theirs,
// so others need not wait for the lease to lapse.
func (p *Pipeline) ReleaseClaim(ctx context.Context, who auth.Principal, editionID string) error {
	e, err := p.Edition(ctx, who, editionID)
	if err != nil {
		return err
	}
	if p.live == nil {
		return errNoLive
	}
	released, err := p.live.ReleaseClaim(ctx, e.ID, holder(who))
	if released {
		p.publishLive(ctx, e.ID, live.Event{Type: live.EventClaim})
	}
	return err
}

var errNoLive = derrors.New(derrors.Unavailable, "live_off", "claims need live updates, which this process does not run")

func holder(who auth.Principal) live.Holder { return live.Holder{ID: who.ID, Name: who.Name} }

// SetDue sets or (with nil) clears an edition's review deadline, for an
// editor or admin.
func (p *Pipeline) SetDue(ctx context.Context, who auth.Principal, editionID string, due *time.Time) error {
	if err := mayPublish(who); err != nil {
		return err
	}
	e, err := p.Edition(ctx, who, editionID)
	if err != nil {
		return err
	}
	return p.store.SetEditionDue(ctx, e.ID, due)
}
