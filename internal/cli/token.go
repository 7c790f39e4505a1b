package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/store"
)

func tokenCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Create, list and revoke API tokens"}
	cmd.AddCommand(tokenCreateCmd(env), tokenListCmd(env), tokenRevokeCmd(env))
	return cmd
}

func tokenCreateCmd(env Env) *cobra.Command {
	var s storeFlags
	var role, name string
	var langs []string
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create an API token and print it (alone, on stdout)",
		Long: `create makes a new API token with a role (admin, editor or translator) and,
for translators, the languages they may review (--lang es --lang pt-BR). The
token is printed once, alone on stdout; only its hash is stored.`,
		Example: `  TOKEN=$(pressroom token create --role editor --name ci)`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ls, err := roleLangs(role, langs)
			if err != nil {
				return err
			}
			if role == auth.Translator && len(ls) == 0 {
				return usagef("a translator token needs --lang (the languages it may review)")
			}
			st, err := quietStore(cmd.Context(), s)
			if err != nil {
				return err
			}
			defer st.Close()
			secret, _, err := auth.CreateToken(cmd.Context(), st.Queries, name, role, ls, "")
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, secret)
			return nil
		},
	}
	s.add(cmd)
	cmd.Flags().StringVar(&role, "role", "", "admin, editor or translator (required)")
	cmd.Flags().StringSliceVar(&langs, "lang", nil, "languages a translator may review (repeat or comma-separate)")
	cmd.Flags().StringVar(&name, "name", "", "a label for the token, e.g. who it is for")
	return cmd
}

// tokenOut is a token as token list --json prints it.
type tokenOut struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Langs     []string  `json:"langs"`
	Revoked   bool      `json:"revoked"`
	CreatedAt time.Time `json:"created_at"`
}

func tokenListCmd(env Env) *cobra.Command {
	var s storeFlags
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List API tokens (ids and labels; secrets are not stored)",
		Long: `list prints one line per live token: id, name, role, languages and when it was
made, oldest first. --all adds revoked tokens. Use an id with token revoke.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := quietStore(cmd.Context(), s)
			if err != nil {
				return err
			}
			defer st.Close()
			toks, err := st.ListTokens(cmd.Context(), all)
			if err != nil {
				return err
			}
			items := []tokenOut{}
			var rows [][]string
			for _, t := range toks {
				items = append(items, tokenOut{t.ID, t.Name, t.Role, nonNil(t.Langs), t.Revoked, t.CreatedAt.UTC()})
				state := "live"
				if t.Revoked {
					state = "revoked"
				}
				rows = append(rows, []string{t.ID, t.Name, t.Role, strings.Join(t.Langs, ","), t.CreatedAt.UTC().Format(time.DateTime), state})
			}
			return printTable(env.Stdout, asJSON, items, []string{"ID", "NAME", "ROLE", "LANGS", "CREATED (UTC)", "STATE"}, rows)
		},
	}
	s.add(cmd)
	cmd.Flags().BoolVar(&all, "all", false, "include revoked tokens")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func tokenRevokeCmd(env Env) *cobra.Command {
	var s storeFlags
	cmd := &cobra.Command{
		Use:   "revoke TOKEN...",
		Short: "Revoke API tokens by id (tok_…) or by the token itself (prt_…)",
		Long: `revoke makes each token unusable at once. Name a token by its id, as token list
shows it, or by the secret itself (a leaked token). Revoking a revoked token
is not an error; an unknown one is (exit 2), after the others are revoked.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := quietStore(cmd.Context(), s)
			if err != nil {
				return err
			}
			defer st.Close()
			var unknown []string
			for _, a := range args {
				id := a
				if strings.HasPrefix(a, "prt_") {
					if id, err = st.TokenIDByHash(cmd.Context(), auth.HashToken(a)); errors.Is(err, store.ErrNotFound) {
						unknown = append(unknown, "prt_…")
						continue
					} else if err != nil {
						return err
					}
				}
				if err := st.RevokeToken(cmd.Context(), id); errors.Is(err, store.ErrNotFound) {
					unknown = append(unknown, a)
					continue
				} else if err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "revoked %s\n", id)
			}
			if len(unknown) > 0 {
				return usagef("no such token: %s (see pressroom token list --all)", strings.Join(unknown, ", "))
			}
			return nil
		},
	}
	s.add(cmd)
	return cmd
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
