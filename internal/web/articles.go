package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// articlesPage is the editors' dashboard: the articles matching a search,
// one page at a time, with each edition's status, progress, deadline and
// publication controls, and a form to add an article.
type articlesPage struct {
	Articles []articleRow
	// The search and filters as given, and the statuses to filter by.
	Query, Status string
	NoHeadline    bool
	Statuses      []string
	// Paging.
	Page, Pages, Total int
	PrevURL, NextURL   string
	// Zone is the editor's time zone, in which times are entered and shown.
	Zone string
	// Sources are the feeds of originals, with their polling state.
	Sources    []sourceRow
	CanSources bool
}

type sourceRow struct {
	store.Source
	LastPolled, NextPoll string // in the editor's zone
	Minutes              int    // the polling interval
}

type articleRow struct {
	store.Article
	SourceName string
	Editions   []editionRow
	Candidates []candidateRow // names proposed as do-not-translate terms
}

type editionRow struct {
	store.Edition
	LangName  string
	Progress  store.Progress
	Due       *time.Time
	DueValue  string // for <input type="datetime-local">
	CanPub    bool   // approved or scheduled: publish now or at a time
	CanUnpub  bool   // live
	LiveURL   string // the public page, when live
	Scheduled string // the publication time in the editor's zone
	AtValue   string // the same for <input type="datetime-local">
	Holder    string // who has the edition open (its claim), if anyone
	// Override is the latest decision to publish despite QA errors.
	Override *store.QAOverride
}

// dashboardPageSize is how many articles one dashboard page lists.
const dashboardPageSize = 20

// dueLayout is the value format of <input type="datetime-local">; deadlines
// and publication times are entered and shown in the editor's time zone
// (zoneOf) and stored in UTC.
const dueLayout = "2006-01-02T15:04"

// zoneOf is the editor's time zone: the form's tz field, else the tz cookie
// the page's script sets, else UTC.
func zoneOf(r *http.Request) *time.Location {
	name := r.PostFormValue("tz")
	if name == "" {
		if c, err := r.Cookie("tz"); err == nil {
			name, _ = url.QueryUnescape(c.Value)
		}
	}
	if name == "" || name == "Local" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

func (s *Server) showArticles(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	q := r.URL.Query()
	zone := zoneOf(r)
	p := articlesPage{Query: strings.TrimSpace(q.Get("q")), Status: q.Get("status"), NoHeadline: q.Get("headline") == "missing",
		Statuses: store.EditionStatuses, Page: 1, Zone: zone.String()}
	if p.Status != "" && !slices.Contains(store.EditionStatuses, p.Status) {
		p.Status = ""
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		p.Page = n
	}
	arts, total, err := s.st.SearchArticles(ctx, store.ArticleFilter{Query: p.Query, EditionStatus: p.Status, HeadlineMissing: p.NoHeadline,
		Limit: dashboardPageSize, Offset: (p.Page - 1) * dashboardPageSize})
	if err != nil {
		return err
	}
	p.Total, p.Pages = total, max(1, (total+dashboardPageSize-1)/dashboardPageSize)
	pageURL := func(n int) string {
		v := url.Values{}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		if p.Status != "" {
			v.Set("status", p.Status)
		}
		if p.NoHeadline {
			v.Set("headline", "missing")
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return "/articles"
		}
		return "/articles?" + v.Encode()
	}
	if p.Page > 1 {
		p.PrevURL = pageURL(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = pageURL(p.Page + 1)
	}
	// Five queries and one Redis round trip in all, however many articles the page shows.
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
	holders, err := s.live.ClaimHolders(ctx, edIDs)
	if err != nil {
		// Claims are advisory; show the dashboard without them.
		s.log.Warn("dashboard: read claims", "err", err)
	}
	cands, err := s.candidateRows(ctx, c, "")
	if err != nil {
		return err
	}
	overrides, err := s.st.LatestQAOverrides(ctx, edIDs)
	if err != nil {
		return err
	}
	for _, a := range arts {
		row := articleRow{Article: a, SourceName: c.loc.LangName(a.SourceLang)}
		for _, cd := range cands {
			if cd.ArticleID == a.ID {
				row.Candidates = append(row.Candidates, cd)
			}
		}
		for _, e := range byArticle[a.ID] {
			er := editionRow{Edition: e, LangName: c.loc.LangName(e.Lang), Progress: prog[e.ID],
				CanPub: e.Status == store.EditionApproved || e.Status == store.EditionScheduled ||
					(e.Status == store.EditionUnpublished && prog[e.ID].Total > 0 && prog[e.ID].Approved == prog[e.ID].Total), // publish again
				CanUnpub: e.Live()}
			if h, ok := holders[e.ID]; ok {
				er.Holder = h.Name
			}
			if e.Live() {
				er.LiveURL = publish.PageURL("", e.Lang, a.Slug)
			}
			if e.Status == store.EditionScheduled && e.PublishAt != nil {
				t := e.PublishAt.In(zone)
				er.Scheduled, er.AtValue = t.Format("2006-01-02 15:04 MST"), t.Format(dueLayout)
			}
			if due, ok := dues[e.ID]; ok {
				er.Due, er.DueValue = &due, due.In(zone).Format(dueLayout)
			}
			if o, ok := overrides[e.ID]; ok {
				er.Override = &o
			}
			row.Editions = append(row.Editions, er)
		}
		p.Articles = append(p.Articles, row)
	}
	srcs, err := s.st.ListSources(ctx)
	if err != nil {
		return err
	}
	p.CanSources = s.cfg.Sources != nil
	for _, src := range srcs {
		row := sourceRow{Source: src, Minutes: src.Interval / 60, NextPoll: src.NextPollAt.In(zone).Format("2006-01-02 15:04 MST")}
		if src.LastPolledAt != nil {
			row.LastPolled = src.LastPolledAt.In(zone).Format("2006-01-02 15:04 MST")
		}
		p.Sources = append(p.Sources, row)
	}
	s.render(w, r, c, http.StatusOK, "articles", c.loc.T("ArticlesTitle"), p)
	return nil
}

// addSource registers a feed of originals from the dashboard's form.
func (s *Server) addSource(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if s.cfg.Sources == nil {
		return derrors.New(derrors.Unavailable, "sources_unavailable", "source polling is not configured")
	}
	interval := 0
	if v := r.PostFormValue("interval_minutes"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return derrors.New(derrors.Invalid, "invalid_interval", "the interval %q is not a number of minutes", v)
		}
		interval = n * 60
	}
	if _, err := s.cfg.Sources.Register(r.Context(), c.user.ID, strings.TrimSpace(r.PostFormValue("url")), interval, nil); err != nil {
		return err
	}
	http.Redirect(w, r, "/articles#sources", http.StatusSeeOther)
	return nil
}

// pollSource polls a source now.
func (s *Server) pollSource(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if s.cfg.Sources == nil {
		return derrors.New(derrors.Unavailable, "sources_unavailable", "source polling is not configured")
	}
	if _, err := s.cfg.Sources.Poll(r.Context(), r.PathValue("id")); errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "source_not_found", "no source %q", r.PathValue("id"))
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/articles#sources", http.StatusSeeOther)
	return nil
}

