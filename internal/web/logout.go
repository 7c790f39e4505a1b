package web

import "net/http"

// logout ends the session (a POST with the CSRF token, so that no other
// site can log people out).
func (s *Server) logout(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.st.DeleteSession(r.Context(), c.sess.IDHash); err != nil {
		return err
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
