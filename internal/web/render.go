package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the full pages; each is layout.html and parts.html plus its
// own file. panel is a fragment the script inserts into the editor.
var pageNames = []string{"login", "queue", "editor", "articles", "compare", "users", "user", "webhooks", "error", "glossary", "preview", "memory"}

type templates struct {
	pages    map[string]*template.Template
	fragment *template.Template
	bufs     sync.Pool
}

func parseTemplates(funcs template.FuncMap) (*templates, error) {
	funcs["item"] = func(root, item any) itemCtx { return itemCtx{Root: root, Item: item} }
	funcs["messages"] = scriptMessages
	funcs["toolMessages"] = toolMessages
	funcs["piecesHTML"] = piecesHTML
	funcs["hasPrefix"] = strings.HasPrefix
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/editor_tools.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}, bufs: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
	for _, name := range pageNames {
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t.pages[name], err = c.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return nil, err
		}
	}
	if t.fragment, err = template.New("parts.html").Funcs(funcs).ParseFS(templateFS, "templates/parts.html", "templates/panel.html"); err != nil {
		return nil, err
	}
	return t, nil
}

// itemCtx hands a sub-template both the page (for its localizer) and the
// item it draws.
type itemCtx struct {
	Root any
	Item any
}

// scriptMessages are the strings app.js shows, in the page's language. The
// script fills {name}-style slots itself.
func scriptMessages(l *i18n.Localizer) map[string]string {
	m := map[string]string{}
	for _, id := range []string{"JSSaving", "JSSaved", "JSNotSaved", "JSRetrying", "JSOffline", "JSConflictTitle",
		"JSYourText", "JSTheirText", "JSKeepMine", "JSUseTheirs", "JSApproving", "JSRejected", "JSLoadFailed",
		"SegStatus_pending", "SegStatus_draft", "SegStatus_edited", "SegStatus_approved", "OriginHuman",
		"JSImporting", "JSImportConflict", "JSImportRefused", "JSImportConflictTitle",
		"JSQAFailed", "JSReasonNeeded"} {
		m[id] = l.T(id)
	}
	m["JSQASummary"] = l.T("QASummary", "Errors", "{errors}", "Warnings", "{warnings}")
	m["JSBeingEditedBy"] = l.T("BeingEditedBy", "Name", "{name}")
	m["JSChangedBy"] = l.T("JSChangedBy", "Name", "{name}")
	m["JSProgress"] = l.T("Progress", "Approved", "{approved}", "Total", "{total}")
	m["JSLang"] = l.Lang()
	return m
}

// pageData is what every page template gets; Data is the page's own.
type pageData struct {
	L      *i18n.Localizer
	F      formatter
	User   *store.User
	CSRF   string
	Title  string
	Path   string
	Nav    navigation
	Langs  []langOption
	Data   any
	Status int
}

// navigation says which links the header shows.
type navigation struct {
	Articles bool
	Admin    bool
	Queues   bool
}

type langOption struct {
	Code, Name string
	Selected   bool
}

func (s *Server) pageData(r *http.Request, c *reqCtx, title string, data any) pageData {
	pd := pageData{L: c.loc, F: c.fmt, Title: title, Path: r.URL.RequestURI(), Data: data}
	if c.sess != nil {
		u := c.user
		pd.User, pd.CSRF = &u, c.sess.CSRF
		pd.Nav = navigation{Articles: editorial.allows(c.who), Admin: adminsOnly.allows(c.who),
			Queues: adminsOnly.allows(c.who) && s.queues != nil}
		pd.Langs = append(pd.Langs, langOption{Code: "", Name: c.loc.T("LanguageBrowser"), Selected: u.UILang == ""})
		for _, code := range uiLangs {
			pd.Langs = append(pd.Langs, langOption{Code: code, Name: nativeNames[code], Selected: u.UILang == code})
		}
	}
	return pd
}

// uiLangs are the languages the UI speaks; each is offered in its own name.
var (
	uiLangs     = []string{"en", "es", "pt"}
	nativeNames = map[string]string{"en": "English", "es": "Español", "pt": "Português"}
)

// render executes a page into a buffer first, so a template error is a clean
// 500 and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, name, title string, data any) {
	pd := s.pageData(r, c, title, data)
	pd.Status = status
	s.write(w, status, s.tmpl.pages[name], "layout", pd)
}

// renderFragment executes a template of parts.html/panel.html.
func (s *Server) renderFragment(w http.ResponseWriter, status int, name string, data any) {
	s.write(w, status, s.tmpl.fragment, name, data)
}

func (s *Server) write(w http.ResponseWriter, status int, t *template.Template, name string, data any) {
	buf := s.tmpl.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer s.tmpl.bufs.Put(buf)
	if t == nil {
		s.log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(buf, name, data); err != nil {
		s.log.Error("render template", "name", name, "err", fmt.Errorf("execute: %w", err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
