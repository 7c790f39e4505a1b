package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
)

func userCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Add, list and reset the passwords of web UI users"}
	cmd.AddCommand(userAddCmd(env), userListCmd(env), userPasswdCmd(env))
	return cmd
}

func userAddCmd(env Env) *cobra.Command {
	var s storeFlags
	var role, name, uiLang string
	var langs, targets []string
	var pwStdin bool
	cmd := &cobra.Command{
		Use:   "add USERNAME",
		Short: "Add a user (bootstraps the first admin)",
		Long: `add creates a user who logs in to the web UI. With --password-stdin the
password is read from the first line of stdin; otherwise a random one is made
and printed on stdout.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			username, err := auth.Username(args[0])
			if err != nil {
				return usageError{err}
			}
			ls, err := roleLangs(role, langs)
			if err != nil {
				return err
			}
			if role == auth.Translator && len(ls) == 0 {
				return usagef("a translator needs --lang (the languages they may review)")
			}
			if err := langsConfigured(ls, targets); err != nil {
				return err
			}
			pw, generated, err := password(env, pwStdin)
			if err != nil {
				return err
			}
			hash, err := auth.HashPassword(pw)
			if err != nil {
				return usageError{err}
			}
			st, err := quietStore(cmd.Context(), s)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := auth.CheckUsernameFree(cmd.Context(), st.Queries, username); err != nil {
				if errors.Is(err, derrors.Conflict) {
					return usageError{err}
				}
				return err
			}
			u := store.User{ID: store.NewID("usr"), Username: username, Name: name, PasswordHash: hash, Role: role, Langs: ls, UILang: uiLang, Active: true}
			if err := st.CreateUser(cmd.Context(), &u); err != nil {
				if errors.Is(err, store.ErrConflict) {
					return usagef("user %q already exists", username)
				}
				return err
			}
			if generated {
				fmt.Fprintln(env.Stdout, pw)
			}
			fmt.Fprintf(env.Stderr, "added %s %s (%s)\n", role, username, u.ID)
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&role, "role", "", "admin, editor or translator (required)")
	cmd.Flags().StringSliceVar(&langs, "lang", nil, "languages a translator may review (among --targets)")
	cmd.Flags().StringSliceVar(&targets, "targets", []string{"es", "pt-BR"}, "the server's target languages (as serve --targets)")
	cmd.Flags().StringVar(&name, "name", "", "display name")
	cmd.Flags().StringVar(&uiLang, "ui-lang", "", "UI language (en, es, pt); default: the browser's")
	cmd.Flags().BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of stdin")
	return cmd
}

// userOut is a user as user list --json prints it.
type userOut struct {
	ID        string    `json:"id"`
	Username  string    `json:"username"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Langs     []string  `json:"langs"`
	UILang    string    `json:"ui_lang"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

func userListCmd(env Env) *cobra.Command {
	var s storeFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List web UI users",
		Long:  `list prints one line per user, by username: username, name, role, languages, UI language, whether the account is active, and its id.`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := quietStore(cmd.Context(), s)
			if err != nil {
				return err
			}
			defer st.Close()
			users, err := st.ListUsers(cmd.Context())
			if err != nil {
				return err
			}
			items := []userOut{}
			var rows [][]string
			for _, u := range users {
				items = append(items, userOut{u.ID, u.Username, u.Name, u.Role, nonNil(u.Langs), u.UILang, u.Active, u.CreatedAt.UTC()})
				state := "active"
				if !u.Active {
					state = "inactive"
				}
				rows = append(rows, []string{u.Username, u.Name, u.Role, strings.Join(u.Langs, ","), u.UILang, state, u.ID})
			}
			return printTable(env.Stdout, asJSON, items, []string{"USERNAME", "NAME", "ROLE", "LANGS", "UI", "STATE", "ID"}, rows)
		},
	}
	s.add(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func userPasswdCmd(env Env) *cobra.Command {
	var s storeFlags
	var pwStdin bool
	cmd := &cobra.Command{
		Use:   "passwd USERNAME",
		Short: "Set a user's password and sign them out everywhere",
		Long: `passwd replaces a user's password: read from the first line of stdin with
--password-stdin, otherwise made at random and printed on stdout. The user's
open sessions end, so a stolen session stops working too.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, generated, err := password(env, pwStdin)
			if err != nil {
				return err
			}
			hash, err := auth.HashPassword(pw)
			if err != nil {
				return usageError{err}
			}
			st, err := quietStore(cmd.Context(), s)
			if err != nil {
				return err
			}
			defer st.Close()
			u, err := auth.UserByLogin(cmd.Context(), st.Queries, args[0])
			if errors.Is(err, store.ErrNotFound) {
				return usagef("no user %q (see pressroom user list)", args[0])
			} else if err != nil {
				return err
			}
			err = st.InTx(cmd.Context(), func(q *store.Queries) error {
				if err := q.SetUserPassword(cmd.Context(), u.ID, hash); err != nil {
					return err
				}
				return q.DeleteUserSessions(cmd.Context(), u.ID)
			})
			if err != nil {
				return err
			}
			if generated {
				fmt.Fprintln(env.Stdout, pw)
			}
			fmt.Fprintf(env.Stderr, "password of %s changed; their sessions have ended\n", u.Username)
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of stdin")
	return cmd
}

// roleLangs checks the --role and --lang flags that tokens and users share
// and returns the languages in canonical form; a bad value is a usage error.
func roleLangs(role string, langs []string) ([]string, error) {
	if !auth.ValidRole(role) {
		return nil, usagef("--role %q: want admin, editor or translator", role)
	}
	ls, err := auth.CanonicalLangs(langs)
	if err != nil {
		return nil, usagef("--lang: %w", err)
	}
	return ls, nil
}

// langsConfigured refuses a translator's language that covers none of the
// server's target languages ("pt" covers "pt-BR"): no edition would ever
// be theirs.
func langsConfigured(langs, targets []string) error {
	conf, err := auth.CanonicalLangs(targets)
	if err != nil {
		return usagef("--targets: %w", err)
	}
	for _, l := range langs {
		if !slices.ContainsFunc(conf, func(t string) bool { return auth.CoversLang(l, t) }) {
			return usagef("--lang %s is not a configured target language (%s); set --targets as the server's", l, strings.Join(conf, ", "))
		}
	}
	return nil
}
