// Package httpmttest holds the checks every HTTP backend's contract tests
// share: a server that never answers, how a failed call is classified, and
// that glossary terms survive the backend.
package httpmttest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// HangingServer returns a server that never answers: each request waits
// until the client gives up or the test ends.
func HangingServer(t testing.TB) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	return srv
}

// CheckFailure checks that a backend call failed, whether the failure is
// permanent, and the Retry-After it carries (0 for none).
func CheckFailure(t testing.TB, err error, permanent bool, retryAfter time.Duration) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if got := translate.IsPermanent(err); got != permanent {
		t.Errorf("IsPermanent(%v) = %v, want %v", err, got, permanent)
	}
	var ra *translate.RetryAfterError
	if got := errors.As(err, &ra); got != (retryAfter > 0) || (got && ra.After != retryAfter) {
		t.Errorf("err %v: RetryAfter %v, want %v", err, ra, retryAfter)
	}
}

// spy records the segments a backend receives.
type spy struct {
	translate.Backend
	mu   sync.Mutex
	sent []string
}

func (s *spy) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	s.mu.Lock()
	for _, seg := range req.Segments {
		s.sent = append(s.sent, seg.Text)
	}
	s.mu.Unlock()
	return s.Backend.Translate(ctx, req)
}

// CheckDoNotTranslate runs b behind the glossary's Guard (as the pipeline
// does) with the do-not-translate name "Jess Spear" and the preferred term
// union → sindicato, and checks that b never received the name or the term
// — they travel as placeholders — and that every draft holds the name
// exactly as written and the forced translation, with the segment's own
// tags intact. b should answer with its input's words (the contract tests'
// fake servers do), so a draft without the name means the backend lost it.
func CheckDoNotTranslate(t testing.TB, b translate.Backend, from, to string) {
	t.Helper()
	sp := &spy{Backend: b}
	reg, err := translate.NewRegistry(sp)
	if err != nil {
		t.Fatal(err)
	}
	router, err := translate.NewRouter(reg, translate.Policy{Default: []string{b.Name()}},
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	terms := []glossary.Term{
		{ID: "name", SourceLang: from, TargetLang: to, Source: "Jess Spear", Kind: glossary.DoNotTranslate, CaseSensitive: true},
		{ID: "union", SourceLang: from, TargetLang: to, Source: "union", Target: "sindicato", Kind: glossary.Preferred},
	}
	g := glossary.NewGuard(router, termList(terms), nil)
	tags := []inline.Tag{{ID: 1, Name: "em", Paired: true}, {ID: 2, Name: "br"}}
	segs := []translate.Segment{
		{ID: "a", Text: "Jess Spear said the <1>union</1> would strike.", Tags: tags},
		{ID: "b", Text: "Read <1>Jess Spear’s</1> letter<2/> &amp; reply.", Tags: tags},
		{ID: "c", Text: "Jess Spear", Tags: nil},
	}
	drafts, err := g.Translate(context.Background(), translate.Request{From: from, To: to, Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sp.sent {
		if strings.Contains(s, "Spear") || strings.Contains(s, "union") {
			t.Errorf("%s received %q: the protected words reached the engine", b.Name(), s)
		}
	}
	for i, d := range drafts {
		if d.Err != nil {
			t.Errorf("segment %s: %v", segs[i].ID, d.Err)
			continue
		}
		if !strings.Contains(d.Text, "Jess Spear") {
			t.Errorf("segment %s: draft %q lost the name", segs[i].ID, d.Text)
		}
		if err := inline.Check(segs[i].Text, d.Text); err != nil {
			t.Errorf("segment %s: draft %q: %v", segs[i].ID, d.Text, err)
		}
	}
	if len(drafts) > 0 && !strings.Contains(drafts[0].Text, "sindicato") {
		t.Errorf("draft %q: the preferred translation was not forced", drafts[0].Text)
	}
}

type termList []glossary.Term

func (l termList) PairTerms(context.Context, string, string) ([]glossary.Term, error) { return l, nil }
