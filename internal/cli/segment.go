package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

// maxStdin bounds what segment and translate read.
const maxStdin = 64 << 20

func readStdin(env Env) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(env.Stdin, maxStdin+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxStdin {
		return nil, usagef("input is larger than %d MiB", maxStdin>>20)
	}
	return b, nil
}

// segmentOut is one segment as --json prints it.
type segmentOut struct {
	Block  int    `json:"block"`
	Kind   string `json:"kind"`
	Index  int    `json:"index"`
	Text   string `json:"text"`
	Tagged string `json:"tagged"`
}

func parseInput(env Env, format string) (document.Document, error) {
	body, err := readStdin(env)
	if err != nil {
		return document.Document{}, err
	}
	doc, err := importer.Parse(format, body)
	if errors.Is(err, importer.ErrInput) {
		return doc, usageError{err}
	}
	return doc, err
}

func segmentCmd(env Env) *cobra.Command {
	var lang, format string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "segment",
		Short: "Split text from stdin into sentence segments",
		Long: `segment reads an article from stdin and prints one segment per line (the plain
text of the segment, inline tags stripped), or with --json an array of
{block, kind, index, text, tagged}.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			doc, err := parseInput(env, format)
			if err != nil {
				return err
			}
			var out []segmentOut
			for bi, b := range doc.Blocks {
				for _, p := range segment.Split(lang, b.Text) {
					out = append(out, segmentOut{Block: bi, Kind: string(b.Kind), Index: len(out), Text: inline.Plain(p.Text), Tagged: p.Text})
				}
			}
			if asJSON {
				if out == nil {
					out = []segmentOut{}
				}
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			for _, s := range out {
				fmt.Fprintln(env.Stdout, s.Text)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the text: en, es or pt")
	cmd.Flags().StringVar(&format, "format", "text", "text, markdown or html")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
