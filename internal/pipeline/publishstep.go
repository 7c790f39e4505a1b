package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// RequestPublish schedules an approved edition for publication at a time
// (now when at is zero), for an editor or admin. The publish task does the
// work.
func (p *Pipeline) RequestPublish(ctx context.Context, who auth.Principal, editionID string, at time.Time) (store.Edition, error) {
	return p.RequestPublishWith(ctx, who, editionID, PublishOptions{At: at})
}

// PublishOptions are an editor's publication request.
type PublishOptions struct {
	// At is when to publish (now when zero).
	At time.Time `json:"at"`
	// OverrideReason says why the edition may be published although its
	// segments still carry quality-check errors; without it such an
	// edition is refused (qa_failed). It is recorded (qa_overrides) and
	// shown on the dashboard.
	OverrideReason string `json:"override_reason,omitempty"`
}

// RequestPublishWith is RequestPublish with the editor's override of
// standing quality-check errors.
func (p *Pipeline) RequestPublishWith(ctx context.Context, who auth.Principal, editionID string, in PublishOptions) (store.Edition, error) {
	if err := mayPublish(who); err != nil {
		return store.Edition{}, err
	}
	at := in.At
	if at.IsZero() {
		at = p.now()
	}
	reason, err := cleanReason(in.OverrideReason)
	if err != nil {
		return store.Edition{}, err
	}
	var e store.Edition
	err = p.inTx(ctx, func(q *store.Queries, af *after) error {
		var err error
		e, err = q.GetEdition(ctx, editionID)
		if errors.Is(err, store.ErrNotFound) {
			return derrors.New(derrors.NotFound, "edition_not_found", "no edition %q", editionID)
		} else if err != nil {
			return err
		}
		// A withdrawn edition stays withdrawn whatever its segments do
		// (settle); publishing it again is an editor's act, allowed like
		// any publication once every segment of its revision is approved.
		if e.Status == store.EditionApproved || e.Status == store.EditionUnpublished {
			prog, err := q.EditionProgress(ctx, e)
			if err != nil {
				return err
			}
			if e.Status == store.EditionUnpublished && (prog.Total == 0 || prog.Approved < prog.Total) {
				return derrors.New(derrors.Conflict, "not_approved", "edition %s is withdrawn and %d of its %d segments are not approved; approve them to publish it again",
					editionID, prog.Total-prog.Approved, prog.Total)
			}
			if prog.QAErrors > 0 {
				if reason == "" {
					return qaFailed("edition %s has %d standing quality-check errors; an editor may publish it with override_reason saying why",
						map[string]any{"qa_errors": prog.QAErrors}, editionID, prog.QAErrors)
				}
				if err := q.AddQAOverride(ctx, &store.QAOverride{EditionID: e.ID, Revision: e.Revision, Errors: prog.QAErrors,
					Reason: reason, ByID: who.ID}); err != nil {
					return err
				}
			}
		}
		if err := q.ScheduleEdition(ctx, editionID, at, store.EditionApproved, store.EditionScheduled, store.EditionUnpublished); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return derrors.New(derrors.Conflict, "not_approved", "edition %s is %s; only an approved edition can be published", editionID, e.Status)
			}
			return err
		}
		af.publish = append(af.publish, publishAt{editionID, at})
		e, err = q.GetEdition(ctx, editionID)
		return err
	})
	return e, err
}

// PublishEdition renders a scheduled edition whose time has come and stores
// it as the next immutable version. It does nothing for an edition that is
// not scheduled (already published, or edited since), and re-enqueues one
// whose time has not come.
func (p *Pipeline) PublishEdition(ctx context.Context, editionID string) error {
	e, err := p.store.GetEdition(ctx, editionID)
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "edition_not_found", "no edition %q", editionID)
	} else if err != nil {
		return err
	}
	if e.Status != store.EditionScheduled || e.PublishAt == nil {
		return nil
	}
	if e.PublishAt.After(p.now().Add(time.Second)) {
		if p.queue != nil {
			return p.queue.EnqueuePublish(ctx, e.ID, *e.PublishAt)
		}
		return nil
	}
	a, err := p.store.GetArticle(ctx, e.ArticleID)
	if err != nil {
		return err
	}
	page, err := p.assemble(ctx, a, e)
	if err != nil {
		return err
	}
	if p.locales == nil {
		return fmt.Errorf("publish %s: the pipeline has no locales", e.ID)
	}
	out, err := publish.Render(page, p.locales.Localizer(e.Lang))
	if err != nil {
		return fmt.Errorf("render %s: %w", e.ID, err)
	}
	return p.inTx(ctx, func(q *store.Queries, af *after) error {
		v := store.EditionVersion{EditionID: e.ID, Version: page.Version, Revision: e.Revision, Title: page.Title,
			HTML: out.HTML, Markdown: out.Markdown, JSON: out.JSON}
		if err := q.PutVersion(ctx, &v); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return nil // published by another worker
			}
			return err
		}
		if err := q.MarkPublished(ctx, e.ID, page.Version); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return derrors.New(derrors.Conflict, "edition_changed", "edition %s changed while it was being published", e.ID)
			}
			return err
		}
		e.Status, e.Version = store.EditionPublished, page.Version
		typ := store.EventPublished
		if page.Version > 1 {
			typ = store.EventUpdated
		}
		return af.event(ctx, q, typ, a.ID, e.ID, editionEvent(e, p.cfg.BaseURL, a.Slug))
	})
}

