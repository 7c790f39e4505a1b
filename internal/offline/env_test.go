package offline_test

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/offline"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// env is the workflow on a real store, without a queue: the test runs
// each step itself (segment, translate with the pseudo backend).
type env struct {
	t   testing.TB
	p   *pipeline.Pipeline
	st  *store.Store
	svc *offline.Service
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// stores runs f on SQLite and, when PRESSROOM_TEST_DATABASE_URL names a
// server, on PostgreSQL.
func stores(t *testing.T, f func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { f(t, newEnv(t, "")) })
	t.Run("postgres", func(t *testing.T) { f(t, newEnv(t, testenv.PostgresURL(t))) })
}

func newEnv(t testing.TB, dbURL string) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, quiet); err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(pipeline.Deps{Store: st, Translator: translate.NewPseudo(), Log: quiet}, pipeline.Config{})
	return &env{t: t, p: p, st: st, svc: offline.ForPipeline(p, nil, quiet)}
}

// ingest adds an article and drafts its editions; it returns the editions
// by language.
func (e *env) ingest(body string, targets ...string) (store.Article, map[string]store.Edition) {
	e.t.Helper()
	ctx := context.Background()
	// Each call is a fresh article, even when a test ingests the same text again.
	a, err := e.p.Ingest(ctx, "test", pipeline.ArticleInput{Title: "Port strike", Format: "markdown", Body: body, Targets: targets, AllowDuplicate: true})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.p.SegmentArticle(ctx, a.ID, a.Revision); err != nil {
		e.t.Fatal(err)
	}
	eds, err := e.st.ArticleEditions(ctx, a.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]store.Edition{}
	for _, ed := range eds {
		if err := e.p.TranslateEdition(ctx, ed.ID, ed.Revision); err != nil {
			e.t.Fatal(err)
		}
		if out[ed.Lang], err = e.st.GetEdition(ctx, ed.ID); err != nil {
			e.t.Fatal(err)
		}
	}
	if a, err = e.st.GetArticle(ctx, a.ID); err != nil {
		e.t.Fatal(err)
	}
	return a, out
}

func (e *env) segments(editionID string) []store.Segment {
	e.t.Helper()
	ed, err := e.st.GetEdition(context.Background(), editionID)
	if err != nil {
		e.t.Fatal(err)
	}
	segs, err := e.st.EditionSegments(context.Background(), ed.ID, ed.Revision)
	if err != nil {
		e.t.Fatal(err)
	}
	return segs
}

func (e *env) export(who auth.Principal, editionID string, v xliff.Version) string {
	e.t.Helper()
	d, err := e.svc.Export(context.Background(), who, editionID, v)
	if err != nil {
		e.t.Fatal(err)
	}
	return string(d.Body)
}

var (
	ana    = auth.Principal{ID: "usr_ana", Name: "Ana", Role: auth.Translator, Langs: []string{"es"}}
	editor = auth.Principal{ID: "usr_ed", Name: "Ed", Role: auth.Editor}
)

// unitSpan returns the start and end of a unit's element in an XLIFF file.
func unitSpan(t *testing.T, doc, id string) (int, int) {
	t.Helper()
	open, closing := `<unit id="`+id+`"`, "</unit>"
	if strings.Contains(doc, `<trans-unit id="`) {
		open, closing = `<trans-unit id="`+id+`"`, "</trans-unit>"
	}
	i := strings.Index(doc, open)
	if i < 0 {
		t.Fatalf("no unit %s in the file", id)
	}
	j := strings.Index(doc[i:], closing)
	return i, i + j + len(closing)
}

var targetRE = regexp.MustCompile(`(?s)<target([^>]*)>(.*?)</target>`)

// setTarget replaces a unit's target content (inline XML as a tool writes
// it), as a translator's tool would.
func setTarget(t *testing.T, doc, id, content string) string {
	t.Helper()
	i, j := unitSpan(t, doc, id)
	unit := doc[i:j]
	m := targetRE.FindStringSubmatchIndex(unit)
	if m == nil {
		t.Fatalf("unit %s has no target", id)
	}
	unit = unit[:m[4]] + content + unit[m[5]:]
	return doc[:i] + unit + doc[j:]
}

// setState sets a unit's state: the segment's in 2.x, the target's in 1.2.
func setState(t *testing.T, doc, id, state string) string {
	t.Helper()
	i, j := unitSpan(t, doc, id)
	unit := regexp.MustCompile(`(<segment id="s1"|<target) state="[^"]*"`).ReplaceAllString(doc[i:j], `$1 state="`+state+`"`)
	return doc[:i] + unit + doc[j:]
}

// edit saves a text in pressroom, as who.
func (e *env) edit(who auth.Principal, sg store.Segment, target string) store.Segment {
	e.t.Helper()
	got, err := e.p.EditSegment(context.Background(), who, sg.EditionID, sg.ID, pipeline.SegmentEdit{Target: target, Version: sg.Version})
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// approve approves a segment at its version, as who.
func (e *env) approve(who auth.Principal, sg store.Segment) store.Segment {
	e.t.Helper()
	got, err := e.p.ApproveSegment(context.Background(), who, sg.EditionID, sg.ID, pipeline.SegmentApproval{Version: sg.Version})
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}
