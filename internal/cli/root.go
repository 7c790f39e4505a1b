// Package cli implements the pressroom command line: serve, worker, ingest,
// segment, translate, token, user, migrate and version.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// ExitUsage is the exit status for bad input or usage (as the design asks).
const ExitUsage = 2

// usageError marks errors caused by what the user gave us.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// Env lets tests replace the process environment and streams.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// Root returns the pressroom command.
func Root(env Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "pressroom",
		Short: "Turn English articles into reviewed, published Spanish and Portuguese editions",
		Long: `pressroom ingests articles, splits them into segments, drafts translations with
machine-translation backends, holds every segment for human review, and publishes
the editions when an editor says so. Every flag can also be set through an
environment variable PRESSROOM_<FLAG>, e.g. PRESSROOM_REDIS_URL for --redis-url.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.AddCommand(serveCmd(env), workerCmd(env), ingestCmd(env), segmentCmd(env), translateCmd(env),
		tokenCmd(env), userCmd(env), migrateCmd(env), versionCmd(env), webhookCmd(env))
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return bindEnv(cmd, env.Getenv) }
	return root
}

// bindEnv sets every flag the user did not give from PRESSROOM_<FLAG>.
func bindEnv(cmd *cobra.Command, getenv func(string) string) error {
	var errs []error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || f.Name == "help" {
			return
		}
		name := "PRESSROOM_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" {
			if err := cmd.Flags().Set(f.Name, v); err != nil {
				errs = append(errs, usagef("%s=%q: %v", name, v, err))
			}
		}
	})
	return errors.Join(errs...)
}

// Main runs the command line and returns the process exit status.
func Main(args []string, env Env) int {
	root := Root(env)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(env.Stderr, "pressroom:", err)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") ||
		strings.HasPrefix(err.Error(), "unknown flag") || strings.Contains(err.Error(), "flag needs an argument") ||
		strings.HasPrefix(err.Error(), "invalid argument") || strings.Contains(err.Error(), "required flag") {
		return ExitUsage
	}
	return 1
}

// logger returns a text logger on stderr at the given level.
func logger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}
