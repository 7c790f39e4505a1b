package api

import (
	"mime"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/offline"
)

// exportXLIFF sends an edition as an XLIFF file (?version=2.1, the default,
// or 1.2) for a translator's CAT tool.
func (s *Server) exportXLIFF(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	v, err := offline.ParseVersion(r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	d, err := s.offline.Export(r.Context(), who, r.PathValue("id"), v)
	if err != nil {
		return err
	}
	return httpjson.Attachment(w, d.ContentType, d.Name, d.Body)
}

// exportOmegaT sends an edition as a ready OmegaT project (a zip).
func (s *Server) exportOmegaT(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	d, err := s.offline.OmegaT(r.Context(), who, r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpjson.Attachment(w, d.ContentType, d.Name, d.Body)
}

// importXLIFF takes an XLIFF file back (the body) and answers with what it
// did, unit by unit.
func (s *Server) importXLIFF(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !xmlMediaTypes[mt] {
			return derrors.New(derrors.Invalid, "unsupported_media_type", "send the XLIFF file as the body, with Content-Type: application/xliff+xml")
		}
	}
	sum, err := s.offline.Import(r.Context(), who, r.PathValue("id"), r.Body)
	return reply(w, http.StatusOK, sum, err)
}

var xmlMediaTypes = map[string]bool{"application/xliff+xml": true, "application/x-xliff+xml": true, "application/xml": true,
	"text/xml": true, "application/octet-stream": true}
