package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// comparePage shows two published versions of an edition sentence by
// sentence: kept, changed (with a word diff), removed and added.
type comparePage struct {
	Edition  store.Edition
	Article  store.Article
	LangName string
	A, B     int
	Versions []int
	Rows     []compareRow
	Changes  int
}

type compareRow struct {
	Kind string // same, changed, removed, added
	Old  string
	New  string
	Diff []diffOp
}

func (s *Server) showCompare(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	e, err := s.st.GetEdition(ctx, r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		return derrors.New(derrors.NotFound, "edition_not_found", "no edition %q", r.PathValue("id"))
	} else if err != nil {
		return err
	}
	if e.Version < 1 {
		return derrors.New(derrors.NotFound, "not_published", "edition %s has no published version", e.ID)
	}
	a, err := s.st.GetArticle(ctx, e.ArticleID)
	if err != nil {
		return err
	}
	p := comparePage{Edition: e, Article: a, LangName: c.loc.LangName(e.Lang), A: max(e.Version-1, 1), B: e.Version}
	for i := 1; i <= e.Version; i++ {
		p.Versions = append(p.Versions, i)
	}
	for key, dst := range map[string]*int{"a": &p.A, "b": &p.B} {
		if v := r.URL.Query().Get(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > e.Version {
				return derrors.New(derrors.NotFound, "version_not_found", "edition %s has versions 1 to %d", e.ID, e.Version)
			}
			*dst = n
		}
	}
	var texts [2][]string
	for i, v := range []int{p.A, p.B} {
		ver, err := s.st.GetVersion(ctx, e.ID, v)
		if err != nil {
			return fmt.Errorf("version %d of %s: %w", v, e.ID, err)
		}
		if texts[i], err = versionSentences(e.Lang, ver.JSON); err != nil {
			return err
		}
	}
	p.Rows = compareSentences(texts[0], texts[1])
	for _, row := range p.Rows {
		if row.Kind != "same" {
			p.Changes++
		}
	}
	s.render(w, r, c, http.StatusOK, "compare", c.loc.T("CompareTitle", "A", p.A, "B", p.B), p)
	return nil
}

// versionSentences is a published version's text as sentences, in order,
// split by the rules of its language.
func versionSentences(lang, versionJSON string) ([]string, error) {
	var doc struct {
		Title  string `json:"title"`
		Blocks []struct {
			Text string `json:"text"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(versionJSON), &doc); err != nil {
		return nil, fmt.Errorf("stored version: %w", err)
	}
	var out []string
	for _, b := range doc.Blocks {
		for _, piece := range segment.Split(lang, inline.Escape(b.Text)) {
			if t := inline.Plain(piece.Text); t != "" {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// maxCompareSentences bounds the LCS table of a comparison.
const maxCompareSentences = 4000

// compareSentences aligns two sentence lists (longest common subsequence)
// and pairs a removed sentence with the added one that takes its place as
// a change when the two are akin; unrelated neighbours (one sentence
// dropped where another was added) stay a removal and an addition.
func compareSentences(a, b []string) []compareRow {
	if len(a) > maxCompareSentences || len(b) > maxCompareSentences {
		a, b = a[:min(len(a), maxCompareSentences)], b[:min(len(b), maxCompareSentences)]
	}
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var rows []compareRow
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			rows = append(rows, compareRow{Kind: "same", Old: a[i], New: b[j]})
			i, j = i+1, j+1
		case i < len(a) && j < len(b) && lcs[i+1][j] == lcs[i][j+1] && lcs[i+1][j+1] == lcs[i][j] && akin(a[i], b[j]):
			// Neither sentence is kept elsewhere and they share their
			// words: one is the other, changed.
			rows = append(rows, compareRow{Kind: "changed", Old: a[i], New: b[j], Diff: wordDiff(a[i], b[j])})
			i, j = i+1, j+1
		case j >= len(b) || (i < len(a) && lcs[i+1][j] >= lcs[i][j+1]):
			rows = append(rows, compareRow{Kind: "removed", Old: a[i]})
			i++
		default:
			rows = append(rows, compareRow{Kind: "added", New: b[j]})
			j++
		}
	}
	return rows
}

// akin reports whether two sentences share at least a third of the words
// of the longer one (case folded, counted with repeats): an edit of one
// sentence, not a different sentence.
func akin(a, b string) bool {
	wa, wb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	count := map[string]int{}
	for _, w := range wa {
		count[strings.Trim(w, ".,;:!?¡¿\"'«»()")]++
	}
	shared := 0
	for _, w := range wb {
		w = strings.Trim(w, ".,;:!?¡¿\"'«»()")
		if count[w] > 0 {
			count[w]--
			shared++
		}
	}
	return 3*shared >= max(len(wa), len(wb))
}
