package web

import (
	"net/http"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// exactMemory reports whether a segment's draft is an untouched exact (100%)
// or in-context (101%) memory match still waiting for approval: what the
// editor's "approve memory matches" approves in one action.
func exactMemory(sg store.Segment) bool {
	if sg.Status != store.SegmentDraft || !memoryOrigin(sg.Origin) {
		return false
	}
	if sg.Engine == "exact" || sg.Engine == "context" {
		return true
	}
	return len(sg.Matches) > 0 && sg.Matches[0].Score >= 100 && sg.Matches[0].Target == sg.Target
}

func memoryOrigin(o string) bool { return o == "tm" || o == "memory" || strings.HasPrefix(o, "tm:") }

// approveMemory approves every exact memory match of the edition, each
// through the workflow's ApproveSegment at the version just read, so the
// review rules, the history (one approval per segment, by this user) and the
// live updates are those of a single approval. A segment someone changed in
// the meantime is reported, not approved.
func (s *Server) approveMemory(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	segs, err := s.st.EditionSegments(r.Context(), e.ID, e.Revision)
	if err != nil {
		return err
	}
	out := struct {
		Results  []batchResult `json:"results"`
		Approved int           `json:"approved"`
		Failed   int           `json:"failed"`
	}{Results: []batchResult{}}
	for _, sg := range segs {
		if !exactMemory(sg) {
			continue
		}
		seg, err := s.p.ApproveSegment(r.Context(), c.who, e.ID, sg.ID, pipeline.SegmentApproval{Version: sg.Version})
		res := batchResult{ID: sg.ID}
		if err != nil {
			if httpjson.Status(err) >= http.StatusInternalServerError {
				return err
			}
			res.Error = s.batchError(r, c, err)
			out.Failed++
		} else {
			sj := segmentJSON(seg, c.who.Name)
			res.OK, res.Segment = true, &sj
			out.Approved++
		}
		out.Results = append(out.Results, res)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
