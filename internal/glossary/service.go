package glossary

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Redrafter sends an article's untouched machine drafts back to machine
// translation, running fn in the same transaction; the pipeline is one.
// want selects the segments to redraft. It returns how many were reset.
type Redrafter interface {
	Redraft(ctx context.Context, articleID string, want func(store.Segment) bool, fn func(q *store.Queries) error) (int, error)
}

// Service is the glossary on the store: terms, candidates, import and
// export. It is safe for concurrent use.
type Service struct {
	st      *store.Store
	redraft Redrafter
	log     *slog.Logger
}

// NewService returns the glossary service. Without SetRedrafter,
// accepting a candidate only adds the term.
func NewService(st *store.Store, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{st: st, log: log}
}

// SetRedrafter installs what re-drafts an article when a candidate is
// accepted (the pipeline, which is built after the service: it translates
// through a Guard that reads the service's terms). Call it before serving.
func (s *Service) SetRedrafter(r Redrafter) { s.redraft = r }

// List returns the terms entered for exactly the pair from→to, ordered by
// source term.
func (s *Service) List(ctx context.Context, from, to string) ([]Term, error) {
	f, t, err := CanonicalPair(from, to)
	if err != nil {
		return nil, err
	}
	return s.st.GlossaryTerms(ctx, []string{f}, []string{t})
}

// PairTerms returns every term that applies to from→to: those of the pair
// and of its languages without region ("pt" serves "pt-BR"); where both
// have an entry for the same term, the more specific one wins.
func (s *Service) PairTerms(ctx context.Context, from, to string) ([]Term, error) {
	f, t, err := CanonicalPair(from, to)
	if err != nil {
		return nil, err
	}
	all, err := s.st.GlossaryTerms(ctx, widen(f), widen(t))
	if err != nil {
		return nil, err
	}
	return mostSpecific(f, t, all), nil
}

// mostSpecific keeps one term per entry key (terms ordered by entry key):
// the one whose languages are closest to from→to.
func mostSpecific(from, to string, all []Term) []Term {
	specificity := func(x Term) int {
		n := 0
		if x.SourceLang == from {
			n++
		}
		if x.TargetLang == to {
			n += 2
		}
		return n
	}
	var out []Term
	for _, x := range all {
		if k := len(out) - 1; k >= 0 && out[k].EntryKey == x.EntryKey {
			if specificity(x) > specificity(out[k]) {
				out[k] = x
			}
			continue
		}
		out = append(out, x)
	}
	return out
}

// Get returns a term.
func (s *Service) Get(ctx context.Context, id string) (Term, error) {
	t, err := s.st.GetGlossaryTerm(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, errorf(ErrNotFound, "term_not_found", "no glossary term %q", id)
	}
	return t, err
}

// Create adds a term to the pair from→to.
func (s *Service) Create(ctx context.Context, by, from, to string, in Input) (Term, error) {
	f, tl, err := CanonicalPair(from, to)
	if err != nil {
		return Term{}, err
	}
	t, err := in.Validate(f, tl)
	if err != nil {
		return t, err
	}
	t.CreatedBy = by
	if err := s.st.InsertGlossaryTerm(ctx, &t); err != nil {
		return t, s.conflict(ctx, t, err)
	}
	return t, nil
}

// Update replaces a term's fields, keeping its pair.
func (s *Service) Update(ctx context.Context, id string, in Input) (Term, error) {
	cur, err := s.Get(ctx, id)
	if err != nil {
		return cur, err
	}
	t, err := in.Validate(cur.SourceLang, cur.TargetLang)
	if err != nil {
		return t, err
	}
	t.ID, t.CreatedBy, t.CreatedAt = cur.ID, cur.CreatedBy, cur.CreatedAt
	if err := s.st.UpdateGlossaryTerm(ctx, &t); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return t, errorf(ErrNotFound, "term_not_found", "no glossary term %q", id)
		}
		return t, s.conflict(ctx, t, err)
	}
	return t, nil
}

// Delete removes a term.
func (s *Service) Delete(ctx context.Context, id string) error {
	err := s.st.DeleteGlossaryTerm(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(ErrNotFound, "term_not_found", "no glossary term %q", id)
	}
	return err
}

// conflict turns a unique-key violation into a clear error naming the
// entry already there.
func (s *Service) conflict(ctx context.Context, t Term, err error) error {
	if !errors.Is(err, store.ErrConflict) {
		return err
	}
	if other, e := s.st.GlossaryTermByKey(ctx, t.SourceLang, t.TargetLang, t.EntryKey); e == nil {
		return errorf(ErrConflict, "term_exists", "the %s→%s glossary already has %q (%s, id %s)",
			t.SourceLang, t.TargetLang, other.Source, other.Kind, other.ID)
	}
	return errorf(ErrConflict, "term_exists", "the %s→%s glossary already has an entry for %q", t.SourceLang, t.TargetLang, t.Source)
}

// SegmentTerms returns, for each source segment (plain text), the terms
// found in it, for the editor's glossary column.
func (s *Service) SegmentTerms(ctx context.Context, from, to string, sources []string) ([][]Hit, error) {
	terms, err := s.PairTerms(ctx, from, to)
	if err != nil || len(terms) == 0 {
		return nil, err
	}
	m := NewMatcher(from, to, terms)
	out := make([][]Hit, len(sources))
	for i, src := range sources {
		out[i] = m.Hits(src)
	}
	return out, nil
}

// CheckEdits is CheckEdit for many segments of one language pair, as the
// pipeline drafts them a batch at a time: the pair's terms are read and
// compiled once for the batch rather than once per segment. texts[i] is a
// source and its target; the result has one entry per text.
func (s *Service) CheckEdits(ctx context.Context, q *store.Queries, from, to string, texts [][2]string) ([][]store.QAIssue, error) {
	out := make([][]store.QAIssue, len(texts))
	f, t, err := CanonicalPair(from, to)
	if err != nil {
		return out, nil // not a pair a glossary can have
	}
	all, err := q.GlossaryTerms(ctx, widen(f), widen(t))
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	terms := mostSpecific(f, t, all)
	if len(terms) == 0 {
		return out, nil
	}
	m := NewMatcher(f, t, terms)
	for i, st := range texts {
		for _, fd := range m.Check(st[0], st[1]) {
			out[i] = append(out[i], fd.QAIssue())
		}
	}
	return out, nil
}

// CheckEdit checks a person's translation of a segment against the pair's
// glossary, inside the transaction that stores it; the findings become the
// segment's qa. (The pipeline calls it on every human save.)
func (s *Service) CheckEdit(ctx context.Context, q *store.Queries, from, to, source, target string) ([]store.QAIssue, error) {
	f, t, err := CanonicalPair(from, to)
	if err != nil {
		return nil, nil // not a pair a glossary can have
	}
	all, err := q.GlossaryTerms(ctx, widen(f), widen(t))
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	var out []store.QAIssue
	for _, fd := range Check(f, t, source, target, mostSpecific(f, t, all)) {
		out = append(out, fd.QAIssue())
	}
	return out, nil
}
