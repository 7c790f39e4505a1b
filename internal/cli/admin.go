package cli

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

func openStore(ctx context.Context, s storeFlags, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, s.databaseURL, s.data)
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx, log); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func tokenCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Manage API tokens"}
	var s storeFlags
	var role, name string
	var langs []string
	create := &cobra.Command{
		Use:   "create",
		Short: "Create an API token and print it (alone, on stdout)",
		Long: `create makes a new API token with a role (admin, editor or translator) and,
for translators, the languages they may review (--lang es --lang pt-BR). The
token is printed once, alone on stdout; only its hash is stored.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !auth.ValidRole(role) {
				return usagef("--role %q: want admin, editor or translator", role)
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			st, err := openStore(cmd.Context(), s, log)
			if err != nil {
				return err
			}
			defer st.Close()
			secret, _, err := auth.CreateToken(cmd.Context(), st.Queries, name, role, langs, "")
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintln(env.Stdout, secret)
			return nil
		},
	}
	s.add(create)
	create.Flags().StringVar(&role, "role", "", "admin, editor or translator (required)")
	create.Flags().StringSliceVar(&langs, "lang", nil, "languages a translator may review (repeat or comma-separate)")
	create.Flags().StringVar(&name, "name", "", "a label for the token, e.g. who it is for")
	_ = create.MarkFlagRequired("role")
	cmd.AddCommand(create)
	return cmd
}

func userCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage users of the web UI"}
	var s storeFlags
	var role, name, uiLang string
	var langs []string
	var pwStdin bool
	add := &cobra.Command{
		Use:   "add USERNAME",
		Short: "Add a user (bootstraps the first admin)",
		Long: `add creates a user who logs in to the web UI. With --password-stdin the
password is read from the first line of stdin; otherwise a random one is made
and printed on stdout.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !auth.ValidRole(role) {
				return usagef("--role %q: want admin, editor or translator", role)
			}
			ls, err := auth.CanonicalLangs(langs)
			if err != nil {
				return usageError{err}
			}
			if role == auth.Translator && len(ls) == 0 {
				return usagef("a translator needs --lang (the languages they may review)")
			}
			pw, generated, err := password(env, pwStdin)
			if err != nil {
				return err
			}
			hash, err := auth.HashPassword(pw)
			if err != nil {
				return usageError{err}
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			st, err := openStore(cmd.Context(), s, log)
			if err != nil {
				return err
			}
			defer st.Close()
			u := store.User{ID: store.NewID("usr"), Username: args[0], Name: name, PasswordHash: hash, Role: role, Langs: ls, UILang: uiLang, Active: true}
			if err := st.CreateUser(cmd.Context(), &u); err != nil {
				if errors.Is(err, store.ErrConflict) {
					return usagef("user %q already exists", args[0])
				}
				return err
			}
			if generated {
				fmt.Fprintln(env.Stdout, pw)
			}
			fmt.Fprintf(env.Stderr, "added %s %s (%s)\n", role, args[0], u.ID)
			return nil
		},
	}
	s.add(add)
	add.Flags().StringVar(&role, "role", "", "admin, editor or translator (required)")
	add.Flags().StringSliceVar(&langs, "lang", nil, "languages a translator may review")
	add.Flags().StringVar(&name, "name", "", "display name")
	add.Flags().StringVar(&uiLang, "ui-lang", "", "UI language (en, es, pt); default: the browser's")
	add.Flags().BoolVar(&pwStdin, "password-stdin", false, "read the password from stdin")
	_ = add.MarkFlagRequired("role")
	cmd.AddCommand(add)
	return cmd
}

func password(env Env, fromStdin bool) (pw string, generated bool, err error) {
	if fromStdin {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, err
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", false, err
	}
	return base64.RawURLEncoding.EncodeToString(b), true, nil
}

func migrateCmd(env Env) *cobra.Command {
	var s storeFlags
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database schema up to date (serve and worker also do this at start)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := slog.New(slog.NewTextHandler(env.Stderr, nil))
			st, err := openStore(cmd.Context(), s, log)
			if err != nil {
				return err
			}
			log.Info("schema is up to date", "database", st.Dialect())
			return st.Close()
		},
	}
	s.add(cmd)
	return cmd
}

func versionCmd(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			fmt.Fprintln(env.Stdout, "pressroom", version())
		},
	}
}

// version is the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
