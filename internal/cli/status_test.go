package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/app"
	"github.com/pressroom-dev/pressroom/internal/auth"
)

func TestStatus(t *testing.T) {
	a, err := app.Start(context.Background(), app.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Backends: "pseudo",
		Workers: 2, CheckInterval: 10 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tok, _, err := auth.CreateToken(context.Background(), a.Store.Queries, "t", auth.Translator, []string{"es"}, "")
	if err != nil {
		t.Fatal(err)
	}
	editor, _, err := auth.CreateToken(context.Background(), a.Store.Queries, "e", auth.Editor, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "strike.md")
	if err := os.WriteFile(f, []byte("# Port strike\n\n"+strike), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PRESSROOM_SERVER": a.URL(), "PRESSROOM_TOKEN": editor}
	code, out, errOut := runCLI(t, "", env, "ingest", f)
	if code != 0 {
		t.Fatalf("ingest: exit %d %s", code, errOut)
	}
	id := strings.Fields(out)[0]

	// --wait returns once both editions are in review.
	code, out, errOut = runCLI(t, "", env, "status", "--wait", "--interval", "20ms", "--timeout", "60s", id)
	if code != 0 {
		t.Fatalf("status --wait: exit %d %s", code, errOut)
	}
	// Not a terminal: plain lines, repeated only when they change; the
	// last report has every edition in review.
	reports := strings.Split(out, "\n\n")
	last := regexp.MustCompile(`edn_\w+`).ReplaceAllString(reports[len(reports)-1], "ED")
	want := id + "\tport-strike\trevision 1\tsegmented\n" +
		"ED\tes\tin_review\t2/2 drafted\t0/2 approved\n" +
		"ED\tpt-BR\tin_review\t2/2 drafted\t0/2 approved\n"
	if d := cmp.Diff(want, last); d != "" {
		t.Errorf("last report (-want +got):\n%s\nall output:\n%s", d, out)
	}
	for i := 1; i < len(reports); i++ {
		if reports[i] == reports[i-1] {
			t.Errorf("report %d repeats the one before:\n%s", i, out)
		}
	}
	// Without --wait: one report, the same.
	code, out2, _ := runCLI(t, "", env, "status", id)
	if code != 0 || regexp.MustCompile(`edn_\w+`).ReplaceAllString(out2, "ED") != want {
		t.Errorf("status: exit %d\n%s", code, out2)
	}

	// A translator may ask too, and sees only the editions of their
	// languages.
	trEnv := map[string]string{"PRESSROOM_SERVER": a.URL(), "PRESSROOM_TOKEN": tok}
	code, out3, _ := runCLI(t, "", trEnv, "status", id)
	wantES := id + "\tport-strike\trevision 1\tsegmented\n" + "ED\tes\tin_review\t2/2 drafted\t0/2 approved\n"
	if code != 0 || regexp.MustCompile(`edn_\w+`).ReplaceAllString(out3, "ED") != wantES {
		t.Errorf("status as an es translator: exit %d\n%s", code, out3)
	}

	for _, tc := range []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stderr string
	}{
		{"unknown article", []string{"status", "art_nonesuch"}, env, 2, "HTTP 404"},
		{"bad token", []string{"status", "--token", "prt_bad", id}, env, 2, "HTTP 401"},
		{"bad interval", []string{"status", "--wait", "--interval", "0s", id}, env, 2, "--interval"},
	} {
		code, out, errOut := runCLI(t, "", tc.env, tc.args...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q", tc.name, code, out, errOut)
		}
	}
}

func TestStatusViews(t *testing.T) {
	received := articleStatus{ID: "art_1", Slug: "s", Revision: 1, Status: "received"}
	translating := articleStatus{ID: "art_1", Slug: "s", Revision: 1, Status: "segmented", Editions: []editionStatus{
		{ID: "ed_1", Lang: "es", Status: "in_review", Progress: progress{Total: 4, Drafted: 4}},
		{ID: "ed_2", Lang: "pt-BR", Status: "translating", Progress: progress{Total: 4, Drafted: 1}},
	}}
	inReview := articleStatus{ID: "art_1", Slug: "s", Revision: 1, Status: "segmented", Editions: []editionStatus{
		{ID: "ed_1", Lang: "es", Status: "approved", Progress: progress{Total: 4, Drafted: 4, Approved: 4}},
		{ID: "ed_2", Lang: "pt-BR", Status: "in_review", Progress: progress{Total: 4, Drafted: 4}},
	}}
	outdated := articleStatus{ID: "art_1", Slug: "s", Revision: 2, Status: "segmented", Editions: []editionStatus{
		{ID: "ed_1", Lang: "es", Status: "outdated", Progress: progress{Total: 5, Drafted: 4}},
	}}
	for _, tc := range []struct {
		name string
		a    articleStatus
		want bool
	}{
		{"received", received, false},
		{"one edition translating", translating, false},
		{"all in review or beyond", inReview, true},
		{"outdated with a segment to draft", outdated, false},
		{"segmented without editions", articleStatus{Status: "segmented"}, false},
	} {
		if got := tc.a.inReview(); got != tc.want {
			t.Errorf("%s: inReview() = %v, want %v", tc.name, got, tc.want)
		}
	}

	var lines bytes.Buffer
	lv := &lineView{w: &lines}
	for _, s := range []articleStatus{received, received, translating, translating, inReview} {
		lv.show(s)
	}
	if got := strings.Count(lines.String(), "art_1\t"); got != 3 {
		t.Errorf("line view printed %d reports for 3 distinct states:\n%s", got, lines.String())
	}

	var term bytes.Buffer
	bv := &barView{w: &term}
	bv.show(received)
	bv.show(translating)
	out := term.String()
	for _, want := range []string{"art_1 s (revision 1): received\n", "\x1b[1A", "es     in_review", "(4/4", "pt-BR  translating", "(1/4"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar view lacks %q:\n%q", want, out)
		}
	}
}