// assemble joins each block's translated segments with the source's spacing
// and gathers what the page needs.
func (p *Pipeline) assemble(ctx context.Context, a store.Article, e store.Edition) (publish.Page, error) {
	blocks, err := p.store.GetBlocks(ctx, a.ID, e.Revision)
	if err != nil {
		return publish.Page{}, err
	}
	segs, err := p.store.EditionSegments(ctx, e.ID, e.Revision)
	if err != nil {
		return publish.Page{}, err
	}
	texts := make([]string, len(blocks))
	for _, s := range segs {
		if s.Status != store.SegmentApproved {
			return publish.Page{}, fmt.Errorf("segment %d of %s is %s, not approved", s.Index, e.ID, s.Status)
		}
		if s.Block < len(texts) {
			texts[s.Block] += s.Lead + s.Target + s.Trail
		}
	}
	page := publish.Page{
		Lang: e.Lang, SourceLang: a.SourceLang, Slug: a.Slug, URL: publish.PageURL(p.cfg.BaseURL, e.Lang, a.Slug),
		CanonicalURL: a.CanonicalURL, Version: e.Version + 1, PublishedAt: p.now().UTC(),
	}
	for i, b := range blocks {
		page.Blocks = append(page.Blocks, publish.Block{Kind: b.Kind, Level: b.Level, Ordered: b.Ordered, Text: texts[i], Tags: b.Tags})
	}
	page.Title = pageTitle(page.Blocks, segs, a)
	page.OriginalDate, page.Byline = a.SourceDate, a.Byline
	page.Summary = publish.Summarize(page.Blocks, 200)
	page.FirstPublishedAt = page.PublishedAt
	if e.Version >= 1 {
		v1, err := p.store.GetVersion(ctx, e.ID, 1)
		if err != nil {
			return page, fmt.Errorf("version 1 of %s: %w", e.ID, err)
		}
		page.FirstPublishedAt = v1.CreatedAt.UTC()
	}
	others, err := p.store.ArticleEditions(ctx, a.ID)
	if err != nil {
		return page, err
	}
	page.Alternates = publish.Alternates(p.cfg.BaseURL, a.Slug, e.ID, others)
	return page, nil
}

// pageTitle is the translated headline (the first block, a level-1
// heading), or for an article without one its first sentence, whole.
func pageTitle(blocks []publish.Block, segs []store.Segment, a store.Article) string {
	if !a.HeadlineMissing && len(blocks) > 0 && blocks[0].Kind == "heading" && blocks[0].Level == 1 {
		return plainTitle(blocks[0].Text)
	}
	for _, s := range segs {
		if t := plainTitle(s.Target); t != "" {
			return t
		}
	}
	return a.Title
}

// Unpublish withdraws a published edition, for an editor or admin: its page
// answers 410 Gone. Of concurrent calls one wins; the others are conflicts
// (not_published, or concurrent_change when the database refused the
// losing transaction), never internal errors.
func (p *Pipeline) Unpublish(ctx context.Context, who auth.Principal, editionID string) (store.Edition, error) {
	if err := mayPublish(who); err != nil {
		return store.Edition{}, err
	}
	var e store.Edition
	err := p.inTx(ctx, func(q *store.Queries, af *after) error {
		var err error
		if e, err = q.GetEdition(ctx, editionID); errors.Is(err, store.ErrNotFound) {
			return derrors.New(derrors.NotFound, "edition_not_found", "no edition %q", editionID)
		} else if err != nil {
			return err
		}
		if e.Version == 0 || e.Status == store.EditionUnpublished {
			return derrors.New(derrors.Conflict, "not_published", "edition %s is not published", editionID)
		}
		if err := q.SetEditionStatus(ctx, e.ID, store.EditionUnpublished, e.Status); err != nil {
			return err
		}
		if e, err = q.GetEdition(ctx, editionID); err != nil { // as stored, updated_at included
			return err
		}
		a, err := q.GetArticle(ctx, e.ArticleID)
		if err != nil {
			return err
		}
		return af.event(ctx, q, store.EventUnpublished, a.ID, e.ID, editionEvent(e, p.cfg.BaseURL, a.Slug))
	})
	if store.IsContention(err) {
		// Another unpublish (or another change) of this edition won the race.
		return e, derrors.New(derrors.Conflict, "concurrent_change", "edition %s was changed by another request at the same time; reload it", editionID)
	}
	return e, err
}

// mayPublish checks that the caller may publish, unpublish and schedule:
// editors and admins.
func mayPublish(who auth.Principal) error {
	if !who.Is(auth.Admin, auth.Editor) {
		return derrors.New(derrors.Forbidden, "forbidden", "publishing needs the role admin or editor; %s has %s", who.Name, who.Role)
	}
	return nil
}
