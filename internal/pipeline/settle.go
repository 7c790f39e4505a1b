package pipeline

import (
	"context"
	"errors"

	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// settle moves an edition to the status its segments call for and writes the
// event of the move. It is the one place edition status follows from segment
// status, called in the transaction that changed the segments:
//
//	translating → in_review   when every segment has a draft
//	in_review, outdated → approved   when every segment is approved
//	approved, scheduled, published → in_review   when an approved segment is edited
//
// A withdrawn (unpublished) edition stays withdrawn whatever its segments
// do: in_review would make its page live again (store.Edition.Live).
func (p *Pipeline) settle(ctx context.Context, q *store.Queries, af *after, e store.Edition) error {
	pending, err := q.CountSegmentsNotIn(ctx, e.ID, e.Revision, store.SegmentDraft, store.SegmentEdited, store.SegmentApproved)
	if err != nil {
		return err
	}
	open, err := q.CountSegmentsNotIn(ctx, e.ID, e.Revision, store.SegmentApproved)
	if err != nil {
		return err
	}
	move := func(to, event string, from ...string) error {
		if err := q.SetEditionStatus(ctx, e.ID, to, from...); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return errMoved // a concurrent step moved it first, and wrote the event
			}
			return err
		}
		prev := e.Status
		e.Status = to
		if event == "" {
			return nil
		}
		data := editionEvent(e, p.cfg.BaseURL, "")
		data["previous_status"] = prev
		return af.event(ctx, q, event, e.ArticleID, e.ID, data)
	}
	err = p.settleMoves(e, pending, open, move)
	if errors.Is(err, errMoved) {
		return nil
	}
	return err
}

// errMoved stops settle when another transaction already moved the edition.
var errMoved = errors.New("edition already moved")

func (p *Pipeline) settleMoves(e store.Edition, pending, open int, move func(to, event string, from ...string) error) error {
	switch e.Status {
	case store.EditionTranslating:
		if pending > 0 {
			return nil
		}
		if err := move(store.EditionInReview, store.EventReadyForReview, store.EditionTranslating); err != nil {
			return err
		}
		if open == 0 {
			return move(store.EditionApproved, store.EventApproved, store.EditionInReview)
		}
	case store.EditionInReview, store.EditionOutdated:
		if open == 0 && pending == 0 {
			return move(store.EditionApproved, store.EventApproved, e.Status)
		}
	case store.EditionApproved, store.EditionScheduled, store.EditionPublished:
		if open > 0 {
			return move(store.EditionInReview, "", e.Status)
		}
	}
	return nil
}

// editionEvent is the data of an edition's events.
func editionEvent(e store.Edition, baseURL, slug string) map[string]any {
	d := map[string]any{"edition_id": e.ID, "article_id": e.ArticleID, "lang": e.Lang, "status": e.Status,
		"revision": e.Revision, "version": e.Version}
	if slug != "" {
		d["slug"] = slug
		d["url"] = publish.PageURL(baseURL, e.Lang, slug)
	}
	return d
}
