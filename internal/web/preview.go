package web

import (
	"html/template"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// previewPage is the edition assembled as publishing would assemble it,
// with the current texts: a draft shows as it stands, a segment without a
// translation yet shows its source (marked by Pending).
type previewPage struct {
	Edition store.Edition
	Article store.Article
	Body    template.HTML // publish.BodyHTML: inline markup rebuilt from the source's tags, text escaped
	Pending int
	Open    int // segments not approved yet
}

// showPreview renders the edition's body with publish.BodyHTML, the
// renderer of the published page, so the preview is what readers will get
// (no script, only the tags the source had).
func (s *Server) showPreview(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	a, err := s.st.GetArticle(r.Context(), e.ArticleID)
	if err != nil {
		return err
	}
	blocks, err := s.st.GetBlocks(r.Context(), a.ID, e.Revision)
	if err != nil {
		return err
	}
	segs, err := s.st.EditionSegments(r.Context(), e.ID, e.Revision)
	if err != nil {
		return err
	}
	p := previewPage{Edition: e, Article: a}
	texts := make([]string, len(blocks))
	for _, sg := range segs {
		text := sg.Target
		if sg.Status == store.SegmentPending || text == "" {
			text = sg.Source
			p.Pending++
		}
		if sg.Status != store.SegmentApproved {
			p.Open++
		}
		if sg.Block < len(texts) {
			texts[sg.Block] += sg.Lead + text + sg.Trail
		}
	}
	pb := make([]publish.Block, len(blocks))
	for i, b := range blocks {
		pb[i] = publish.Block{Kind: b.Kind, Level: b.Level, Ordered: b.Ordered, Text: texts[i], Tags: b.Tags}
	}
	body, err := publish.BodyHTML(pb)
	if err != nil {
		return err
	}
	p.Body = template.HTML(body) // #nosec: built by publish from escaped text and the source's own tags
	s.render(w, r, c, http.StatusOK, "preview", c.loc.T("PreviewTitle", "Title", a.Title), p)
	return nil
}
