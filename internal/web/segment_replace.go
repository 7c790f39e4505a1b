package web

import (
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// batchEdit is the body of a replace-all (and of its undo): new texts for
// many segments, each at the version the translator previewed.
type batchEdit struct {
	Edits []batchItem `json:"edits"`
}

type batchItem struct {
	ID      string `json:"id"`
	Target  string `json:"target"`
	Version int    `json:"version"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (batchEdit) RequiredFields() []string { return []string{"edits"} }

// batchResult is one segment's outcome: the segment as saved, or why not
// (a version conflict carries the segment as it now is).
type batchResult struct {
	ID      string        `json:"id"`
	OK      bool          `json:"ok"`
	Segment *live.Segment `json:"segment,omitempty"`
	Error   *batchError   `json:"error,omitempty"`
}

type batchError struct {
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Current *live.Segment `json:"current,omitempty"`
}

// maxBatchEdits bounds one replace-all (an article of 1,000 segments fits).
const maxBatchEdits = 2000

// replaceSegments saves every edit through the workflow's EditSegment, one
// segment at a time, so each keeps its own version check, tag check and
// history; one segment's refusal does not stop the others. The answer lists
// every segment's result in the order sent.
func (s *Server) replaceSegments(w http.ResponseWriter, r *http.Request, c *reqCtx, in batchEdit) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	if len(in.Edits) == 0 || len(in.Edits) > maxBatchEdits {
		return derrors.New(derrors.Invalid, "bad_batch", "send between 1 and %d edits", maxBatchEdits)
	}
	out := struct {
		Results []batchResult `json:"results"`
		Saved   int           `json:"saved"`
		Failed  int           `json:"failed"`
	}{Results: make([]batchResult, 0, len(in.Edits))}
	for _, ed := range in.Edits {
		seg, err := s.p.EditSegment(r.Context(), c.who, e.ID, ed.ID, pipeline.SegmentEdit{Target: ed.Target, Version: ed.Version})
		res := batchResult{ID: ed.ID}
		if err != nil {
			if httpjson.Status(err) >= http.StatusInternalServerError {
				return err
			}
			res.Error = s.batchError(r, c, err)
			out.Failed++
		} else {
			sj := segmentJSON(seg, c.who.Name)
			res.OK, res.Segment = true, &sj
			out.Saved++
		}
		out.Results = append(out.Results, res)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// batchError is a refused segment's reason in the UI's language; a version
// conflict carries the segment as it now is.
func (s *Server) batchError(r *http.Request, c *reqCtx, err error) *batchError {
	code, msg, detail := errorText(c.loc, err, httpjson.Status(err))
	be := &batchError{Code: code, Message: msg}
	if seg, ok := detail.(store.Segment); ok {
		cur := segmentJSON(seg, s.nameOf(r.Context(), seg.UpdatedBy))
		be.Current = &cur
	}
	return be
}
