package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// segmentTerms returns each segment's glossary terms, or nil without a
// glossary or when it fails (the editor works without it).
func (s *Server) segmentTerms(ctx context.Context, from, to string, segs []store.Segment) [][]Term {
	if s.cfg.Glossary == nil {
		return nil
	}
	srcs := make([]string, len(segs))
	for i, sg := range segs {
		srcs[i] = inline.Plain(sg.Source)
	}
	out, err := findTerms(ctx, s.cfg.Glossary, from, to, srcs)
	if err != nil {
		s.log.Warn("editor: glossary", "err", err)
		return nil
	}
	return out
}

// findTerms returns the terms found in each source (plain text) as the
// editor and exports show them: the source as written, the translation to
// use (in the plural when the source has it), a do-not-translate term as
// its own translation, a forbidden one with the word not to use.
func findTerms(ctx context.Context, g *glossary.Service, from, to string, sources []string) ([][]Term, error) {
	hits, err := g.SegmentTerms(ctx, from, to, sources)
	if err != nil {
		return nil, err
	}
	out := make([][]Term, len(hits))
	for i, hs := range hits {
		for _, h := range hs {
			src, tgt := h.Shown(to)
			out[i] = append(out[i], Term{Source: src, Target: tgt, Note: h.Term.Note, Kind: h.Term.Kind})
		}
	}
	return out, nil
}

// highlighted are the terms marked in the source text: those with a
// translation to use (a forbidden word is listed, not marked).
func highlighted(terms []Term) []Term {
	return slices.DeleteFunc(slices.Clone(terms), func(t Term) bool { return t.Kind == glossary.Forbidden })
}

// termView is a glossary term in the editor's list under a segment.
type termView struct {
	Term
	KindLabel string
}

func termViews(c *reqCtx, terms []Term) []termView {
	var out []termView
	for _, t := range terms {
		out = append(out, termView{Term: t, KindLabel: kindLabel(c, t.Kind)})
	}
	return out
}

func kindLabel(c *reqCtx, kind string) string {
	switch kind {
	case glossary.Preferred:
		return c.loc.T("GlossaryKindPreferred")
	case glossary.DoNotTranslate:
		return c.loc.T("GlossaryKindDoNotTranslate")
	case glossary.Forbidden:
		return c.loc.T("GlossaryKindForbidden")
	}
	return kind
}

// glossaryPage is the editors' glossary of one language pair, with the
// names proposed from new articles.
type glossaryPage struct {
	From, To   string
	FromName   string
	Targets    []langOption
	Terms      []termRow
	Kinds      []langOption // value, label
	Candidates []candidateRow
	Error      string // why the last change was refused
	Form       glossary.Input
}

type termRow struct {
	glossary.Term
	KindLabel string
}

type candidateRow struct {
	glossary.Candidate
	KindLabel string
}

// errNoGlossary answers the glossary's routes when the UI has none.
var errNoGlossary = derrors.New(derrors.NotFound, "not_found", "this server has no glossary")

// maxCandidatesShown bounds the candidates a page lists.
const maxCandidatesShown = 200

func (s *Server) glossaryService() (*glossary.Service, error) {
	if s.cfg.Glossary == nil {
		return nil, errNoGlossary
	}
	return s.cfg.Glossary, nil
}

// pair reads the page's language pair: from defaults to the source
// language, to to the first target.
func (s *Server) pair(r *http.Request) (string, string) {
	cfg := s.p.Config()
	from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if from == "" {
		from = cfg.SourceLang
	}
	if to == "" && len(cfg.Targets) > 0 {
		to = cfg.Targets[0]
	}
	return from, to
}

func (s *Server) showGlossary(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	from, to := s.pair(r)
	return s.renderGlossary(w, r, c, from, to, http.StatusOK, "", glossary.Input{Kind: glossary.Preferred})
}

func (s *Server) renderGlossary(w http.ResponseWriter, r *http.Request, c *reqCtx, from, to string, status int, problem string, form glossary.Input) error {
	g, err := s.glossaryService()
	if err != nil {
		return err
	}
	ctx := r.Context()
	terms, err := g.List(ctx, from, to)
	if err != nil {
		return err
	}
	p := glossaryPage{From: from, To: to, FromName: c.loc.LangName(from), Error: problem, Form: form}
	for _, t := range s.p.Config().Targets {
		p.Targets = append(p.Targets, langOption{Code: t, Name: c.loc.LangName(t), Selected: t == to})
	}
	if !slices.ContainsFunc(p.Targets, func(o langOption) bool { return o.Selected }) {
		p.Targets = append(p.Targets, langOption{Code: to, Name: c.loc.LangName(to), Selected: true})
	}
	for _, k := range glossary.Kinds {
		p.Kinds = append(p.Kinds, langOption{Code: k, Name: kindLabel(c, k)})
	}
	for _, t := range terms {
		p.Terms = append(p.Terms, termRow{Term: t, KindLabel: kindLabel(c, t.Kind)})
	}
	if p.Candidates, err = s.candidateRows(ctx, c, ""); err != nil {
		return err
	}
	s.render(w, r, c, status, "glossary", c.loc.T("GlossaryTitle"), p)
	return nil
}

