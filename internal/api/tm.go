package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/tm/tmx"
)

// MaxTMXBytes bounds a TMX file sent to POST /api/v1/tm/import: a million
// units of news sentences take about 600 MB.
const MaxTMXBytes = 1 << 30

// memoryRoute is a route of the translation memory, with its own bound on
// the request body (a TMX import is far larger than any JSON request).
type memoryRoute struct {
	pattern string
	roles   []string
	maxBody int64
	h       handlerFunc
}

func (s *Server) memoryRoutes() []memoryRoute {
	return []memoryRoute{
		{"GET /api/v1/tm/lookup", nil, pipeline.MaxRequestBytes, s.lookupMemory},
		{"POST /api/v1/tm/import", admins, MaxTMXBytes, s.importMemory},
		{"GET /api/v1/tm/export", editors, pipeline.MaxRequestBytes, s.exportMemory},
		{"GET /api/v1/tm/entries", admins, pipeline.MaxRequestBytes, s.searchMemory},
		{"PUT /api/v1/tm/entries/{id}", admins, pipeline.MaxRequestBytes, s.correctMemory},
		{"DELETE /api/v1/tm/entries/{id}", admins, pipeline.MaxRequestBytes, s.deleteMemory},
	}
}

// pair reads and checks the from and to parameters; translators may only
// use the memory of their languages.
func pair(r *http.Request, who auth.Principal, required bool) (string, string, error) {
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	if from == "" && !required {
		from = "en"
	}
	if from == "" || to == "" {
		return "", "", invalid("missing_parameter", "send the language pair as ?from=en&to=es")
	}
	langs, err := auth.CanonicalLangs([]string{from, to})
	if err != nil || len(langs) != 2 {
		return "", "", invalid("invalid_language", "from=%q to=%q: not language tags", from, to)
	}
	if !who.CanReview(langs[1]) {
		return "", "", derrors.New(derrors.Forbidden, "forbidden", "the memory into %s is not this token's; it may work on %v", langs[1], who.Langs)
	}
	return langs[0], langs[1], nil
}

// matchView is a lookup answer's match.
type matchView struct {
	Source string         `json:"source"`
	Target string         `json:"target"`
	Score  int            `json:"score"`
	Kind   string         `json:"kind"`
	Diff   []store.DiffOp `json:"diff"`
	Entry  int64          `json:"entry_id"`
}

// MatchViews is how the API and the CLI show matches.
func matchViews(ms []tm.Match) []matchView {
	out := make([]matchView, 0, len(ms))
	for _, m := range ms {
		out = append(out, matchView{Source: m.Source, Target: m.Target, Score: m.Score, Kind: m.Kind, Diff: m.Diff, Entry: m.Entry.ID})
	}
	return out
}

// maxQueryBytes bounds a sentence to look up.
const maxQueryBytes = 8 << 10

func (s *Server) lookupMemory(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	from, to, err := pair(r, who, false)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	text := q.Get("q")
	if text == "" {
		return invalid("missing_parameter", "send the sentence to look up as ?q=…")
	}
	for _, v := range []string{text, q.Get("prev"), q.Get("next")} {
		if len(v) > maxQueryBytes || !utf8.ValidString(v) {
			return invalid("invalid_query", "q, prev and next must be UTF-8 text of at most %d bytes", maxQueryBytes)
		}
	}
	limit, err := limitParam(r, 5)
	if err != nil {
		return err
	}
	res, err := s.p.Memory().Lookup(r.Context(), from, to, []tm.Query{{Source: text, Prev: q.Get("prev"), Next: q.Get("next")}}, min(limit, 50))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"matches": matchViews(res[0])})
	return nil
}

func (s *Server) importMemory(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	q := r.URL.Query()
	opts := tmx.ImportOptions{Options: tmx.Options{From: q.Get("from"), To: q.Get("to"), MaxBytes: MaxTMXBytes}}
	stats, err := tmx.Import(r.Context(), s.st, s.p.Memory(), r.Body, opts)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), errors.Is(err, tmx.ErrTooLarge):
		return derrors.New(derrors.TooLarge, "tmx_too_large", "the TMX file exceeds %d bytes", int64(MaxTMXBytes))
	case errors.Is(err, tmx.ErrInvalid):
		return invalid("invalid_tmx", "%v; nothing was imported", err)
	case err != nil:
		return err
	}
	s.log.InfoContext(r.Context(), "translation memory imported", "by", who.ID, "units", stats.Units, "entries", stats.Entries)
	writeJSON(w, http.StatusOK, stats)
	return nil
}

func (s *Server) exportMemory(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	from, to, err := pair(r, who, true)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-tmx+xml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="memory-%s-%s.tmx"`, from, to))
	// Once the file has started, a failure can only cut it short: the
	// reader sees a truncated file.
	if _, err := tmx.Export(r.Context(), s.st, w, from, to, "1"); err != nil {
		s.log.ErrorContext(r.Context(), "translation memory export failed midway", "from", from, "to", to, "err", err)
	}
	return nil
}

func (s *Server) searchMemory(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	from, to, err := pair(r, who, false)
	if err != nil {
		return err
	}
	limit, err := limitParam(r, 50)
	if err != nil {
		return err
	}
	var before time.Time
	if b := r.URL.Query().Get("before"); b != "" {
		if before, err = time.Parse(time.RFC3339, b); err != nil {
			return invalid("invalid_before", "before must be an RFC 3339 time")
		}
	}
	es, err := s.p.Memory().Search(r.Context(), from, to, r.URL.Query().Get("q"), before, limit)
	if err != nil {
		return err
	}
	if es == nil {
		es = []tm.Entry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": es})
	return nil
}

func entryID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound("entry_not_found", "no memory entry %q", r.PathValue("id"))
	}
	return id, nil
}

func memoryError(err error, id int64) error {
	switch {
	case errors.Is(err, tm.ErrNotFound):
		return notFound("entry_not_found", "no memory entry %d", id)
	}
	return err
}

// entryCorrection is the body of PUT /api/v1/tm/entries/{id}.
type entryCorrection struct {
	Target string `json:"target"`
}

// RequiredFields tells httpjson.Decode which fields a request must send.
func (entryCorrection) RequiredFields() []string { return []string{"target"} }

func (s *Server) correctMemory(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	id, err := entryID(r)
	if err != nil {
		return err
	}
	var in entryCorrection
	if err := httpjson.Decode(r, &in); err != nil {
		return err
	}
	e, err := s.p.Memory().Correct(r.Context(), id, in.Target, who.ID)
	if err != nil {
		return memoryError(err, id)
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

func (s *Server) deleteMemory(w http.ResponseWriter, r *http.Request, who auth.Principal) error {
	id, err := entryID(r)
	if err != nil {
		return err
	}
	if err := s.p.Memory().Delete(r.Context(), id); err != nil {
		return memoryError(err, id)
	}
	s.log.InfoContext(r.Context(), "translation memory entry deleted", "by", who.ID, "entry", id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
