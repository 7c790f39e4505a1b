package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/segment"
)

// segmentOut is one segment as --json prints it.
type segmentOut struct {
	File   string `json:"file,omitempty"`
	Block  int    `json:"block"`
	Kind   string `json:"kind"`
	Index  int    `json:"index"`
	Text   string `json:"text"`
	Tagged string `json:"tagged"`
}

func segmentCmd(env Env) *cobra.Command {
	var lang, format string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "segment [flags] [FILE...]",
		Short: "Split articles into sentence segments",
		Long: `segment reads each FILE (or stdin when there is none, or for "-") and prints
one segment per line: the plain text of the segment, inline markup stripped.
With --json it prints one array of {file, block, kind, index, text, tagged},
where tagged keeps inline markup as placeholders (<1>…</1>) and file is set
when FILE arguments were given.`,
		Example: `  pressroom segment article.md
  echo 'Dr. Chen arrived. She spoke.' | pressroom segment --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, files []string) error {
			ins, err := readInputs(env, files, format)
			if err != nil {
				return err
			}
			out := []segmentOut{}
			for _, in := range ins {
				for _, s := range segment.SplitDocument(lang, in.doc) {
					o := segmentOut{Block: s.Block, Kind: string(s.Kind), Index: len(out), Text: s.Text, Tagged: s.Tagged}
					if len(files) > 0 {
						o.File = in.name
					}
					out = append(out, o)
				}
			}
			if asJSON {
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
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the text, for its sentence rules: en, es or pt (others use en's)")
	cmd.Flags().StringVar(&format, "format", "auto", formatHelp)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
