package web

import (
	"errors"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/offline"
)

// Translators who work in their own CAT tool download the edition from the
// editor (XLIFF 2.1, 1.2 or an OmegaT project) and upload the translated
// file; package offline does the work, as for the API.

func (s *Server) downloadXLIFF(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, err := offline.ParseVersion(r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	d, err := s.offline.Export(r.Context(), c.who, r.PathValue("id"), v)
	if err != nil {
		return err
	}
	return httpjson.Attachment(w, d.ContentType, d.Name, d.Body)
}

func (s *Server) downloadOmegaT(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d, err := s.offline.OmegaT(r.Context(), c.who, r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpjson.Attachment(w, d.ContentType, d.Name, d.Body)
}

var errNoFile = derrors.New(derrors.Invalid, "no_file", "choose the translated XLIFF file to upload")

// importXLIFF takes the uploaded file (multipart field "file") and answers
// the script with what was done, its messages in the user's language. A
// form posted without the script goes back to the editor.
func (s *Server) importXLIFF(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	f, _, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return errNoFile
	} else if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return derrors.New(derrors.Invalid, "bad_upload", "the upload could not be read: %v", err)
	}
	defer f.Close()
	sum, err := s.offline.Import(r.Context(), c.who, r.PathValue("id"), f)
	if err != nil {
		return err
	}
	if !wantsJSON(r) {
		http.Redirect(w, r, "/editions/"+r.PathValue("id"), http.StatusSeeOther)
		return nil
	}
	writeJSON(w, http.StatusOK, s.importView(c, sum))
	return nil
}

// importView is an import summary for the editor's script.
type importView struct {
	Text      string           `json:"text"` // the counts, in words
	Updated   []live.Segment   `json:"updated"`
	Conflicts []importConflict `json:"conflicts"`
	Refused   []importRefusal  `json:"refused"`
}

type importConflict struct {
	ID     string       `json:"id"`
	Number int          `json:"number"`
	Mine   string       `json:"mine"`
	Theirs live.Segment `json:"theirs"`
}

type importRefusal struct {
	ID      string `json:"id"`
	Number  int    `json:"number"`
	Message string `json:"message"`
}

func (s *Server) importView(c *reqCtx, sum offline.Summary) importView {
	n := sum.Counts
	v := importView{
		Text: c.loc.T("ImportSummary", "Updated", c.fmt.Num(n.Updated), "Approved", c.fmt.Num(n.Approved), "Unchanged", c.fmt.Num(n.Unchanged),
			"Conflicts", c.fmt.Num(n.Conflicts), "Refused", c.fmt.Num(n.Refused)),
		Updated: []live.Segment{}, Conflicts: []importConflict{}, Refused: []importRefusal{},
	}
	for _, u := range sum.Updated {
		v.Updated = append(v.Updated, live.Segment{ID: u.ID, Target: u.Target, Status: u.Status, Version: u.Version, Origin: "human", ByName: c.who.Name})
		if u.ApprovalRefused != nil {
			v.Refused = append(v.Refused, importRefusal{ID: u.ID, Number: u.Number,
				Message: c.loc.T("ImportNotApproved", "Detail", reasonText(c, u.ApprovalRefused.Code, u.ApprovalRefused.Message))})
		}
	}
	for _, k := range sum.Conflicts {
		v.Conflicts = append(v.Conflicts, importConflict{ID: k.ID, Number: k.Number, Mine: k.Mine,
			Theirs: live.Segment{ID: k.ID, Target: k.Theirs.Target, Status: k.Theirs.Status, Version: k.Theirs.Version, ByName: k.Theirs.ByName}})
	}
	for _, x := range sum.Refused {
		v.Refused = append(v.Refused, importRefusal{ID: x.ID, Number: x.Number, Message: reasonText(c, x.Code, x.Message)})
	}
	return v
}

// reasonText is a unit's refusal in the user's language when the UI has a
// message for its code, else the workflow's own (English) message.
func reasonText(c *reqCtx, code, english string) string {
	if id, ok := codeMessages[code]; ok {
		return c.loc.T(id, "Detail", english)
	}
	return english
}
