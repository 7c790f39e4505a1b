// Package site serves published editions to readers: /{lang}/{slug} and
// each language's Atom feed /{lang}/feed.atom.
package site

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Site serves published pages.
type Site struct {
	st      *store.Store
	baseURL string
	locales *i18n.Bundle
	log     *slog.Logger
}

// New returns the site.
func New(st *store.Store, baseURL string, locales *i18n.Bundle, log *slog.Logger) *Site {
	return &Site{st: st, baseURL: baseURL, locales: locales, log: log}
}

// loc is the localizer of a page or feed in lang.
func (s *Site) loc(lang string) *i18n.Localizer { return s.locales.Localizer(lang) }

// Routes registers the public pages.
func (s *Site) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{lang}/{slug}", s.page)
	mux.HandleFunc("GET /{lang}/feed.atom", s.feed)
}

func (s *Site) page(w http.ResponseWriter, r *http.Request) {
	lang, slug := r.PathValue("lang"), r.PathValue("slug")
	a, err := s.st.GetArticleBySlug(r.Context(), slug)
	var e store.Edition
	if err == nil {
		e, err = s.st.GetEditionByLang(r.Context(), a.ID, lang)
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && e.Version == 0) { // never published
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if e.Status == store.EditionUnpublished {
		http.Error(w, s.loc(lang).T("PageUnpublished"), http.StatusGone)
		return
	}
	v, err := s.st.GetVersion(r.Context(), e.ID, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	alts, err := s.alternates(r, a, e)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	etag := `"` + e.ID + "-" + strconv.Itoa(v.Version)
	for _, alt := range alts {
		etag += "-" + alt.Lang
	}
	etag += `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Language", lang)
	w.Header().Set("Cache-Control", "public, max-age=60")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	switch r.URL.Query().Get("format") {
	case "markdown":
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		fmt.Fprint(w, v.Markdown)
	case "json":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		fmt.Fprint(w, v.JSON)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:")
		fmt.Fprint(w, publish.WithAlternates(v.HTML, alts, s.loc(lang)))
	}
}

// alternates lists the article's other live editions.
func (s *Site) alternates(r *http.Request, a store.Article, e store.Edition) ([]publish.Alternate, error) {
	eds, err := s.st.ArticleEditions(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	return publish.Alternates(s.baseURL, a.Slug, e.ID, eds), nil
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomEntry struct {
	ID      string    `xml:"id"`
	Title   string    `xml:"title"`
	Updated string    `xml:"updated"`
	Link    atomLink  `xml:"link"`
	Content atomBlock `xml:"content"`
}

type atomBlock struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func (s *Site) feed(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	eds, err := s.st.PublishedInLang(r.Context(), lang, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.loc(lang)
	f := atomFeed{Lang: lang, ID: publish.FeedURL(s.baseURL, lang), Title: loc.T("FeedTitle", "Lang", loc.LangName(lang)),
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Link:    []atomLink{{Rel: "self", Href: publish.FeedURL(s.baseURL, lang)}}}
	for i, e := range eds {
		a, err := s.st.GetArticle(r.Context(), e.ArticleID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := s.st.GetVersion(r.Context(), e.ID, 0)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		updated := v.CreatedAt.UTC().Format(time.RFC3339)
		if i == 0 {
			f.Updated = updated
		}
		url := publish.PageURL(s.baseURL, lang, a.Slug)
		f.Entries = append(f.Entries, atomEntry{ID: url, Title: v.Title, Updated: updated,
			Link: atomLink{Rel: "alternate", Href: url, HrefLang: lang}, Content: atomBlock{Type: "html", Body: articleHTML(v.JSON)}})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	fmt.Fprint(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		s.log.Warn("write feed", "err", err)
	}
}

func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("page failed", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// articleHTML is the body of a published version without the page around
// it, for feed entries.
func articleHTML(versionJSON string) string {
	var doc struct {
		Blocks []struct {
			Kind  string `json:"kind"`
			Level int    `json:"level"`
			HTML  string `json:"html"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(versionJSON), &doc); err != nil {
		return ""
	}
	var b strings.Builder
	for _, blk := range doc.Blocks {
		tag := "p"
		switch blk.Kind {
		case "heading":
			tag = "h" + strconv.Itoa(min(max(blk.Level, 1), 6))
		case "quote":
			tag = "blockquote"
		}
		b.WriteString("<" + tag + ">" + blk.HTML + "</" + tag + ">\n")
	}
	return b.String()
}
