package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/glossary"
)

func glossaryCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "glossary", Short: "Import and export a language pair's glossary (CSV or TBX-Basic)"}
	cmd.AddCommand(glossaryImportCmd(env), glossaryExportCmd(env))
	return cmd
}

// glossaryFailure makes bad input (a malformed file, a wrong language, a
// file over the limit) a usage error: exit status 2.
func glossaryFailure(err error) error {
	if k := derrors.KindOf(err); k != nil && !errors.Is(err, derrors.Unavailable) {
		return usageError{err}
	}
	return err
}

func glossaryImportCmd(env Env) *cobra.Command {
	var s storeFlags
	var from, to, format, by string
	var maxSize int64
	cmd := &cobra.Command{
		Use:   "import --from en --to es FILE",
		Short: "Add a glossary file's terms to a language pair (- reads stdin)",
		Long: `import reads a CSV or TBX-Basic file (by its extension, or --format) and adds
its terms to the glossary of --from → --to, updating terms already there. The
file is validated as it is read; if anything is wrong — malformed CSV or XML,
an unknown kind, a language other than --from or --to, entity declarations, a
file over --max-size — nothing is stored and the exit status is 2.

CSV needs a header line naming its columns: source (required), target, kind
(preferred, do_not_translate or forbidden; default preferred with a target,
do_not_translate without), case_sensitive (true/false) and note.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if format == "" {
				if name == "-" {
					return usagef("reading stdin needs --format csv or tbx")
				}
				f, err := glossary.FormatOf(name)
				if err != nil {
					return usageError{err}
				}
				format = f
			}
			var in io.Reader = env.Stdin
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return usageError{err}
				}
				defer f.Close()
				in = f
			}
			st, err := openStore(cmd.Context(), s, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			defer st.Close()
			stats, err := glossary.NewService(st, nil).Import(cmd.Context(), by, from, to, format, bufio.NewReader(in), maxSize)
			if err != nil {
				return glossaryFailure(err)
			}
			fmt.Fprintf(env.Stderr, "glossary %s→%s: %d added, %d updated, %d unchanged, %d skipped\n", from, to,
				stats.Added, stats.Updated, stats.Unchanged, stats.Skipped)
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&from, "from", "en", "source language")
	cmd.Flags().StringVar(&to, "to", "", "target language (required)")
	cmd.Flags().StringVar(&format, "format", "", "csv or tbx (default: from the file's extension)")
	cmd.Flags().Int64Var(&maxSize, "max-size", glossary.DefaultMaxImportBytes, "largest file accepted, in bytes")
	cmd.Flags().StringVar(&by, "by", "cli", "who the new terms are recorded as created by")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

func glossaryExportCmd(env Env) *cobra.Command {
	var s storeFlags
	var from, to, format, out string
	cmd := &cobra.Command{
		Use:   "export --from en --to es [--format csv|tbx] [-o FILE]",
		Short: "Write a language pair's glossary as CSV or TBX-Basic",
		Long: `export writes the terms of --from → --to to stdout (or -o FILE) as CSV (the
columns import reads) or TBX-Basic (TBX v2 martif, one termEntry per term:
do-not-translate terms as their own translation, forbidden ones with the
administrative status deprecatedTerm-admn-sts).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "" {
				format = glossary.FormatCSV
				if out != "" && out != "-" {
					f, err := glossary.FormatOf(out)
					if err != nil {
						return usageError{err}
					}
					format = f
				}
			}
			st, err := openStore(cmd.Context(), s, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			defer st.Close()
			w := env.Stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return usageError{err}
				}
				w = f
			}
			bw := bufio.NewWriter(w)
			err = glossary.NewService(st, nil).Export(cmd.Context(), from, to, format, bw)
			if err == nil {
				err = bw.Flush()
			}
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					os.Remove(out) // no half-written file
				}
			}
			return glossaryFailure(err)
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&from, "from", "en", "source language")
	cmd.Flags().StringVar(&to, "to", "", "target language (required)")
	cmd.Flags().StringVar(&format, "format", "", "csv or tbx (default: from -o's extension, else csv)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default stdout)")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}
