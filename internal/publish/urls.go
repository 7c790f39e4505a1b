package publish

import "github.com/pressroom-dev/pressroom/internal/store"

// The public site's addresses, built here and nowhere else (package site
// serves them: "GET /{lang}/{slug}", "GET /{lang}/feed.atom", "GET /{lang}/feed.json", "GET /{lang}/").

// PageURL is the address of an edition's published page.
func PageURL(baseURL, lang, slug string) string { return baseURL + "/" + lang + "/" + slug }

// FeedURL is the address of a language's Atom feed.
func FeedURL(baseURL, lang string) string { return baseURL + "/" + lang + "/feed.atom" }

// JSONFeedURL is the address of a language's JSON Feed.
func JSONFeedURL(baseURL, lang string) string { return baseURL + "/" + lang + "/feed.json" }

// IndexURL is the address of a language's index page.
func IndexURL(baseURL, lang string) string { return baseURL + "/" + lang + "/" }

// Alternates lists an article's live editions (store.Edition.Live) other
// than the one with id self, in the order given, each with its page's
// address: the hreflang alternates of a page.
func Alternates(baseURL, slug, self string, eds []store.Edition) []Alternate {
	var out []Alternate
	for _, e := range eds {
		if e.ID != self && e.Live() {
			out = append(out, Alternate{Lang: e.Lang, URL: PageURL(baseURL, e.Lang, slug)})
		}
	}
	return out
}
