package web

import (
	"net/http"
	"slices"

	"github.com/pressroom-dev/pressroom/internal/derrors"
)

// setLanguage stores the language the user wants the UI in ("" follows the
// browser) and goes back to the page the form was on.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	lang := r.PostFormValue("lang")
	if lang != "" && !slices.Contains(uiLangs, lang) {
		return derrors.New(derrors.Invalid, "bad_language", "no UI language %q", lang)
	}
	if err := s.st.SetUserUILang(r.Context(), c.user.ID, lang); err != nil {
		return err
	}
	http.Redirect(w, r, localRedirect(r.PostFormValue("next"), "/"), http.StatusSeeOther)
	return nil
}
