package cli

import (
	"context"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/app"
)

// storeFlags are the flags that name the database.
type storeFlags struct {
	data, databaseURL string
}

func (s *storeFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&s.data, "data", "./data", "directory for the SQLite database (when --database-url is not set)")
	cmd.Flags().StringVar(&s.databaseURL, "database-url", "", "PostgreSQL URL (postgres://user:pass@host/db); default: SQLite under --data")
}

// serviceFlags are shared by serve and worker.
type serviceFlags struct {
	storeFlags
	redisURL, backends, config, logLevel, baseURL string
	metricsAddr, metricsToken                     string
	allow, targets, trustedProxies                []string
	workers                                       int
	checkInterval                                 time.Duration
	shutdownTimeout, reconcileEvery, hookTimeout  time.Duration
	tmThreshold                                   int
	tmAutoApprove                                 bool
}

// add registers the flags; worker says whether cmd is worker, whose help
// differs where its behaviour does (it needs --redis-url, and has no
// address of its own to derive --base-url from).
func (s *serviceFlags) add(cmd *cobra.Command, worker bool, workersHelp string) {
	s.storeFlags.add(cmd)
	f := cmd.Flags()
	redisHelp := "Redis for the queue (redis://, rediss://, redis-sentinel://); default: an in-process Redis, which only this process can reach"
	baseHelp := "public URL of the service, for links in pages and webhooks; default: http://localhost:PORT of --addr"
	if worker {
		redisHelp = "Redis for the queue, the one serve uses (redis://, rediss://, redis-sentinel://); required"
		baseHelp = "public URL of serve, for links in published pages and webhooks; default: http://localhost:8080 (with a warning)"
	}
	f.StringVar(&s.redisURL, "redis-url", "", redisHelp)
	f.StringVar(&s.backends, "backends", "", "default translation chain for every language pair, e.g. pseudo or tm,apertium; default: routing.default of --config, else apertium,copy when Apertium and its eng-spa, es-pt and es-pt_BR modes are installed, else copy")
	f.StringVar(&s.config, "config", "", "TOML file with per-pair routing and backend settings")
	f.StringSliceVar(&s.allow, "webhook-allow-networks", nil, "CIDRs webhooks may reach although private or loopback, e.g. 127.0.0.0/8")
	f.IntVar(&s.workers, "workers", 10, workersHelp)
	f.DurationVar(&s.checkInterval, "queue-poll", 100*time.Millisecond, "how often idle workers poll the queue")
	f.DurationVar(&s.shutdownTimeout, "shutdown-timeout", 20*time.Second, "on SIGTERM or SIGINT, how long running tasks may take to finish; what is still running then goes back on the queue for another worker")
	f.DurationVar(&s.reconcileEvery, "reconcile-every", time.Minute, "how often the database is checked for pending work missing from the queue (after Redis lost its data)")
	f.DurationVar(&s.hookTimeout, "webhook-timeout", 15*time.Second, "how long one webhook call may take before it counts as failed")
	f.StringVar(&s.logLevel, "log-level", "info", "debug, info, warn or error")
	if !worker { // workers take targets from each stored article
		f.StringSliceVar(&s.targets, "targets", []string{"es", "pt-BR"}, "default target languages of new articles")
	}
	f.StringVar(&s.baseURL, "base-url", "", baseHelp)
	if !worker {
		f.StringSliceVar(&s.trustedProxies, "trusted-proxies", nil, "reverse proxies (CIDRs or addresses) whose X-Forwarded-For names the client, for the per-address login limit; default: none, the connection's address counts")
	}
	f.IntVar(&s.tmThreshold, "tm-threshold", 70, "lowest fuzzy translation-memory score offered to translators (1–100)")
	f.BoolVar(&s.tmAutoApprove, "tm-auto-approve", false, "approve segments drafted from in-context (101%) memory matches")
	f.StringVar(&s.metricsAddr, "metrics-addr", "", "serve /metrics without a token on this separate address, e.g. 127.0.0.1:9090 (keep it on loopback or a private network); default: none")
	f.StringVar(&s.metricsToken, "metrics-token", "", "serve /metrics on --addr to requests with \"Authorization: Bearer TOKEN\" (prefer PRESSROOM_METRICS_TOKEN: flags show in ps); default: /metrics on --addr answers 404")
}

func serveCmd(env Env) *cobra.Command {
	var s serviceFlags
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP API, published pages, workers and scheduler in one process",
		Long: `serve runs everything in one process. With no flags it keeps its data in
./data (SQLite), runs an in-process Redis for the queue and translates with
Apertium if it is installed. For scale-out, run serve --workers=0 with
--redis-url and --database-url, and any number of "pressroom worker" processes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return run(cmd.Context(), env, s, addr, true)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", ":8080", "HTTP listen address")
	s.add(cmd, false, "worker concurrency in this process; 0 runs no workers (use pressroom worker)")
	return cmd
}

func workerCmd(env Env) *cobra.Command {
	var s serviceFlags
	var healthAddr string
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Process queued work (segmentation, translation, publication, webhooks)",
		Long: `worker processes tasks from the Redis given by --redis-url (required: the
in-process Redis of serve cannot be reached from another process) against the
database given by --database-url (or the SQLite file under --data, which only
works on the machine that serve runs on). Run as many as you like, on any
machines, next to one "pressroom serve --workers=0".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if s.redisURL == "" {
				return usagef("worker needs --redis-url: the in-process Redis of serve is not reachable from other processes")
			}
			if s.workers < 1 {
				return usagef("--workers must be at least 1")
			}
			return run(cmd.Context(), env, s, healthAddr, false)
		},
	}
	cmd.Flags().StringVar(&healthAddr, "addr", "", "serve /healthz, /readyz and /metrics (see --metrics-token) on this address (e.g. :8081); default: none")
	s.add(cmd, true, "number of tasks processed at once (at least 1)")
	return cmd
}

// run starts a service process: serve (API, pages, and workers unless
// --workers=0) or worker (tasks only, with an optional health endpoint).
// Both run the reconciler's scheduler; its fixed task id keeps N of them
// from enqueueing N copies.
func run(ctx context.Context, env Env, s serviceFlags, addr string, serve bool) error {
	log, err := logger(env.Stderr, s.logLevel)
	if err != nil {
		return err
	}
	if s.workers < 0 {
		return usagef("--workers must not be negative")
	}
	if s.tmThreshold < 1 || s.tmThreshold > 100 {
		return usagef("--tm-threshold must be from 1 to 100")
	}
	if s.shutdownTimeout <= 0 || s.reconcileEvery <= 0 || s.hookTimeout <= 0 {
		return usagef("--shutdown-timeout, --reconcile-every and --webhook-timeout must be positive")
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	a, err := app.Start(ctx, app.Config{
		Addr: addr, HealthOnly: !serve, DataDir: s.data, RedisURL: s.redisURL, DatabaseURL: s.databaseURL, Backends: s.backends, ConfigFile: s.config,
		WebhookAllowNetworks: s.allow, WebhookTimeout: s.hookTimeout, Workers: s.workers, Scheduler: true, BaseURL: s.baseURL,
		ShutdownTimeout: s.shutdownTimeout, ReconcileEvery: s.reconcileEvery,
		Targets: s.targets, CheckInterval: s.checkInterval, TMThreshold: s.tmThreshold, TMAutoApprove: s.tmAutoApprove, Log: log,
		MetricsAddr: s.metricsAddr, MetricsToken: s.metricsToken, TrustedProxies: s.trustedProxies,
	})
	if err != nil {
		return err
	}
	<-ctx.Done()
	log.Info("shutting down")
	a.Close()
	return nil
}
