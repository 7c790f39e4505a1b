package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/backends"
)

func translateCmd(env Env) *cobra.Command {
	var from, to, backend, format, logLevel, config string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "translate",
		Short: "Machine-translate text from stdin",
		Long: `translate reads an article from stdin, segments it, translates every segment
through the routing policy (or the one --backend), and prints the translated
text, one block per paragraph. stderr says which backend answered; --json
prints every segment with its source, draft, backend and notes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := logger(env.Stderr, logLevel)
			if err != nil {
				return err
			}
			doc, err := parseInput(env, format)
			if err != nil {
				return err
			}
			router, why, err := backends.NewRouter(cmd.Context(), backend, backends.Config{Logger: log, ConfigFile: config})
			if err != nil {
				return usageError{err}
			}
			defer router.Close()
			log.Debug(why)
			type segOut struct {
				Block   int      `json:"block"`
				Source  string   `json:"source"`
				Target  string   `json:"target"`
				Backend string   `json:"backend"`
				Engine  string   `json:"engine,omitempty"`
				Notes   []string `json:"notes,omitempty"`
				Error   string   `json:"error,omitempty"`
			}
			var req translate.Request
			req.From, req.To = from, to
			var pieces []segment.Piece
			var blockOf []int
			for bi, b := range doc.Blocks {
				for _, p := range segment.Split(from, b.Text) {
					req.Segments = append(req.Segments, translate.Segment{ID: fmt.Sprint(len(pieces)), Text: p.Text, Tags: b.Tags})
					pieces = append(pieces, p)
					blockOf = append(blockOf, bi)
				}
			}
			drafts, err := router.Translate(cmd.Context(), req)
			if err != nil {
				return err
			}
			used := map[string]int{}
			var segs []segOut
			blocks := make([]string, len(doc.Blocks))
			for i, d := range drafts {
				o := segOut{Block: blockOf[i], Source: pieces[i].Text, Target: d.Text, Backend: d.Backend, Engine: d.Engine, Notes: note.Texts(d.Notes)}
				text := d.Text
				if d.Err != nil {
					o.Error, text = d.Err.Error(), pieces[i].Text
				} else {
					used[d.Backend]++
				}
				segs = append(segs, o)
				blocks[blockOf[i]] += pieces[i].Lead + text + pieces[i].Trail
			}
			var parts []string
			for b, n := range used {
				parts = append(parts, fmt.Sprintf("%s (%d segments)", b, n))
			}
			fmt.Fprintf(env.Stderr, "translated %s→%s by %s\n", from, to, strings.Join(parts, ", "))
			if asJSON {
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(segs)
			}
			for i, b := range blocks {
				if i > 0 {
					fmt.Fprintln(env.Stdout)
				}
				fmt.Fprintln(env.Stdout, inline.Plain(b))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "en", "source language")
	f.StringVar(&to, "to", "es", "target language")
	f.StringVar(&backend, "backend", "", "backend or chain to use (e.g. apertium, pseudo); default: apertium if installed, else copy")
	f.StringVar(&format, "format", "text", "text, markdown or html")
	f.StringVar(&config, "config", "", "TOML routing-policy file (per-pair chains, backend keys); --backend overrides its default chain")
	f.BoolVar(&asJSON, "json", false, "print every segment as JSON")
	f.StringVar(&logLevel, "log-level", "warn", "debug, info, warn or error")
	return cmd
}
