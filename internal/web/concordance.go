package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Concordance finds translation-memory units of a language pair that
// contain any of the words of a query. Config.Concordance may supply one
// (the tm package's); without it the editor searches the store's memory.
type Concordance interface {
	Concordance(ctx context.Context, from, to string, words []string, limit int) ([]ConcordanceUnit, error)
}

// ConcordanceUnit is one memory unit found, as tagged text.
type ConcordanceUnit struct {
	Source, Target, Origin string
}

// storeConcordance is the fallback: word containment over tm_units.
type storeConcordance struct{ st *store.Store }

func (c storeConcordance) Concordance(ctx context.Context, from, to string, words []string, limit int) ([]ConcordanceUnit, error) {
	units, err := c.st.ConcordanceTM(ctx, from, to, words, limit)
	if err != nil {
		return nil, err
	}
	out := make([]ConcordanceUnit, len(units))
	for i, u := range units {
		out[i] = ConcordanceUnit{Source: u.Source, Target: u.Target, Origin: u.Origin}
	}
	return out, nil
}

// concordanceHit is a unit as the script shows it: plain text cut into
// runs, the runs that match a query word marked.
type concordanceHit struct {
	Source []hlRun `json:"source"`
	Target []hlRun `json:"target"`
	Origin string  `json:"origin,omitempty"`
	Words  int     `json:"words"` // how many query words it contains
}

type hlRun struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

const (
	concordanceFetch = 200 // units read before ranking
	concordanceShow  = 30
	maxQueryWords    = 8
)

// concordance answers the editor's Ctrl+K: memory units of the edition's
// pair containing any of the query's words, those with more of them first,
// with every occurrence highlighted.
func (s *Server) concordance(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.edition(r, c)
	if err != nil {
		return err
	}
	a, err := s.st.GetArticle(r.Context(), e.ArticleID)
	if err != nil {
		return err
	}
	words := queryWords(r.URL.Query().Get("q"))
	if len(words) == 0 {
		return derrors.New(derrors.Invalid, "empty_query", "type at least one word")
	}
	units, err := s.conc.Concordance(r.Context(), a.SourceLang, e.Lang, words, concordanceFetch)
	if err != nil {
		return err
	}
	hits := make([]concordanceHit, 0, len(units))
	for _, u := range units {
		src, sn := highlight(inline.Plain(u.Source), words)
		tgt, tn := highlight(inline.Plain(u.Target), words)
		n := 0
		for i := range words {
			if sn[i] || tn[i] {
				n++
			}
		}
		if n == 0 {
			continue // matched inside markup only
		}
		hits = append(hits, concordanceHit{Source: src, Target: tgt, Origin: u.Origin, Words: n})
	}
	slices.SortStableFunc(hits, func(x, y concordanceHit) int { return cmp.Compare(y.Words, x.Words) })
	if len(hits) > concordanceShow {
		hits = hits[:concordanceShow]
	}
	writeJSON(w, http.StatusOK, map[string]any{"query": words, "hits": hits})
	return nil
}

// queryWords are the distinct words of a query, lower-cased, at most
// maxQueryWords of them; one-letter words are left out (they match nearly
// every unit).
func queryWords(q string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '-' && r != '\'' }) {
		f = strings.ToLower(f)
		if utf8.RuneCountInString(f) > 1 && !slices.Contains(out, f) && len(out) < maxQueryWords {
			out = append(out, f)
		}
	}
	return out
}

// highlight cuts text into runs, marking every case-insensitive occurrence
// of the words; found[i] says whether words[i] occurs.
func highlight(text string, words []string) ([]hlRun, []bool) {
	found := make([]bool, len(words))
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		lower = text // lower-casing changed byte lengths: match exactly
	}
	marked := make([]bool, len(text))
	for i, w := range words {
		for from := 0; ; {
			j := strings.Index(lower[from:], w)
			if j < 0 {
				break
			}
			found[i] = true
			for k := from + j; k < from+j+len(w); k++ {
				marked[k] = true
			}
			from += j + max(len(w), 1)
		}
	}
	var runs []hlRun
	start := 0
	for i := 1; i <= len(text); i++ {
		if i < len(text) && (marked[i] == marked[start] || !utf8.RuneStart(text[i])) {
			continue
		}
		runs = append(runs, hlRun{Text: text[start:i], Hit: marked[start]})
		start = i
	}
	return runs, found
}
