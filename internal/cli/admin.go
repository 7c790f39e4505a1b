package cli

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// quietStore opens and migrates the store named by s, logging nothing.
func quietStore(ctx context.Context, s storeFlags) (*store.Store, error) {
	return openStore(ctx, s, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

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

// password reads a password from the first line of stdin, or makes one.
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

// printTable prints rows under a header, aligned, or as JSON when asJSON
// (then items is what is encoded).
func printTable(w io.Writer, asJSON bool, items any, header []string, rows [][]string) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		for i, c := range r {
			if c == "" {
				r[i] = "-"
			}
		}
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
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
