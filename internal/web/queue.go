package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// queueRow is one edition in the translators' queue.
type queueRow struct {
	store.QueueItem
	LangName   string
	Holder     string // display name of whoever has it open; "" for nobody
	HolderIsMe bool
}

type queuePage struct {
	Rows  []queueRow
	Langs []string // the languages this user reviews (nil: all)
}

// queueStatuses are the edition statuses that wait for a translator.
var queueStatuses = []string{store.EditionInReview, store.EditionOutdated}

// queueLimit bounds the queue page; more editions than this waiting means
// the queue is not the problem.
const queueLimit = 500

// showQueue lists the editions waiting for review in the user's languages,
// by deadline, then by how long they have waited.
func (s *Server) showQueue(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	items, err := s.st.ReviewQueue(r.Context(), queueStatuses, queueLimit)
	if err != nil {
		return err
	}
	var rows []queueRow
	var ids []string
	for _, it := range items {
		if !c.who.CanReview(it.Lang) {
			continue
		}
		rows = append(rows, queueRow{QueueItem: it, LangName: c.loc.LangName(it.Lang)})
		ids = append(ids, it.ID)
	}
	holders, err := s.live.ClaimHolders(r.Context(), ids)
	if err != nil {
		// Claims are advisory; show the queue without them.
		s.log.Warn("queue: read claims", "err", err)
	}
	for i := range rows {
		if h, ok := holders[rows[i].ID]; ok {
			rows[i].Holder, rows[i].HolderIsMe = h.Name, h.ID == c.user.ID
		}
	}
	p := queuePage{Rows: rows}
	if c.user.Role == "translator" {
		p.Langs = c.user.Langs
	}
	s.render(w, r, c, http.StatusOK, "queue", c.loc.T("QueueTitle"), p)
	return nil
}
