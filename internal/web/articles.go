package web

import (
	"net/http"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// articlesPage is the editors' dashboard: recent articles with each
// edition's status, progress and deadline, and a form to add an article.
type articlesPage struct {
	Articles []articleRow
}

type articleRow struct {
	store.Article
	SourceName string
	Editions   []editionRow
	Candidates []candidateRow // names proposed as do-not-translate terms
}

type editionRow struct {
	store.Edition
	LangName string
	Progress store.Progress
	Due      *time.Time
	DueValue string // for <input type="datetime-local">
	CanPub   bool
	// Override is the latest decision to publish despite QA errors.
	Override *store.QAOverride
}

// dashboardLimit is how many recent articles the dashboard lists.
const dashboardLimit = 100

// dueLayout is the value format of <input type="datetime-local">; deadlines
// are entered and shown in UTC.
const dueLayout = "2006-01-02T15:04"

func (s *Server) showArticles(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	arts, err := s.st.ListArticles(ctx, "", dashboardLimit)
	if err != nil {
		return err
	}
	// Four queries in all, however many articles the page shows.
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	byArticle, err := s.st.EditionsOf(ctx, ids)
	if err != nil {
		return err
	}
	var edIDs []string
	for _, eds := range byArticle {
		for _, e := range eds {
			edIDs = append(edIDs, e.ID)
		}
	}
	prog, err := s.st.Progresses(ctx, edIDs)
	if err != nil {
		return err
	}
	dues, err := s.st.EditionDues(ctx, edIDs)
	if err != nil {
		return err
	}
	cands, err := s.candidateRows(ctx, c, "")
	if err != nil {
		return err
	}
	overrides, err := s.st.LatestQAOverrides(ctx, edIDs)
	if err != nil {
		return err
	}
	var p articlesPage
	for _, a := range arts {
		row := articleRow{Article: a, SourceName: c.loc.LangName(a.SourceLang)}
		for _, cd := range cands {
			if cd.ArticleID == a.ID {
				row.Candidates = append(row.Candidates, cd)
			}
		}
		for _, e := range byArticle[a.ID] {
			er := editionRow{Edition: e, LangName: c.loc.LangName(e.Lang), Progress: prog[e.ID],
				CanPub: e.Status == store.EditionApproved || e.Status == store.EditionScheduled}
			if due, ok := dues[e.ID]; ok {
				er.Due, er.DueValue = &due, due.Format(dueLayout)
			}
			if o, ok := overrides[e.ID]; ok {
				er.Override = &o
			}
			row.Editions = append(row.Editions, er)
		}
		p.Articles = append(p.Articles, row)
	}
	s.render(w, r, c, http.StatusOK, "articles", c.loc.T("ArticlesTitle"), p)
	return nil
}

// ingestArticle adds an article from the dashboard's form.
func (s *Server) ingestArticle(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	in := pipeline.ArticleInput{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Format: r.PostFormValue("format")}
	if _, err := s.p.Ingest(r.Context(), c.user.ID, in); err != nil {
		return err
	}
	http.Redirect(w, r, "/articles", http.StatusSeeOther)
	return nil
}

// setDue sets or clears an edition's review deadline.
func (s *Server) setDue(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var due *time.Time
	if v := r.PostFormValue("due"); v != "" {
		t, err := time.ParseInLocation(dueLayout, v, time.UTC)
		if err != nil {
			return derrors.New(derrors.Invalid, "bad_date", "the deadline %q is not a date and time", v)
		}
		due = &t
	}
	if err := s.p.SetDue(r.Context(), c.who, r.PathValue("id"), due); err != nil {
		return err
	}
	http.Redirect(w, r, "/articles", http.StatusSeeOther)
	return nil
}

// publishEdition publishes an approved edition now; with QA errors
// standing, the form must carry the editor's reason.
func (s *Server) publishEdition(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	in := pipeline.PublishOptions{OverrideReason: r.PostFormValue("override_reason")}
	if _, err := s.p.RequestPublishWith(r.Context(), c.who, r.PathValue("id"), in); err != nil {
		return err
	}
	http.Redirect(w, r, "/articles", http.StatusSeeOther)
	return nil
}
