package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// usersPage lists users and has the form to add one.
type usersPage struct {
	Users []store.User
	Form  userForm
	Error string
}

// userPage edits one user.
type userPage struct {
	Form  userForm
	Error string
}

// userForm is the add/edit form's fields, echoed back when it is refused.
type userForm struct {
	ID       string
	Username string
	Name     string
	Role     string
	Langs    string
	UILang   string
	Active   bool
}

var roles = []string{auth.Translator, auth.Editor, auth.Admin}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.renderUsers(w, r, c, http.StatusOK, userForm{Role: auth.Translator, Active: true}, "")
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, f userForm, msg string) error {
	users, err := s.st.ListUsers(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, c, status, "users", c.loc.T("UsersTitle"), usersPage{Users: users, Form: f, Error: msg})
	return nil
}

func formOf(r *http.Request) userForm {
	return userForm{Username: strings.TrimSpace(r.PostFormValue("username")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: r.PostFormValue("role"), Langs: r.PostFormValue("langs"), UILang: r.PostFormValue("ui_lang"),
		Active: r.PostFormValue("active") != ""}
}

// validate checks a user form and returns the canonical languages (each
// covering a configured target language: "pt" covers "pt-BR"), or the id
// of the message saying what is wrong.
func (f userForm) validate(configured []string) ([]string, string) {
	if !slices.Contains(roles, f.Role) {
		return nil, "UserErrRole"
	}
	if f.UILang != "" && !slices.Contains(uiLangs, f.UILang) {
		return nil, "ErrBadLanguage"
	}
	langs, err := auth.CanonicalLangs(strings.FieldsFunc(f.Langs, func(r rune) bool { return r == ',' || r == ' ' }))
	if err != nil {
		return nil, "UserErrLangs"
	}
	if f.Role == auth.Translator && len(langs) == 0 {
		return nil, "UserErrNeedLangs"
	}
	for _, l := range langs {
		if !slices.ContainsFunc(configured, func(t string) bool { return auth.CoversLang(l, t) }) {
			return nil, "UserErrLangs"
		}
	}
	return langs, ""
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	f := formOf(r)
	f.Active = true
	langs, bad := f.validate(s.p.Languages())
	if bad == "" {
		if name, err := auth.Username(f.Username); err != nil {
			bad = "UserErrUsername"
		} else {
			f.Username = name
		}
	}
	var hash string
	if bad == "" {
		var err error
		if hash, err = auth.HashPassword(r.PostFormValue("password")); err != nil {
			bad = "UserErrPassword"
		}
	}
	if bad != "" {
		return s.renderUsers(w, r, c, http.StatusUnprocessableEntity, f, c.loc.T(bad))
	}
	u := store.User{ID: store.NewID("usr"), Username: f.Username, Name: f.Name, PasswordHash: hash, Role: f.Role,
		Langs: langs, UILang: f.UILang, Active: true}
	err := auth.CheckUsernameFree(r.Context(), s.st.Queries, u.Username)
	if err == nil {
		err = s.st.CreateUser(r.Context(), &u)
	}
	if err != nil {
		if errors.Is(err, store.ErrConflict) {
			return s.renderUsers(w, r, c, http.StatusConflict, f, c.loc.T("UserErrTaken"))
		}
		return err
	}
	s.log.Info("user added", "by", c.user.Username, "user", u.Username, "role", u.Role)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}

func (s *Server) showUser(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	u, err := s.st.GetUser(r.Context(), r.PathValue("uid"))
	if err != nil {
		return err
	}
	f := userForm{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, Langs: strings.Join(u.Langs, ", "),
		UILang: u.UILang, Active: u.Active}
	s.render(w, r, c, http.StatusOK, "user", u.Username, userPage{Form: f})
	return nil
}

// updateUser saves an admin's changes. Deactivating a user or changing
// their password ends their sessions; the last active admin cannot be
// demoted or deactivated.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	u, err := s.st.GetUser(ctx, r.PathValue("uid"))
	if err != nil {
		return err
	}
	f := formOf(r)
	f.ID, f.Username = u.ID, u.Username
	langs, bad := f.validate(s.p.Languages())
	pw := r.PostFormValue("password")
	var hash string
	if bad == "" && pw != "" {
		if hash, err = auth.HashPassword(pw); err != nil {
			bad = "UserErrPassword"
		}
	}
	if bad == "" && u.Role == auth.Admin && u.Active && (f.Role != auth.Admin || !f.Active) {
		n, err := s.st.CountActiveAdmins(ctx)
		if err != nil {
			return err
		}
		if n <= 1 {
			bad = "UserErrLastAdmin"
		}
	}
	if bad != "" {
		s.render(w, r, c, http.StatusUnprocessableEntity, "user", u.Username, userPage{Form: f, Error: c.loc.T(bad)})
		return nil
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.UpdateUser(ctx, store.User{ID: u.ID, Name: f.Name, Role: f.Role, Langs: langs, UILang: f.UILang, Active: f.Active}); err != nil {
			return err
		}
		if hash != "" {
			if err := q.SetUserPassword(ctx, u.ID, hash); err != nil {
				return err
			}
		}
		if hash != "" || !f.Active {
			return q.DeleteUserSessions(ctx, u.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.log.Info("user changed", "by", c.user.Username, "user", u.Username, "role", f.Role, "active", f.Active)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}
