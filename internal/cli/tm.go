package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/tm/tmx"
)

// defaultMaxTMX is the largest TMX file tm import takes unless told.
const defaultMaxTMX = 2 << 30

func tmCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "tm", Short: "Import, export and query the translation memory"}
	cmd.AddCommand(tmImportCmd(env), tmExportCmd(env), tmLookupCmd(env))
	return cmd
}

func tmImportCmd(env Env) *cobra.Command {
	var s storeFlags
	var from, to string
	var maxSize int64
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import a TMX 1.4b file into the translation memory",
		Long: `import reads a TMX file into the memory. It checks the whole file first: if
anything in it is wrong — malformed or truncated XML, an entity declaration, an
element TMX does not have, a unit without its source language, inline codes that do
not pair up — it says where, exits with status 2 and stores nothing. Then it stores
the units, 2,000 entries a transaction; they replace entries with the same source
and context. On a terminal it shows a progress bar (the file is read twice).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return usageError{err}
			}
			defer f.Close()
			info, err := f.Stat()
			if err != nil {
				return usageError{err}
			}
			if info.Size() > maxSize {
				return usagef("%s is %d bytes, over the limit of %d (--max-size)", args[0], info.Size(), maxSize)
			}
			st, err := openStore(cmd.Context(), s, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			defer st.Close()
			opts := tmx.ImportOptions{Options: tmx.Options{From: from, To: to, MaxBytes: maxSize}}
			bar := importBar(env.Stderr, 2*info.Size()) // the file is read twice: checked, then stored
			if bar != nil {
				opts.Progress = func(n int64, _ int) { _ = bar.Set64(n) }
			}
			stats, err := tmx.Import(cmd.Context(), st, tm.New(st, tm.Config{}), f, opts)
			if bar != nil {
				_ = bar.Finish()
				fmt.Fprintln(env.Stderr)
			}
			if errors.Is(err, tmx.ErrInvalid) || errors.Is(err, tmx.ErrTooLarge) {
				return usagef("%s: %v; nothing was imported", args[0], err)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "imported %d units as %d entries from %s\n", stats.Units, stats.Entries, args[0])
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&from, "from", "", "the source language the file must have (en takes en-US too) and its entries go under (needed when its srclang is *all*)")
	cmd.Flags().StringVar(&to, "to", "", "import only this target language (es takes es-ES too); a unit without it is an error")
	cmd.Flags().Int64Var(&maxSize, "max-size", defaultMaxTMX, "refuse files larger than this many bytes")
	return cmd
}

// importBar returns a progress bar on w when it is a terminal, else nil.
func importBar(w io.Writer, size int64) *progressbar.ProgressBar {
	if !isTerminal(w) {
		return nil
	}
	return progressbar.NewOptions64(size, progressbar.OptionSetWriter(w), progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("importing"), progressbar.OptionThrottle(100_000_000), progressbar.OptionShowCount())
}

func tmExportCmd(env Env) *cobra.Command {
	var s storeFlags
	var from, to, output string
	cmd := &cobra.Command{
		Use:   "export --from en --to es",
		Short: "Write a language pair's translation memory as TMX 1.4b",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			langs, err := auth.CanonicalLangs([]string{from, to})
			if err != nil || len(langs) != 2 {
				return usagef("--from %q --to %q: want two language tags", from, to)
			}
			st, err := openStore(cmd.Context(), s, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = env.Stdout
			if output != "" && output != "-" {
				f, err := os.Create(output)
				if err != nil {
					return usageError{err}
				}
				defer f.Close()
				w = f
			}
			n, err := tmx.Export(cmd.Context(), st, w, langs[0], langs[1], moduleVersion())
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stderr, "exported %d entries %s→%s\n", n, langs[0], langs[1])
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&from, "from", "en", "source language")
	cmd.Flags().StringVar(&to, "to", "", "target language (required)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of stdout")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

func tmLookupCmd(env Env) *cobra.Command {
	var s storeFlags
	var from, to, prev, next string
	var asJSON bool
	var threshold, limit int
	cmd := &cobra.Command{
		Use:   "lookup --from en --to es [--json] TEXT",
		Short: "Show what the translation memory has for a sentence",
		Long: `lookup prints the memory's matches for TEXT, best first: kind (in_context,
exact, fuzzy), score, and the translation, with the words of the match's source
that differ from TEXT marked [-like this-] and TEXT's own {+like this+}.
--json prints {"matches": [{source, target, score, kind, diff}]}, as the API does.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			langs, err := auth.CanonicalLangs([]string{from, to})
			if err != nil || len(langs) != 2 {
				return usagef("--from %q --to %q: want two language tags", from, to)
			}
			if threshold < 1 || threshold > 100 {
				return usagef("--threshold must be from 1 to 100")
			}
			st, err := openStore(cmd.Context(), s, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			defer st.Close()
			text := strings.Join(args, " ")
			res, err := tm.New(st, tm.Config{Threshold: threshold}).Lookup(cmd.Context(), langs[0], langs[1],
				[]tm.Query{{Source: text, Prev: prev, Next: next}}, limit)
			if err != nil {
				return err
			}
			ms := res[0]
			if ms == nil {
				ms = []tm.Match{}
			}
			if asJSON {
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"matches": ms})
			}
			if len(ms) == 0 {
				fmt.Fprintln(env.Stdout, "no matches")
			}
			for _, m := range ms {
				fmt.Fprintf(env.Stdout, "%-10s %3d%%  %s\n", m.Kind, m.Score, m.Target)
				fmt.Fprintf(env.Stdout, "                 %s\n", markDiff(m.Diff))
			}
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&from, "from", "en", "source language")
	cmd.Flags().StringVar(&to, "to", "", "target language (required)")
	cmd.Flags().StringVar(&prev, "prev", "", "the sentence before TEXT, for in-context matches")
	cmd.Flags().StringVar(&next, "next", "", "the sentence after TEXT")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&threshold, "threshold", tm.DefaultThreshold, "lowest fuzzy score shown")
	cmd.Flags().IntVar(&limit, "limit", 5, "most matches shown")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// markDiff writes a diff as wdiff does: [-only in the match-] {+only in
// the text+}.
func markDiff(ops []store.DiffOp) string {
	var b strings.Builder
	for _, o := range ops {
		switch o.Op {
		case tm.DiffDelete:
			b.WriteString("[-" + o.Text + "-]")
		case tm.DiffInsert:
			b.WriteString("{+" + o.Text + "+}")
		default:
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// moduleVersion is the version written in a TMX header.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
