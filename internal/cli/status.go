package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// articleStatus is the part of GET /api/v1/articles/{id} that status shows.
type articleStatus struct {
	ID       string          `json:"id"`
	Slug     string          `json:"slug"`
	Revision int             `json:"revision"`
	Status   string          `json:"status"`
	Editions []editionStatus `json:"editions"`
}

// editionStatus is one edition of articleStatus.
type editionStatus struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Status   string   `json:"status"`
	Version  int      `json:"version"`
	Progress progress `json:"progress"`
}

// progress counts an edition's segments (as store.Progress).
type progress struct {
	Total    int `json:"total"`
	Drafted  int `json:"drafted"`
	Approved int `json:"approved"`
}

// inReview reports whether every edition has reached review: the article
// is segmented and no edition is still translating or has segments
// without a draft.
func (a articleStatus) inReview() bool {
	if a.Status != "segmented" || len(a.Editions) == 0 {
		return false
	}
	for _, e := range a.Editions {
		if e.Status == "translating" || e.Progress.Drafted < e.Progress.Total {
			return false
		}
	}
	return true
}

// lines is the plain report: the article, then one line per edition.
func (a articleStatus) lines() []string {
	out := []string{fmt.Sprintf("%s\t%s\trevision %d\t%s", a.ID, a.Slug, a.Revision, a.Status)}
	for _, e := range a.Editions {
		p := e.Progress
		out = append(out, fmt.Sprintf("%s\t%s\t%s\t%d/%d drafted\t%d/%d approved", e.ID, e.Lang, e.Status, p.Drafted, p.Total, p.Approved, p.Total))
	}
	return out
}

func statusCmd(env Env) *cobra.Command {
	var server, token string
	var wait bool
	var interval, timeout time.Duration
	cmd := &cobra.Command{
		Use:   "status [flags] ARTICLE_ID",
		Short: "Show an article's editions and their progress",
		Long: `status asks the server for an article and prints one line for the article
(id, slug, revision, status) and one per edition (id, language, status,
segments drafted and approved). With --wait it keeps asking every --interval
until every edition has reached review (a draft for every segment), drawing
a progress bar per edition when stdout is a terminal and printing the lines
again whenever they change otherwise. Any token may ask (pressroom token
create). Exit status 2 for an unknown article or a refused token, 1 when
the server cannot be reached, segmentation failed, or --timeout passed.`,
		Example: `  pressroom status --token $TOKEN art_01J...
  pressroom ingest --token $TOKEN strike.md | cut -f1 | xargs pressroom status --token $TOKEN --wait`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				return usagef("status needs --token (or PRESSROOM_TOKEN); create one with: pressroom token create --role editor")
			}
			if interval <= 0 {
				return usagef("--interval must be positive")
			}
			ctx := cmd.Context()
			if timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, timeout)
				defer cancel()
			}
			c := newAPIClient(server, token)
			var show func(articleStatus)
			if wait && isTerminal(env.Stdout) {
				show = (&barView{w: env.Stdout}).show
			} else {
				show = (&lineView{w: env.Stdout}).show
			}
			path := "/api/v1/articles/" + url.PathEscape(args[0])
			for {
				var a articleStatus
				if err := c.do(ctx, http.MethodGet, path, nil, http.StatusOK, &a); err != nil {
					if ctx.Err() != nil && timeout > 0 {
						return fmt.Errorf("%s has not reached review after %s", args[0], timeout)
					}
					return err
				}
				done := a.inReview()
				show(a)
				switch {
				case a.Status == "failed":
					return fmt.Errorf("segmentation of %s failed; see the server's log", a.ID)
				case done || !wait:
					return nil
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("%s has not reached review after %s", args[0], timeout)
				case <-time.After(interval):
				}
			}
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "server", "http://localhost:8080", "base URL of the pressroom server")
	f.StringVar(&token, "token", "", "API token, any role (required)")
	f.BoolVar(&wait, "wait", false, "keep asking until every edition has reached review")
	f.DurationVar(&interval, "interval", time.Second, "with --wait, how often to ask")
	f.DurationVar(&timeout, "timeout", 0, "with --wait, give up after this long (exit 1); default: never")
	return cmd
}

// lineView prints the report's lines whenever they change.
type lineView struct {
	w    io.Writer
	last string
}

func (v *lineView) show(a articleStatus) {
	s := strings.Join(a.lines(), "\n") + "\n"
	if s == v.last {
		return
	}
	if v.last != "" {
		fmt.Fprintln(v.w)
	}
	fmt.Fprint(v.w, s)
	v.last = s
}

// barView redraws one progress bar per edition in place, on a terminal.
type barView struct {
	w     io.Writer
	drawn int // lines drawn last time, to move back over
}

func (v *barView) show(a articleStatus) {
	var b strings.Builder
	if v.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", v.drawn)
	}
	lines := []string{fmt.Sprintf("%s %s (revision %d): %s", a.ID, a.Slug, a.Revision, a.Status)}
	for _, e := range a.Editions {
		total := max(e.Progress.Total, 1)
		bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(io.Discard), progressbar.OptionSetWidth(30),
			progressbar.OptionSetDescription(fmt.Sprintf("%-6s %-12s", e.Lang, e.Status)), progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(false), progressbar.OptionSetElapsedTime(false))
		_ = bar.Set(e.Progress.Drafted)
		lines = append(lines, strings.TrimLeft(bar.String(), "\r"))
	}
	for _, l := range lines {
		b.WriteString("\x1b[2K" + l + "\n")
	}
	v.drawn = len(lines)
	fmt.Fprint(v.w, b.String())
}

// isTerminal reports whether w is a terminal, for progress bars.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
