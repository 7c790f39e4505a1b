package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/importer"
)

func ingestCmd(env Env) *cobra.Command {
	var server, token, format, title string
	var targets []string
	cmd := &cobra.Command{
		Use:   "ingest [flags] FILE...",
		Short: "Send article files to a running pressroom for translation",
		Long: `ingest posts each FILE to POST /api/v1/articles of the server and prints the new
article's id, slug and file name. The format follows the file name (.md and
.markdown are markdown, .html and .htm html, .txt text), else the content
(Markdown links, emphasis, code or # headings mean markdown), unless --format
is given. The token needs the editor or admin role (pressroom token create
--role editor). Files that fail are named on stderr and the others still go.
Exit status 2 when a file was refused (unreadable, not UTF-8, or a 4xx
answer), 1 when the server could not be reached or failed.`,
		Example: `  pressroom ingest --token $TOKEN strike.md notes/*.txt`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			if token == "" {
				return usagef("ingest needs --token (or PRESSROOM_TOKEN); create one with: pressroom token create --role editor")
			}
			if format != "" && format != "text" && format != "markdown" && format != "html" {
				return usagef("--format %q: want text, markdown or html", format)
			}
			if title != "" && len(files) > 1 {
				return usagef("--title names one article; give one FILE with it")
			}
			bar := progressbar.NewOptions(len(files), progressbar.OptionSetWriter(env.Stderr),
				progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish(), progressbar.OptionSetVisibility(len(files) > 1 && isTerminal(env.Stderr)))
			client := newAPIClient(server, token)
			failed, refused := 0, 0
			for _, f := range files {
				out, err := ingestFile(cmd.Context(), client, f, format, title, targets)
				_ = bar.Add(1)
				if err != nil {
					failed++
					if errors.As(err, new(usageError)) {
						refused++
					}
					_ = bar.Clear()
					fmt.Fprintf(env.Stderr, "%s: %v\n", f, err)
					continue
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", out.ID, out.Slug, f)
			}
			if failed == 0 {
				return nil
			}
			err := fmt.Errorf("%d of %d files were not ingested", failed, len(files))
			if refused == failed {
				return usageError{err}
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "server", "http://localhost:8080", "base URL of the pressroom server")
	f.StringVar(&token, "token", "", "API token with the editor or admin role (required)")
	f.StringVar(&format, "format", "", "text, markdown or html; default: from the file name, else the content")
	f.StringVar(&title, "title", "", "article title (one FILE only); default: the first heading")
	f.StringSliceVar(&targets, "targets", nil, "target languages; default: the server's")
	return cmd
}

type ingestResult struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
}

func ingestFile(ctx context.Context, c *apiClient, path, format, title string, targets []string) (ingestResult, error) {
	var out ingestResult
	body, err := os.ReadFile(path)
	if err != nil {
		return out, usageError{err}
	}
	// JSON encoding would quietly replace invalid bytes with U+FFFD; say so
	// instead, since such a file is usually in a legacy encoding.
	if !utf8.Valid(body) {
		return out, usagef("not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)")
	}
	if format == "" {
		if format = importer.FormatOfName(path); format == "" {
			format = importer.Detect(body)
		}
	}
	req := map[string]any{"body": string(body), "format": format}
	if title != "" {
		req["title"] = title
	}
	if len(targets) > 0 {
		req["targets"] = targets
	}
	err = c.do(ctx, http.MethodPost, "/api/v1/articles", req, http.StatusAccepted, &out)
	return out, err
}
