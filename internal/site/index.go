package site

import (
	"bytes"
	"html/template"
	"net/http"
	"time"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/publish"
)

// indexSize is how many articles the index page and the feeds list.
const indexSize = 50

var indexTmpl = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="alternate" type="application/atom+xml" href="{{.Atom}}">
<link rel="alternate" type="application/feed+json" href="{{.JSONFeed}}">
<style>
body{font:18px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2{font-family:system-ui,sans-serif;line-height:1.25}
.meta{font:14px/1.4 system-ui,sans-serif;color:#666}
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
{{- range .Items}}
<article>
<h2><a href="{{.URL}}">{{.Title}}</a></h2>
<p class="meta"><time datetime="{{.ISO}}">{{.Date}}</time>{{if .Correction}} · {{.Correction}}{{end}}</p>
{{- if .Summary}}
<p>{{.Summary}}</p>
{{- end}}
</article>
{{- else}}
<p>{{.Empty}}</p>
{{- end}}
</main>
</body>
</html>
`))

type indexItem struct {
	URL, Title, Summary, Date, ISO, Correction string
}

// index is a language's front page: its live articles, newest first.
func (s *Site) index(w http.ResponseWriter, r *http.Request) {
	lang, entries, ok := s.langEntries(w, r)
	if !ok {
		return
	}
	loc := s.loc(lang)
	data := map[string]any{"Lang": lang, "Title": loc.T("IndexTitle", "Lang", loc.LangName(lang)),
		"Atom": publish.FeedURL(s.baseURL, lang), "JSONFeed": publish.JSONFeedURL(s.baseURL, lang), "Empty": loc.T("IndexEmpty")}
	var items []indexItem
	for _, e := range entries {
		it := indexItem{URL: e.URL, Title: e.Title, Summary: e.Summary, ISO: e.Updated.Format(time.RFC3339),
			Date: publish.LongDate(loc, e.Updated)}
		if e.Version >= 2 {
			it.Correction = loc.T("PageCorrection", "Date", publish.LongDate(loc, e.Updated), "Version", e.Version)
		}
		items = append(items, it)
	}
	data["Items"] = items
	var buf bytes.Buffer
	if err := indexTmpl.Execute(&buf, data); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", lang)
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	_, _ = w.Write(buf.Bytes())
}

var goneTmpl = template.Must(template.New("gone").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main><h1>{{.Title}}</h1><p>{{.Message}}</p><p><a href="{{.Index}}">{{.IndexTitle}}</a></p></main></body>
</html>
`))

// gone answers 410 with a page in the edition's language: the article was
// withdrawn.
func (s *Site) gone(w http.ResponseWriter, lang string) {
	loc := s.loc(lang)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", lang)
	w.WriteHeader(http.StatusGone)
	_ = goneTmpl.Execute(w, map[string]any{"Lang": lang, "Title": loc.T("PageGoneTitle"), "Message": loc.T("PageUnpublished"),
		"Index": "/" + lang + "/", "IndexTitle": indexTitle(loc, lang)})
}

func indexTitle(loc *i18n.Localizer, lang string) string {
	return loc.T("IndexTitle", "Lang", loc.LangName(lang))
}
