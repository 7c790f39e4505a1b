// Package site serves published editions to readers: /{lang}/{slug} (HTML,
// Markdown or JSON), each language's index page /{lang}/ and its feeds
// /{lang}/feed.atom (RFC 4287) and /{lang}/feed.json (JSON Feed 1.1).
package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"github.com/pressroom-dev/pressroom/internal/httpjson"
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
	mux.HandleFunc("GET /{lang}/{$}", s.index)
	mux.HandleFunc("GET /{lang}/{slug}", s.page)
	mux.HandleFunc("GET /{lang}/feed.atom", s.atom)
	mux.HandleFunc("GET /{lang}/feed.json", s.jsonFeed)
}

// knownLang reports whether any article has an edition in lang; other
// languages are 404, not an empty feed.
func (s *Site) knownLang(w http.ResponseWriter, r *http.Request, lang string) bool {
	langs, err := s.st.EditionLangs(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	if !slices.Contains(langs, lang) {
		http.NotFound(w, r)
		return false
	}
	return true
}

// formats are the forms of a page, chosen with ?format=.
var formats = []string{"", "html", "markdown", "json"}

func (s *Site) page(w http.ResponseWriter, r *http.Request) {
	lang, slug := r.PathValue("lang"), r.PathValue("slug")
	format := r.URL.Query().Get("format")
	if !slices.Contains(formats, format) {
		httpjson.WriteError(w, http.StatusNotAcceptable, httpjson.ErrorFields{Code: "unknown_format",
			Message: fmt.Sprintf("format %q is not served; want html, markdown or json", format)})
		return
	}
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
		s.gone(w, lang)
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
	etag += "-" + format + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Language", lang)
	// Caches revalidate every time (a 304 when nothing changed): a
	// correction, a withdrawal or a new alternate shows at once.
	w.Header().Set("Cache-Control", "public, no-cache")
	w.Header().Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	switch format {
	case "markdown":
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		fmt.Fprint(w, v.Markdown)
	case "json":
		body, err := withJSONAlternates(v.JSON, alts)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		fmt.Fprint(w, body)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:")
		fmt.Fprint(w, publish.WithAlternates(v.HTML, publish.Alternate{Lang: lang, URL: publish.PageURL(s.baseURL, lang, a.Slug)}, alts, a.CanonicalURL, s.loc(lang)))
	}
}

// withJSONAlternates replaces the alternates stored in a version's JSON
// (those live when it was published) with the current ones, as the HTML
// form does.
func withJSONAlternates(doc string, alts []publish.Alternate) (string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		return "", fmt.Errorf("stored version JSON: %w", err)
	}
	if alts == nil {
		alts = []publish.Alternate{}
	}
	b, err := json.Marshal(alts)
	if err != nil {
		return "", err
	}
	m["alternates"] = b
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err = enc.Encode(m)
	return out.String(), err
}

// alternates lists the article's other live editions.
func (s *Site) alternates(r *http.Request, a store.Article, e store.Edition) ([]publish.Alternate, error) {
	eds, err := s.st.ArticleEditions(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	return publish.Alternates(s.baseURL, a.Slug, e.ID, eds), nil
}

func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("page failed", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}
