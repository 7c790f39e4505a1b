package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// editorPage is the whole article in reading order, block by block.
type editorPage struct {
	Edition    store.Edition
	Article    store.Article
	LangName   string
	SourceName string
	Blocks     []editorBlock
	Progress   store.Progress
	Holder     string // someone else who has the edition open
	Due        *time.Time
	RenewMS    int64
	Segments   int
	Exact      int // exact memory matches awaiting approval
	Labels     segLabels
	// QAErrors and QAWarnings count the findings standing on the segments.
	QAErrors, QAWarnings int
}

// segLabels are the strings every segment repeats, localised once per page
// rather than once per segment (the editor of a long article has hundreds).
type segLabels struct {
	Source, Translation, Approve, CopySource, History, QA, Notes, Matches, Glossary string
	OverrideLabel, ApproveAnyway                                                    string
}

type editorBlock struct {
	Kind     string
	Level    int
	Segments []editorSeg
}

// editorSeg is one segment with everything the editor shows about it.
type editorSeg struct {
	ID       string
	Number   int
	Status   string
	Version  int
	Source   []piece
	Target   []piece
	Tags     string // JSON: placeholder → token label, for the script
	Origin   string // where the draft came from, in words
	Machine  bool   // the text is still the machine's or memory's, untouched by a person
	Notes    []string
	QA       []qaView
	Matches  []matchView
	Terms    []termView // the glossary's terms in the source
	Comments int
	Grid     gridFields
	Attrs    template.HTMLAttr // id and data attributes (rowAttrs)
	Errors   int               // QA errors, for the summary and the next-error key
	Warnings int
	ByName   string
	Updated  time.Time
	// Localised once here, not by template calls.
	Heading       string
	StatusLabel   string
	CommentsLabel string
}

// qaView is a finding as the editor lists it: severity label and text in
// the translator's language.
type qaView struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Label    string `json:"label"`
	Text     string `json:"text"`
}

func qaViews(c *reqCtx, fs []store.QAIssue) []qaView {
	out := make([]qaView, 0, len(fs))
	for _, q := range fs {
		out = append(out, qaView{Code: q.Code, Severity: q.Severity, Label: c.loc.T("QASeverity_" + q.Severity), Text: qaText(c.loc, q)})
	}
	return out
}

// matchView is a translation-memory suggestion, its source diffed against
// the segment's source so the translator sees what differs.
type matchView struct {
	Key        int // 1..3: Alt+Key uses it
	Score      int
	Origin     string
	SourceDiff []diffOp
	Target     []piece
	TargetRaw  string
	UseLabel   string
	ScoreLabel string
}

// maxMatchesShown is how many memory matches get a shortcut (Alt+1..3).
const maxMatchesShown = 3

func (s *Server) showEditor(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	a, err := s.st.GetArticle(ctx, e.ArticleID)
	if err != nil {
		return err
	}
	segs, err := s.st.EditionSegments(ctx, e.ID, e.Revision)
	if err != nil {
		return err
	}
	blocks, err := s.st.GetBlocks(ctx, a.ID, e.Revision)
	if err != nil {
		return err
	}
	comments, err := s.st.CommentCounts(ctx, e.ID)
	if err != nil {
		return err
	}
	due, err := s.st.EditionDue(ctx, e.ID)
	if err != nil {
		return err
	}
	var by []string
	for _, sg := range segs {
		by = append(by, sg.UpdatedBy)
	}
	names, err := s.st.UserNames(ctx, dedupe(by))
	if err != nil {
		return err
	}
	terms := s.segmentTerms(ctx, a.SourceLang, e.Lang, segs)

	p := editorPage{Edition: e, Article: a, LangName: c.loc.LangName(e.Lang), SourceName: c.loc.LangName(a.SourceLang),
		Due: due, RenewMS: live.ClaimRenew.Milliseconds(), Segments: len(segs),
		Labels: segLabels{Source: c.loc.T("SourceLabel"), Translation: c.loc.T("TranslationLabel"), Approve: c.loc.T("Approve"),
			CopySource: c.loc.T("CopySource"), History: c.loc.T("HistoryAndComments"), QA: c.loc.T("QALabel"),
			Notes: c.loc.T("NotesLabel"), Matches: c.loc.T("MatchesLabel"), Glossary: c.loc.T("GlossaryLabel"),
			OverrideLabel: c.loc.T("OverrideReasonLabel"), ApproveAnyway: c.loc.T("ApproveAnyway")}}
	statusLabels := map[string]string{}
	// A GET only reads the claim; the page's script takes it (POST claim).
	if holders, err := s.live.ClaimHolders(ctx, []string{e.ID}); err != nil {
		s.log.Warn("editor: read claim", "edition", e.ID, "err", err)
	} else if h, ok := holders[e.ID]; ok && h.ID != c.user.ID {
		p.Holder = h.Name
	}

	byBlock := map[int]int{} // block index → position in p.Blocks
	for i, sg := range segs {
		var tags map[int]inline.Tag
		if sg.Block < len(blocks) {
			tags = make(map[int]inline.Tag, len(blocks[sg.Block].Tags))
			for _, t := range blocks[sg.Block].Tags {
				tags[t.ID] = t
			}
		}
		var segTerms []Term
		if i < len(terms) {
			segTerms = terms[i]
		}
		es := s.editorSeg(c, sg, tags, segTerms)
		es.Terms = termViews(c, segTerms)
		es.Number, es.Comments, es.ByName = i+1, comments[sg.ID], names[sg.UpdatedBy]
		setGridFields(&es, sg, e.PublishedAt)
		es.Attrs = rowAttrs(&es)
		if es.Grid.Exact {
			p.Exact++
		}
		es.Heading = c.loc.T("SegmentN", "N", es.Number)
		if statusLabels[sg.Status] == "" {
			statusLabels[sg.Status] = c.loc.T("SegStatus_" + sg.Status)
		}
		es.StatusLabel = statusLabels[sg.Status]
		if es.Comments > 0 {
			es.CommentsLabel = "(" + c.fmt.Num(es.Comments) + ")"
		}
		p.Progress.Total++
		if sg.Status == store.SegmentApproved {
			p.Progress.Approved++
		}
		if sg.Status != store.SegmentPending {
			p.Progress.Drafted++
		}
		bi, ok := byBlock[sg.Block]
		if !ok {
			b := editorBlock{Kind: "paragraph"}
			if sg.Block < len(blocks) {
				b.Kind, b.Level = blocks[sg.Block].Kind, blocks[sg.Block].Level
			}
			p.Blocks = append(p.Blocks, b)
			bi = len(p.Blocks) - 1
			byBlock[sg.Block] = bi
		}
		p.Blocks[bi].Segments = append(p.Blocks[bi].Segments, es)
		p.QAErrors += es.Errors
		p.QAWarnings += es.Warnings
	}
	s.render(w, r, c, http.StatusOK, "editor", a.Title, p)
	return nil
}