// candidateRows lists the proposed candidates (of one article, or all).
func (s *Server) candidateRows(ctx context.Context, c *reqCtx, articleID string) ([]candidateRow, error) {
	if s.cfg.Glossary == nil {
		return nil, nil
	}
	cs, err := s.cfg.Glossary.Candidates(ctx, store.CandidateProposed, articleID, maxCandidatesShown)
	if err != nil {
		return nil, err
	}
	out := make([]candidateRow, len(cs))
	for i, cd := range cs {
		label := c.loc.T("CandidateKindName")
		if cd.Kind == glossary.SloganKind {
			label = c.loc.T("CandidateKindSlogan")
		}
		out[i] = candidateRow{Candidate: cd, KindLabel: label}
	}
	return out, nil
}

func termForm(r *http.Request) glossary.Input {
	return glossary.Input{Source: r.PostFormValue("source"), Target: r.PostFormValue("target"), Kind: r.PostFormValue("kind"),
		CaseSensitive: r.PostFormValue("case_sensitive") != "", Note: r.PostFormValue("note")}
}

func glossaryURL(from, to string) string {
	return "/glossary?" + url.Values{"from": {from}, "to": {to}}.Encode()
}

// refused reports whether err is a refusal the page shows beside the form
// (bad input, a duplicate) rather than an error page.
func refused(err error) bool {
	return errors.Is(err, derrors.Invalid) || errors.Is(err, derrors.Conflict)
}

func (s *Server) createTerm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	g, err := s.glossaryService()
	if err != nil {
		return err
	}
	from, to := r.PostFormValue("from"), r.PostFormValue("to")
	in := termForm(r)
	t, err := g.Create(r.Context(), c.user.ID, from, to, in)
	if refused(err) {
		return s.renderGlossary(w, r, c, from, to, http.StatusUnprocessableEntity, s.refusal(c, err), in)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, glossaryURL(t.SourceLang, t.TargetLang)+"#term-"+t.ID, http.StatusSeeOther)
	return nil
}

func (s *Server) updateTerm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	g, err := s.glossaryService()
	if err != nil {
		return err
	}
	from, to := r.PostFormValue("from"), r.PostFormValue("to")
	t, err := g.Update(r.Context(), r.PathValue("tid"), termForm(r))
	if refused(err) {
		return s.renderGlossary(w, r, c, from, to, http.StatusUnprocessableEntity, s.refusal(c, err), glossary.Input{Kind: glossary.Preferred})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, glossaryURL(t.SourceLang, t.TargetLang)+"#term-"+t.ID, http.StatusSeeOther)
	return nil
}

func (s *Server) deleteTerm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	g, err := s.glossaryService()
	if err != nil {
		return err
	}
	if err := g.Delete(r.Context(), r.PathValue("tid")); err != nil {
		return err
	}
	http.Redirect(w, r, glossaryURL(r.PostFormValue("from"), r.PostFormValue("to")), http.StatusSeeOther)
	return nil
}

// decideCandidate accepts or rejects a proposed name in one click, from the
// glossary page or the dashboard, and goes back there.
func (s *Server) decideCandidate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	g, err := s.glossaryService()
	if err != nil {
		return err
	}
	id := r.PathValue("cid")
	switch r.PathValue("action") {
	case "accept":
		_, err = g.Accept(r.Context(), c.user.ID, id)
	case "reject":
		_, err = g.Reject(r.Context(), c.user.ID, id)
	default:
		return derrors.New(derrors.NotFound, "not_found", "no action %q on candidates", r.PathValue("action"))
	}
	if err != nil && !errors.Is(err, derrors.Conflict) { // decided already (a double click): nothing to do
		return err
	}
	http.Redirect(w, r, localRedirect(r.PostFormValue("next"), "/glossary"), http.StatusSeeOther)
	return nil
}

// refusal is the localised line shown above the form.
func (s *Server) refusal(c *reqCtx, err error) string {
	msg := err.Error()
	if e := derrors.As(err); e != nil {
		msg = e.Message
	}
	return c.loc.T("GlossaryRefused", "Detail", msg)
}
