package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// memoryPage is the administrators' view of the translation memory: a
// language pair's entries, searched by the words of their source, each
// correctable and deletable.
type memoryPage struct {
	Pairs   []pairOption
	From    string
	To      string
	Query   string
	Count   int
	Entries []memoryEntryView
	Error   string
	Back    string // this page's address, for the forms to return to
}

type pairOption struct {
	Value, Label string
	Selected     bool
}

type memoryEntryView struct {
	tm.Entry
	ByName string
}

// memoryShown is how many entries the page lists.
const memoryShown = 50

func (s *Server) showMemory(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.renderMemory(w, r, c, http.StatusOK, "")
}

func (s *Server) renderMemory(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, msg string) error {
	ctx := r.Context()
	m := s.p.Memory()
	pairs, err := m.Pairs(ctx)
	if err != nil {
		return err
	}
	p := memoryPage{Query: r.FormValue("q"), Error: msg}
	if v := r.FormValue("pair"); v != "" {
		if from, to, ok := cutPair(v); ok {
			p.From, p.To = from, to
		}
	}
	if p.From == "" && len(pairs) > 0 {
		p.From, p.To = pairs[0].SourceLang, pairs[0].TargetLang
	}
	for _, pr := range pairs {
		sel := pr.SourceLang == p.From && pr.TargetLang == p.To
		if sel {
			p.Count = pr.Entries
		}
		p.Pairs = append(p.Pairs, pairOption{Value: pr.SourceLang + ">" + pr.TargetLang,
			Label: c.loc.LangName(pr.SourceLang) + " → " + c.loc.LangName(pr.TargetLang), Selected: sel})
	}
	p.Back = "/admin/memory?" + url.Values{"pair": {p.From + ">" + p.To}, "q": {p.Query}}.Encode()
	if p.From != "" {
		es, err := m.Search(ctx, p.From, p.To, p.Query, time.Time{}, memoryShown)
		if err != nil {
			return err
		}
		var ids []string
		for _, e := range es {
			ids = append(ids, e.UpdatedBy)
		}
		names, err := s.st.UserNames(ctx, dedupe(ids))
		if err != nil {
			return err
		}
		for _, e := range es {
			by := names[e.UpdatedBy]
			if by == "" {
				by = e.UpdatedBy
			}
			p.Entries = append(p.Entries, memoryEntryView{Entry: e, ByName: by})
		}
	}
	s.render(w, r, c, status, "memory", c.loc.T("MemoryTitle"), p)
	return nil
}

func cutPair(v string) (string, string, bool) {
	for i := range len(v) {
		if v[i] == '>' {
			langs, err := auth.CanonicalLangs([]string{v[:i], v[i+1:]})
			if err != nil || len(langs) != 2 {
				return "", "", false
			}
			return langs[0], langs[1], true
		}
	}
	return "", "", false
}

// back returns to the page the form was on.
func back(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, localRedirect(r.PostFormValue("back"), "/admin/memory"), http.StatusSeeOther)
}

func memoryEntryID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, store.ErrNotFound
	}
	return id, nil
}

// correctMemory saves an administrator's correction of an entry.
func (s *Server) correctMemory(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := memoryEntryID(r)
	if err != nil {
		return err
	}
	_, err = s.p.Memory().Correct(r.Context(), id, r.PostFormValue("target"), c.user.ID)
	switch {
	case errors.Is(err, tm.ErrInvalid):
		return s.renderMemory(w, r, c, http.StatusUnprocessableEntity, c.loc.T("MemoryErrInvalid", "Detail", err.Error()))
	case err != nil:
		return err
	}
	s.log.Info("translation memory entry corrected", "by", c.user.Username, "entry", id)
	back(w, r)
	return nil
}

// deleteMemory deletes an entry.
func (s *Server) deleteMemory(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := memoryEntryID(r)
	if err != nil {
		return err
	}
	if err := s.p.Memory().Delete(r.Context(), id); err != nil {
		return err
	}
	s.log.Info("translation memory entry deleted", "by", c.user.Username, "entry", id)
	back(w, r)
	return nil
}
