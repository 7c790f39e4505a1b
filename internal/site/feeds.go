package site

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"time"

	"github.com/pressroom-dev/pressroom/internal/publish"
)

// entry is one live edition as the index and the feeds show it.
type entry struct {
	URL, Title, Summary, Byline, HTML string
	Published, Updated                time.Time
	Version                           int
}

// langEntries reads the {lang} of an index or feed request and its live
// entries; when it answers false it has already written the 404 or error.
func (s *Site) langEntries(w http.ResponseWriter, r *http.Request) (string, []entry, bool) {
	lang := r.PathValue("lang")
	if !s.knownLang(w, r, lang) {
		return "", nil, false
	}
	entries, err := s.entries(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return "", nil, false
	}
	return lang, entries, true
}

// entries lists a language's live editions, most recently (re)published
// first, from their current versions.
func (s *Site) entries(r *http.Request, lang string) ([]entry, error) {
	eds, err := s.st.PublishedInLang(r.Context(), lang, indexSize)
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, e := range eds {
		a, err := s.st.GetArticle(r.Context(), e.ArticleID)
		if err != nil {
			return nil, err
		}
		v, err := s.st.GetVersion(r.Context(), e.ID, 0)
		if err != nil {
			return nil, err
		}
		doc, err := decodeVersion(v.JSON)
		if err != nil {
			return nil, fmt.Errorf("version %d of %s: %w", v.Version, e.ID, err)
		}
		en := entry{URL: publish.PageURL(s.baseURL, lang, a.Slug), Title: v.Title, Summary: doc.Summary, Byline: doc.Byline,
			HTML: doc.html(), Updated: v.CreatedAt.UTC(), Published: doc.FirstPublishedAt.UTC(), Version: v.Version}
		if !doc.PublishedAt.IsZero() {
			en.Updated = doc.PublishedAt.UTC()
		}
		if en.Published.IsZero() {
			en.Published = en.Updated
		}
		out = append(out, en)
	}
	return out, nil
}

// versionDoc is the part of a published version's JSON the feeds use.
type versionDoc struct {
	Summary          string    `json:"summary"`
	Byline           string    `json:"byline"`
	FirstPublishedAt time.Time `json:"first_published_at"`
	PublishedAt      time.Time `json:"published_at"`
	Blocks           []struct {
		Kind    string `json:"kind"`
		Level   int    `json:"level"`
		Ordered bool   `json:"ordered"`
		HTML    string `json:"html"`
	} `json:"blocks"`
}

func decodeVersion(s string) (versionDoc, error) {
	var d versionDoc
	err := json.Unmarshal([]byte(s), &d)
	return d, err
}

// html is the article's body without the page around it, for feed content:
// laid out as on the page, lists and captions included.
func (d versionDoc) html() string {
	blocks := make([]publish.RenderedBlock, 0, len(d.Blocks))
	for _, b := range d.Blocks {
		blocks = append(blocks, publish.RenderedBlock{Kind: b.Kind, Level: b.Level, Ordered: b.Ordered, HTML: b.HTML})
	}
	return publish.JoinHTML(blocks)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomPerson `xml:"author"`
	Link      atomLink   `xml:"link"`
	Summary   *atomText  `xml:"summary,omitempty"`
	Content   atomText   `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// feedUpdated is when a feed last changed: its newest entry's update, or
// for a feed without entries the time it is served.
func feedUpdated(entries []entry) time.Time {
	t := time.Now().UTC()
	for i, e := range entries {
		if i == 0 || e.Updated.After(t) {
			t = e.Updated
		}
	}
	return t
}

// atom is a language's Atom feed (RFC 4287): every entry has an author,
// published and updated times and a summary.
func (s *Site) atom(w http.ResponseWriter, r *http.Request) {
	lang, entries, ok := s.langEntries(w, r)
	if !ok {
		return
	}
	loc := s.loc(lang)
	org := loc.T("FeedAuthor")
	f := atomFeed{Lang: lang, ID: publish.FeedURL(s.baseURL, lang), Title: loc.T("FeedTitle", "Lang", loc.LangName(lang)),
		Updated: feedUpdated(entries).Format(time.RFC3339), Author: atomPerson{Name: org},
		Link: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: publish.FeedURL(s.baseURL, lang)},
			{Rel: "alternate", Type: "text/html", Href: publish.IndexURL(s.baseURL, lang), HrefLang: lang}}}
	for _, e := range entries {
		author := e.Byline
		if author == "" {
			author = org
		}
		ae := atomEntry{ID: e.URL, Title: e.Title, Published: e.Published.Format(time.RFC3339), Updated: e.Updated.Format(time.RFC3339),
			Author: atomPerson{Name: author}, Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.URL, HrefLang: lang},
			Content: atomText{Type: "html", Body: e.HTML}}
		summary := e.Summary
		if summary == "" {
			summary = e.Title
		}
		ae.Summary = &atomText{Type: "text", Body: summary}
		f.Entries = append(f.Entries, ae)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	fmt.Fprint(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		s.log.Warn("write feed", "err", err)
	}
}

// jsonFeedDoc is a JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeedDoc struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Language    string         `json:"language"`
	Authors     []jsonAuthor   `json:"authors"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html"`
	Summary       string       `json:"summary,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Language      string       `json:"language"`
}

func (s *Site) jsonFeed(w http.ResponseWriter, r *http.Request) {
	lang, entries, ok := s.langEntries(w, r)
	if !ok {
		return
	}
	loc := s.loc(lang)
	f := jsonFeedDoc{Version: "https://jsonfeed.org/version/1.1", Title: loc.T("FeedTitle", "Lang", loc.LangName(lang)),
		HomePageURL: publish.IndexURL(s.baseURL, lang), FeedURL: publish.JSONFeedURL(s.baseURL, lang), Language: lang,
		Authors: []jsonAuthor{{Name: loc.T("FeedAuthor")}}, Items: []jsonFeedItem{}}
	for _, e := range entries {
		summary := e.Summary
		if summary == "" {
			summary = e.Title
		}
		it := jsonFeedItem{ID: e.URL, URL: e.URL, Title: e.Title, ContentHTML: e.HTML, Summary: summary,
			DatePublished: e.Published.Format(time.RFC3339), DateModified: e.Updated.Format(time.RFC3339), Language: lang}
		if e.Byline != "" {
			it.Authors = []jsonAuthor{{Name: e.Byline}}
		}
		f.Items = append(f.Items, it)
	}
	w.Header().Set("Content-Type", "application/feed+json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		s.log.Warn("write feed", "err", err)
	}
}
