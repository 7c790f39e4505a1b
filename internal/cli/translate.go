package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/publish"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/backends"
)

// sourceLang is the source language of articles unless they say otherwise
// (the pipeline's default), the one --targets applies to.
const sourceLang = "en"

// translatedSegment is one segment as --json prints it.
type translatedSegment struct {
	File    string   `json:"file,omitempty"`
	Block   int      `json:"block"`
	Source  string   `json:"source"`
	Target  string   `json:"target"`
	Backend string   `json:"backend"`
	Engine  string   `json:"engine,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func translateCmd(env Env) *cobra.Command {
	var from, to, backend, format, logLevel, config string
	var targets []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "translate [flags] [FILE...]",
		Short: "Machine-translate articles",
		Long: `translate reads each FILE (or stdin when there is none, or for "-"), splits it
into segments, translates them through the routing policy (or the --backend
chain), and prints the translation in the input's format: Markdown in gives
Markdown out and HTML in gives the HTML body of a published page, with
headings, lists, quotes, links and emphasis restored; text in gives plain
text, one paragraph per block. Links and other inline markup are sent to the
engine as placeholders, never as words. stderr says which backends answered;
--json prints every segment with its source, draft, backend and notes.

The pair --from → --to must be configured: en (the articles' source
language) to one of --targets (serve's default target languages), or a pair
in the [routing.pairs] of --config. Segments that every backend failed on are printed in the source
language and make the exit status 1.`,
		Example: `  pressroom translate --to es article.md
  echo 'A [general strike](https://example.org/strike) on *Saturday*.' | pressroom translate --to pt-BR --format markdown`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, files []string) error {
			log, err := logger(env.Stderr, logLevel)
			if err != nil {
				return err
			}
			pair := langPair{}
			if pair.from, err = canonicalLang("from", from); err != nil {
				return err
			}
			if pair.to, err = canonicalLang("to", to); err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			cfg := backends.Config{Logger: log}
			if config != "" {
				f, err := backends.LoadConfig(config)
				if err != nil {
					return usageError{err}
				}
				cfg.File = &f
			}
			if err := checkPair(pair, configuredPairs(sourceLang, targets, cfg.File)); err != nil {
				return err
			}
			ins, err := readInputs(env, files, format)
			if err != nil {
				return err
			}
			router, why, err := backends.NewRouter(cmd.Context(), backend, cfg)
			if err != nil {
				return usageError{err}
			}
			defer router.Close()
			log.Debug(why)

			var req translate.Request
			req.From, req.To = pair.from, pair.to
			var segs []segment.Segment
			var fileOf []int
			for fi, in := range ins {
				for _, s := range segment.SplitDocument(pair.from, in.doc) {
					req.Segments = append(req.Segments, translate.Segment{ID: fmt.Sprint(len(segs)), Text: s.Tagged, Tags: s.Tags})
					segs = append(segs, s)
					fileOf = append(fileOf, fi)
				}
			}
			drafts, err := router.Translate(cmd.Context(), req)
			if err != nil {
				return err
			}
			used := map[string]int{}
			var out []translatedSegment
			var failed errSegments
			texts := make([][]string, len(ins)) // per file, per block: tagged text
			for i, in := range ins {
				texts[i] = make([]string, len(in.doc.Blocks))
			}
			for i, d := range drafts {
				s := segs[i]
				o := translatedSegment{Block: s.Block, Source: s.Tagged, Target: d.Text, Backend: d.Backend, Engine: d.Engine, Notes: note.Texts(d.Notes)}
				if len(files) > 0 {
					o.File = ins[fileOf[i]].name
				}
				text := d.Text
				if d.Err != nil {
					o.Error, text = d.Err.Error(), s.Tagged
					if failed.n++; failed.first == nil {
						failed.first = d.Err
					}
				} else {
					used[d.Backend]++
				}
				out = append(out, o)
				texts[fileOf[i]][s.Block] += s.Lead + text + s.Trail
			}
			var parts []string
			for _, b := range slices.Sorted(maps.Keys(used)) {
				parts = append(parts, fmt.Sprintf("%s (%s)", b, plural(used[b], "segment")))
			}
			if len(parts) == 0 {
				parts = []string{"no backend"}
			}
			fmt.Fprintf(env.Stderr, "translated %s by %s\n", pair, strings.Join(parts, ", "))
			if asJSON {
				if out == nil {
					out = []translatedSegment{}
				}
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else {
				for i, in := range ins {
					if i > 0 {
						fmt.Fprintln(env.Stdout)
					}
					s, err := render(in, texts[i])
					if err != nil {
						return fmt.Errorf("%s: %w", display(in.name), err)
					}
					fmt.Fprint(env.Stdout, s)
				}
			}
			if failed.n > 0 {
				failed.of = len(segs)
				return failed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "en", "source language")
	f.StringVar(&to, "to", "es", "target language")
	f.StringVar(&backend, "backend", "", "backend or chain to use, e.g. pseudo or apertium,copy; default: the routing policy of --config, else apertium,copy when Apertium is installed, else copy")
	f.StringVar(&format, "format", "auto", formatHelp)
	f.StringVar(&config, "config", "", "TOML routing-policy file (per-pair chains, backend keys); --backend overrides its default chain")
	f.StringSliceVar(&targets, "targets", []string{"es", "pt-BR"}, "target languages configured for the source language (as serve's --targets)")
	f.BoolVar(&asJSON, "json", false, "print every segment as JSON")
	f.StringVar(&logLevel, "log-level", "warn", "debug, info, warn or error")
	return cmd
}

// render prints a translated document in its input's format. Markdown and
// HTML come from the publisher, so the CLI shows exactly what a published
// edition would hold.
func render(in input, texts []string) (string, error) {
	blocks := make([]publish.Block, len(in.doc.Blocks))
	for i, b := range in.doc.Blocks {
		blocks[i] = publish.Block{Kind: string(b.Kind), Level: b.Level, Ordered: b.Ordered, Text: texts[i], Tags: b.Tags}
	}
	switch in.format {
	case "markdown":
		return publish.BodyMarkdown(blocks)
	case "html":
		return publish.BodyHTML(blocks)
	}
	var b strings.Builder
	for i, blk := range blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(inline.Plain(blk.Text) + "\n")
	}
	return b.String(), nil
}

// plural is "1 segment", "2 segments".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
