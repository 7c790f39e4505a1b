package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// panelData is a segment's side panel: its history and its comments.
type panelData struct {
	L         *i18n.Localizer
	F         formatter
	CSRF      string
	EditionID string
	SegmentID string
	Number    string
	History   []historyView
	Comments  []store.Comment
	Lang      string // the edition's language, for lang attributes
}

type historyView struct {
	store.SegmentChange
	Diff []diffOp
}

// historyLimit bounds the history shown; older entries stay in the database.
const historyLimit = 50

// showPanel renders a segment's history and comments as an HTML fragment
// that the script puts beside the segment.
func (s *Server) showPanel(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	d, err := s.panel(r, c, e)
	if err != nil {
		return err
	}
	s.renderFragment(w, http.StatusOK, "panel", d)
	return nil
}

func (s *Server) panel(r *http.Request, c *reqCtx, e store.Edition) (panelData, error) {
	ctx := r.Context()
	sid := r.PathValue("sid")
	if _, err := s.st.GetSegment(ctx, e.ID, sid); err != nil {
		return panelData{}, err
	}
	hist, err := s.st.SegmentHistory(ctx, e.ID, sid, historyLimit)
	if err != nil {
		return panelData{}, err
	}
	comments, err := s.st.SegmentComments(ctx, e.ID, sid)
	if err != nil {
		return panelData{}, err
	}
	d := panelData{L: c.loc, F: c.fmt, CSRF: c.sess.CSRF, EditionID: e.ID, SegmentID: sid, Number: r.URL.Query().Get("n"),
		Comments: comments, Lang: e.Lang}
	for _, h := range hist {
		hv := historyView{SegmentChange: h}
		if h.Action == store.HistoryEdit {
			hv.Diff = wordDiff(inline.Plain(h.Previous), inline.Plain(h.Target))
		}
		d.History = append(d.History, hv)
	}
	return d, nil
}