func (s *Server) editorSeg(c *reqCtx, sg store.Segment, tags map[int]inline.Tag, terms []Term) editorSeg {
	info := tagInfos(sg.Source, tags)
	tagJSON, _ := json.Marshal(info)
	es := editorSeg{ID: sg.ID, Status: sg.Status, Version: sg.Version, Source: pieces(sg.Source, tags, highlighted(terms)),
		Target: pieces(sg.Target, tags, nil), Tags: string(tagJSON), Notes: noteTexts(c.loc, sg.Notes),
		Origin: originLabel(c, sg), Machine: sg.Origin != "human" && sg.Status != store.SegmentPending, Updated: sg.UpdatedAt}
	es.QA = qaViews(c, sg.QA)
	for _, q := range sg.QA {
		switch q.Severity {
		case "error":
			es.Errors++
		case "warning":
			es.Warnings++
		}
	}
	plainSource := inline.Plain(sg.Source)
	for i, m := range sg.Matches {
		if i == maxMatchesShown {
			break
		}
		es.Matches = append(es.Matches, matchView{Key: i + 1, Score: m.Score, Origin: m.Origin,
			SourceDiff: wordDiff(inline.Plain(m.Source), plainSource), Target: pieces(m.Target, tags, nil), TargetRaw: m.Target,
			UseLabel: c.loc.T("UseMatch", "Key", i+1), ScoreLabel: c.fmt.Score(m.Score)})
	}
	return es
}

// originLabel says where a segment's text came from: a person, the
// translation memory (with its score), or a machine engine by name.
func originLabel(c *reqCtx, sg store.Segment) string {
	switch {
	case sg.Status == store.SegmentPending:
		return c.loc.T("OriginPending")
	case sg.Origin == "human":
		return c.loc.T("OriginHuman")
	case sg.Origin == "tm" || strings.HasPrefix(sg.Origin, "tm:") || sg.Origin == "memory":
		score := 100
		if len(sg.Matches) > 0 {
			score = sg.Matches[0].Score
		}
		return c.loc.T("OriginMemory", "Score", c.fmt.Score(score))
	case sg.Origin == "":
		return c.loc.T("OriginUnknown")
	}
	engine := sg.Origin
	if sg.Engine != "" && sg.Engine != sg.Origin {
		engine += " (" + sg.Engine + ")"
	}
	return c.loc.T("OriginMachine", "Engine", engine)
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// editionState is the script's resync after its event stream reconnects:
// every segment's current text, status and version.
func (s *Server) editionState(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	segs, err := s.st.EditionSegments(r.Context(), e.ID, e.Revision)
	if err != nil {
		return err
	}
	var by []string
	for _, sg := range segs {
		by = append(by, sg.UpdatedBy)
	}
	names, err := s.st.UserNames(r.Context(), dedupe(by))
	if err != nil {
		return err
	}
	out := struct {
		Segments []live.Segment `json:"segments"`
	}{Segments: make([]live.Segment, 0, len(segs))}
	for _, sg := range segs {
		out.Segments = append(out.Segments, segmentJSON(sg, names[sg.UpdatedBy]))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
