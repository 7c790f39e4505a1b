package glossary

import (
	"context"
	"errors"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Candidate is a name proposed as a do-not-translate term.
type Candidate = store.GlossaryCandidate

// ArticleSegmented implements the pipeline's SegmentedHook: it proposes the
// names of a newly segmented article revision as candidates, in the
// transaction that stores its segments. Names already in a glossary of the
// source language, or rejected before, are not proposed; a name already
// proposed for the article is left as it was.
func (s *Service) ArticleSegmented(ctx context.Context, q *store.Queries, a store.Article, blocks []store.Block, segs []store.Segment) error {
	sentences := make([]Sentence, len(segs))
	for i, sg := range segs {
		sentences[i] = Sentence{Text: inline.Plain(sg.Source), Heading: sg.Block < len(blocks) && blocks[sg.Block].Kind == "heading"}
	}
	names := FindNames(a.SourceLang, sentences)
	if len(names) == 0 {
		return nil
	}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = nameKey(n.Text)
	}
	known, err := q.GlossarySourceKeys(ctx, a.SourceLang, keys)
	if err != nil {
		return err
	}
	rejected, err := q.RejectedCandidateKeys(ctx, a.SourceLang, keys)
	if err != nil {
		return err
	}
	var cs []Candidate
	for i, n := range names {
		if known[keys[i]] || rejected[keys[i]] {
			continue
		}
		cs = append(cs, Candidate{ArticleID: a.ID, SourceLang: a.SourceLang, Term: n.Text, TermKey: keys[i], Kind: n.Kind,
			Context: n.Context, Occurrences: n.Count})
	}
	return q.InsertCandidates(ctx, cs)
}

// Candidates lists candidates: status "" for any, else proposed, accepted
// or rejected; articleID "" for every article.
func (s *Service) Candidates(ctx context.Context, status, articleID string, limit int) ([]Candidate, error) {
	switch status {
	case "", store.CandidateProposed, store.CandidateAccepted, store.CandidateRejected:
	default:
		return nil, errorf(ErrInvalid, "invalid_status", "status=%q: want proposed, accepted or rejected", status)
	}
	return s.st.ListCandidates(ctx, store.CandidateFilter{Status: status, ArticleID: articleID, Limit: limit})
}

// Accepted is what accepting a candidate did.
type Accepted struct {
	Candidate Candidate `json:"candidate"`
	// Terms are the do-not-translate terms added, one per target language
	// of the article that did not have the term already.
	Terms []Term `json:"terms"`
	// Redrafted counts the segments sent back to machine translation.
	Redrafted int `json:"redrafted"`
}

// Accept makes a candidate a do-not-translate term (case-sensitive) for
// every target language of its article, and re-drafts the article's
// segments that hold the name and are still untouched machine drafts. All
// of it commits together; a candidate decided already is a conflict.
func (s *Service) Accept(ctx context.Context, by, id string) (Accepted, error) {
	var out Accepted
	add := func(q *store.Queries) error {
		out = Accepted{}
		c, err := s.decide(ctx, q, by, id, store.CandidateAccepted)
		if err != nil {
			return err
		}
		out.Candidate = c
		a, err := q.GetArticle(ctx, c.ArticleID)
		if err != nil {
			return err
		}
		for _, to := range a.Targets {
			t, err := Input{Source: c.Term, Kind: DoNotTranslate, CaseSensitive: true,
				Note: fmt.Sprintf("name from the article “%s”", clip(a.Title, 80))}.Validate(a.SourceLang, to)
			if err != nil {
				return err
			}
			if _, err := q.GlossaryTermByKey(ctx, t.SourceLang, t.TargetLang, t.EntryKey); err == nil {
				continue // the pair has an entry for this text already; it stands
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			t.CreatedBy = by
			if err := q.InsertGlossaryTerm(ctx, &t); err != nil {
				return err
			}
			out.Terms = append(out.Terms, t)
		}
		return nil
	}
	if s.redraft == nil {
		return out, s.st.InTx(ctx, add)
	}
	c, err := s.st.GetCandidate(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return out, errorf(ErrNotFound, "candidate_not_found", "no glossary candidate %q", id)
	} else if err != nil {
		return out, err
	}
	m := NewMatcher(c.SourceLang, "", []Term{{Source: c.Term, Kind: DoNotTranslate, CaseSensitive: true}})
	want := func(seg store.Segment) bool { return len(m.Hits(inline.Plain(seg.Source))) > 0 }
	n, err := s.redraft.Redraft(ctx, c.ArticleID, want, add)
	out.Redrafted = n
	return out, err
}

// Reject records that a candidate is not a term; the name is not proposed
// again for this source language.
func (s *Service) Reject(ctx context.Context, by, id string) (Candidate, error) {
	var c Candidate
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		var err error
		c, err = s.decide(ctx, q, by, id, store.CandidateRejected)
		return err
	})
	return c, err
}

// decide moves a proposed candidate to status.
func (s *Service) decide(ctx context.Context, q *store.Queries, by, id, status string) (Candidate, error) {
	c, err := q.GetCandidate(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return c, errorf(ErrNotFound, "candidate_not_found", "no glossary candidate %q", id)
	} else if err != nil {
		return c, err
	}
	if err := q.DecideCandidate(ctx, id, status, by); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return c, errorf(ErrConflict, "candidate_decided", "candidate %q (%s) was %s already", id, c.Term, c.Status)
		}
		return c, err
	}
	return q.GetCandidate(ctx, id)
}
