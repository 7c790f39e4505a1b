package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/webhook"
)

func webhookCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "webhook", Short: "Tools for webhook receivers"}
	cmd.AddCommand(webhookListenCmd(env))
	return cmd
}

func webhookListenCmd(env Env) *cobra.Command {
	var secret, addr string
	cmd := &cobra.Command{
		Use:   "listen --secret whsec_… [--addr 127.0.0.1:9000]",
		Short: "Run a verifying webhook receiver that prints every event",
		Long: `listen runs an HTTP endpoint that checks every call with the Standard Webhooks
reference library and prints the events it accepts. Calls with a bad signature
are answered 401, calls with a timestamp more than five minutes off 400; both
are printed as REFUSED. Point a webhook at http://ADDR/ (allow loopback on the
server with --webhook-allow-networks 127.0.0.0/8). Stop it with Ctrl-C.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rc, err := webhook.NewReceiver(secret, env.Stdout)
			if err != nil {
				return usageError{err}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usagef("listen on %s: %v", addr, err)
			}
			fmt.Fprintf(env.Stderr, "listening on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
			srv := &http.Server{Handler: rc, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			go func() {
				<-ctx.Done()
				sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				_ = srv.Shutdown(sctx)
			}()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&secret, "secret", "", "the webhook's signing secret (whsec_…)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:9000", "address to listen on")
	_ = cmd.MarkFlagRequired("secret")
	return cmd
}
