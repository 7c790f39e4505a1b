package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// maxCommentRunes bounds a comment.
const maxCommentRunes = 4000

// addComment stores a comment on a segment and tells the edition's open
// editors. The script posts the form and gets the panel back; without the
// script, the browser goes back to the segment.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	sid := r.PathValue("sid")
	if _, err := s.st.GetSegment(r.Context(), e.ID, sid); err != nil {
		return err
	}
	body := strings.TrimSpace(r.PostFormValue("body"))
	switch {
	case body == "":
		return derrors.New(derrors.Invalid, "comment_empty", "the comment is empty")
	case !utf8.ValidString(body):
		return derrors.New(derrors.Invalid, "invalid_utf8", "invalid UTF-8")
	case utf8.RuneCountInString(body) > maxCommentRunes:
		return derrors.New(derrors.Invalid, "comment_too_long", "a comment may have at most %d characters", maxCommentRunes).WithDetail(map[string]any{"max": maxCommentRunes})
	}
	cm := store.Comment{SegmentID: sid, EditionID: e.ID, UserID: c.user.ID, Body: body}
	if err := s.st.AddComment(r.Context(), &cm); err != nil {
		return err
	}
	d, err := s.panel(r, c, e)
	if err != nil {
		return err
	}
	s.publish(r.Context(), e.ID, liveEvent{Type: "comment", SegmentID: sid, Comments: len(d.Comments)})
	if r.Header.Get("X-Fragment") == "panel" {
		s.renderFragment(w, http.StatusOK, "panel", d)
		return nil
	}
	http.Redirect(w, r, "/editions/"+e.ID+"#seg-"+sid, http.StatusSeeOther)
	return nil
}
