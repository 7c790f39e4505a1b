// Package cli implements the pressroom command line: serve, worker, ingest,
// status, segment, translate, token, user, glossary, migrate and version.
//
// Exit status: 0 on success, 2 (ExitUsage) for every usage or input error
// (unknown command or flag, missing argument, bad value, unreadable or
// invalid input, a request the server refused as bad), 1 for failures of the
// program or of a service it talks to.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/logctx"
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
environment variable PRESSROOM_<FLAG>, e.g. PRESSROOM_REDIS_URL for --redis-url.

Exit status: 0 on success, 2 for a usage or input error, 1 for any other failure.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       strings.TrimSpace(versionText(debug.ReadBuildInfo())),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.AddCommand(serveCmd(env), workerCmd(env), ingestCmd(env), statusCmd(env), segmentCmd(env), translateCmd(env),
		tokenCmd(env), userCmd(env), glossaryCmd(env), migrateCmd(env), versionCmd(env), xliffCmd(env), webhookCmd(env), tmCmd(env))
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return bindEnv(cmd, env.Getenv) }
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	markArgErrors(root)
	return root
}

// markArgErrors makes every argument error of cmd and its subcommands a
// usage error (cobra's own are plain errors). A command with subcommands
// (pressroom, token, user) is made runnable: alone it prints its help, with
// an unknown subcommand it is a usage error.
func markArgErrors(cmd *cobra.Command) {
	if cmd.HasSubCommands() && !cmd.Runnable() {
		cmd.SuggestionsMinimumDistance = 2 // as cobra's own "unknown command"
		cmd.Args = cobra.ArbitraryArgs
		cmd.RunE = func(c *cobra.Command, a []string) error {
			if len(a) == 0 {
				return c.Help()
			}
			msg := fmt.Sprintf("unknown command %q for %q", a[0], c.CommandPath())
			if s := c.SuggestionsFor(a[0]); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, " or ") + "?"
			}
			return usagef("%s (see %s --help)", msg, c.CommandPath())
		}
	}
	if args := cmd.Args; args != nil {
		cmd.Args = func(c *cobra.Command, a []string) error {
			if err := args(c, a); err != nil {
				return usageError{fmt.Errorf("%s: %w", c.CommandPath(), err)}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		markArgErrors(sub)
	}
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
	if isUsage(err) {
		return ExitUsage
	}
	return 1
}

// isUsage reports whether err is the user's to fix: a usageError, or a
// store or workflow refusal of what was asked (any derrors kind but
// Unavailable, which is a service failing).
func isUsage(err error) bool {
	if errors.As(err, new(usageError)) {
		return true
	}
	// "required flag(s) … not set" is the one usage error cobra reports
	// without a hook to wrap it.
	if strings.HasPrefix(err.Error(), "required flag") {
		return true
	}
	k := derrors.KindOf(err)
	return k != nil && k != derrors.Unavailable
}

// logger returns a text logger on stderr at the given level. Records logged
// with a request's or task's context carry its id (package logctx).
func logger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", level)
	}
	return slog.New(logctx.NewHandler(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))), nil
}