// ingestArticle adds an article from the dashboard's form.
func (s *Server) ingestArticle(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	in := pipeline.ArticleInput{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Format: r.PostFormValue("format"),
		AllowDuplicate: r.PostFormValue("allow_duplicate") != ""}
	if _, err := s.p.Ingest(r.Context(), c.user.ID, in); err != nil {
		return err
	}
	http.Redirect(w, r, "/articles", http.StatusSeeOther)
	return nil
}

// setDue sets or clears an edition's review deadline, read in the
// editor's time zone like a publication time (it was read as UTC while the
// schedule beside it was not).
func (s *Server) setDue(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var due *time.Time
	if v := r.PostFormValue("due"); v != "" {
		t, err := time.ParseInLocation(dueLayout, v, zoneOf(r))
		if err != nil {
			return derrors.New(derrors.Invalid, "bad_date", "the deadline %q is not a date and time", v)
		}
		t = t.UTC()
		due = &t
	}
	if err := s.p.SetDue(r.Context(), c.who, r.PathValue("id"), due); err != nil {
		return err
	}
	http.Redirect(w, r, "/articles", http.StatusSeeOther)
	return nil
}

// publishEdition publishes an approved edition now, or at the date and time
// of the form's "at" field, read in the editor's time zone (stored in UTC);
// with QA errors standing, the form must carry the editor's reason.
func (s *Server) publishEdition(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var at time.Time
	if v := r.PostFormValue("at"); v != "" {
		t, err := time.ParseInLocation(dueLayout, v, zoneOf(r))
		if err != nil {
			return derrors.New(derrors.Invalid, "bad_date", "the publication time %q is not a date and time", v)
		}
		at = t.UTC()
	}
	in := pipeline.PublishOptions{At: at, OverrideReason: r.PostFormValue("override_reason")}
	if _, err := s.p.RequestPublishWith(r.Context(), c.who, r.PathValue("id"), in); err != nil {
		return err
	}
	http.Redirect(w, r, backTo(r), http.StatusSeeOther)
	return nil
}

// unpublishEdition withdraws a live edition.
func (s *Server) unpublishEdition(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if _, err := s.p.Unpublish(r.Context(), c.who, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, backTo(r), http.StatusSeeOther)
	return nil
}

// backTo is the dashboard page a form came from (its "back" field, a local
// /articles address), else the dashboard.
func backTo(r *http.Request) string {
	if b := r.PostFormValue("back"); strings.HasPrefix(b, "/articles") && !strings.HasPrefix(b, "//") {
		return b
	}
	return "/articles"
}
