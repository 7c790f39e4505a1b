package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

func ingestCmd(env Env) *cobra.Command {
	var server, token, format, title string
	var targets []string
	cmd := &cobra.Command{
		Use:   "ingest [flags] FILE...",
		Short: "Send article files to a running pressroom for translation",
		Long: `ingest posts each FILE to POST /api/v1/articles of the server and prints the new
article's id and slug. The format follows the file name (.md/.markdown →
markdown, .html/.htm → html, anything else → text) unless --format is given.
The token needs the editor or admin role (pressroom token create --role editor).`,
		Args: cobra.MinimumNArgs(1),
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
				progressbar.OptionClearOnFinish(), progressbar.OptionSetVisibility(len(files) > 1))
			client := &http.Client{Timeout: 60 * time.Second}
			failed := 0
			for _, f := range files {
				out, err := ingestFile(cmd.Context(), client, server, token, f, format, title, targets)
				_ = bar.Add(1)
				if err != nil {
					failed++
					_ = bar.Clear()
					fmt.Fprintf(env.Stderr, "%s: %v\n", f, err)
					continue
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", out.ID, out.Slug, f)
			}
			if failed > 0 {
				return usagef("%d of %d files were not ingested", failed, len(files))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "server", "http://localhost:8080", "base URL of the pressroom server")
	f.StringVar(&token, "token", "", "API token with the editor role")
	f.StringVar(&format, "format", "", "text, markdown or html; default: from the file name")
	f.StringVar(&title, "title", "", "article title (one FILE only); default: the first heading")
	f.StringSliceVar(&targets, "targets", nil, "target languages; default: the server's")
	return cmd
}

type ingestResult struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
}

func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return "markdown"
	case ".html", ".htm":
		return "html"
	}
	return "text"
}

func ingestFile(ctx context.Context, c *http.Client, server, token, path, format, title string, targets []string) (ingestResult, error) {
	var out ingestResult
	body, err := os.ReadFile(path)
	if err != nil {
		return out, err
	}
	// JSON encoding would quietly replace invalid bytes with U+FFFD; say so
	// instead, since such a file is usually in a legacy encoding.
	if !utf8.Valid(body) {
		return out, errors.New("not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)")
	}
	if format == "" {
		format = formatOf(path)
	}
	req := map[string]any{"body": string(body), "format": format}
	if title != "" {
		req["title"] = title
	}
	if len(targets) > 0 {
		req["targets"] = targets
	}
	b, err := json.Marshal(req)
	if err != nil {
		return out, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(server, "/")+"/api/v1/articles", bytes.NewReader(b))
	if err != nil {
		return out, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(r)
	if err != nil {
		return out, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusAccepted {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error.Code != "" {
			return out, fmt.Errorf("%s (%s, HTTP %d)", e.Error.Message, e.Error.Code, resp.StatusCode)
		}
		return out, fmt.Errorf("server answered %s", resp.Status)
	}
	return out, json.Unmarshal(raw, &out)
}
