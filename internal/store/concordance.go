package store

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ConcordanceTM returns up to limit memory entries of a language pair whose
// source or target contains any of words (case-insensitively, as
// substrings), newest first. It is the editor's concordance search until the
// tm package offers a better one; ranking and highlighting are the caller's.
func (q *Queries) ConcordanceTM(ctx context.Context, sourceLang, targetLang string, words []string, limit int) ([]TMEntry, error) {
	if len(words) == 0 || limit <= 0 {
		return nil, nil
	}
	args := []any{sourceLang, targetLang}
	var conds []string
	for _, w := range words {
		for _, v := range caseVariants(strings.ToLower(w)) {
			pat := "%" + likeEscaper.Replace(v) + "%"
			conds = append(conds, `LOWER(source) LIKE ? ESCAPE '\' OR LOWER(target) LIKE ? ESCAPE '\'`)
			args = append(args, pat, pat)
		}
	}
	args = append(args, limit)
	return q.tmEntries(ctx, `WHERE source_lang = ? AND target_lang = ? AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY updated_at DESC, id LIMIT ?`, args...)
}

// maxCaseVariants bounds the patterns one word becomes.
const maxCaseVariants = 8

// caseVariants returns lower-cased w with each of its non-ASCII letters in
// both cases ("évora" → "évora", "Évora"): SQLite's LOWER and LIKE fold
// ASCII letters only, so "Évora" in the memory is not found as "évora";
// PostgreSQL's LOWER folds them and matches the first. Past
// maxCaseVariants patterns the rest of the letters stay lower case.
func caseVariants(w string) []string {
	out := []string{""}
	for _, r := range w {
		u := unicode.ToUpper(r)
		if r < utf8.RuneSelf || u == r || 2*len(out) > maxCaseVariants {
			for i := range out {
				out[i] += string(r)
			}
			continue
		}
		n := len(out)
		for i := 0; i < n; i++ {
			out = append(out, out[i]+string(u))
			out[i] += string(r)
		}
	}
	return out
}

// likeEscaper escapes LIKE's wildcards (with '\' as the ESCAPE character).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
