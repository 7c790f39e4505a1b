package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/glossary"
	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/live"
	"github.com/pressroom-dev/pressroom/internal/loginlimit"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/qa/hunspell"
	"github.com/pressroom-dev/pressroom/internal/queue"
	"github.com/pressroom-dev/pressroom/internal/sources"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/tm"
	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/backends"
	"github.com/pressroom-dev/pressroom/internal/web"
	"github.com/pressroom-dev/pressroom/internal/webhook"
	"github.com/pressroom-dev/pressroom/workers"
)

// App is a started pressroom process.
type App struct {
	cfg       Config
	log       *slog.Logger
	Store     *store.Store
	Pipeline  *pipeline.Pipeline
	Sources   *sources.Poller
	Embedded  *queue.Embedded // nil when RedisURL was given
	conn      queue.Conn
	client    *workers.Client
	server    *asynq.Server
	inspector *asynq.Inspector
	scheduler *asynq.Scheduler
	orphans   *workers.Orphans
	stopWatch context.CancelFunc // stops the orphan watch
	watchDone chan struct{}
	http      *http.Server
	listener  net.Listener
	metrics   *prometheus.Registry
	router    *translate.Router
	redis     redis.UniversalClient // shared translation rate limits
	bundle    *i18n.Bundle
	live      *live.Hub // nil without the HTTP server
	web       *web.Server
	speller   *hunspell.Speller // nil without hunspell
	glossary  *glossary.Service
	closeOnce sync.Once
	done      chan struct{}

	// Operations (health.go, metrics.go).
	metricsHTTP *http.Server // the --metrics-addr listener; nil without
	metricsAddr string
	apertium    apertiumCheck
	unready     atomic.Bool // the last /readyz found a required check failing
}

// Start opens the store (migrating it), connects or starts Redis, and starts
// the HTTP server, the workers and the scheduler as configured. It returns
// once everything is listening; Close stops it.
func Start(ctx context.Context, cfg Config) (a *App, err error) {
	cfg.defaults()
	a = &App{cfg: cfg, log: cfg.Log, done: make(chan struct{})}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if a.Store, err = store.Open(ctx, cfg.DatabaseURL, cfg.DataDir); err != nil {
		return a, err
	}
	if err = a.Store.Migrate(ctx, a.log); err != nil {
		return a, err
	}
	redisURL := cfg.RedisURL
	if redisURL == "" {
		if a.Embedded, err = queue.StartEmbedded(cfg.EmbeddedRedisAddr); err != nil {
			return a, err
		}
		redisURL = a.Embedded.URL()
		a.log.Info("queue: in-process Redis (miniredis); the queue lives in memory and is rebuilt from the database at start-up",
			"addr", a.Embedded.Addr())
	}
	if a.conn, err = queue.Parse(redisURL); err != nil {
		return a, err
	}
	a.client = workers.NewClient(a.conn.Opt)
	a.inspector = asynq.NewInspector(a.conn.Opt)
	a.metrics = prometheus.NewRegistry()
	a.registerCollectors()
	a.redis = a.conn.Client()
	var file *backends.File
	if cfg.ConfigFile != "" {
		f, err := backends.LoadConfig(cfg.ConfigFile)
		if err != nil {
			return a, err
		}
		file = &f
	}
	router, why, err := backends.NewRouter(ctx, cfg.Backends, backends.Config{Logger: a.log, File: file,
		Redis: a.redis, Metrics: a.metrics})
	if err != nil {
		return a, err
	}
	a.router = router
	a.log.Info(why)
	if a.bundle, err = i18n.New(); err != nil {
		return a, err
	}
	guard, err := webhook.NewGuard(cfg.WebhookAllowNetworks)
	if err != nil {
		return a, err
	}
	proxies, err := web.ParseTrustedProxies(cfg.TrustedProxies)
	if err != nil {
		return a, err
	}

	// The HTTP listener is bound before the pipeline is built, so that the
	// base URL can name the real port.
	bound := ""
	if cfg.Addr != "" {
		if a.listener, err = net.Listen("tcp", cfg.Addr); err != nil {
			return a, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
		bound = a.listener.Addr().String()
	}
	pcfg := pipeline.Config{Targets: cfg.Targets, BaseURL: cfg.baseURL(bound), WebhookSchedule: cfg.WebhookSchedule,
		Memory:       tm.Config{Threshold: cfg.TMThreshold, AutoApproveInContext: cfg.TMAutoApprove},
		BatchSizeFor: func(from, to string) int { return localBatchSize(router.Chain(from, to)) }}
	a.glossary = glossary.NewService(a.Store, a.log)
	translator := glossary.NewGuard(router, a.glossary, router.AppliesGlossary)
	deps := pipeline.Deps{Store: a.Store, Queue: a.client, Translator: translator, Sender: webhook.NewSender(guard, cfg.WebhookTimeout),
		Locales: a.bundle, Log: a.log, QA: a.qaChecker(file), Metrics: webhook.NewMetrics(a.metrics)}
	if a.listener != nil && !cfg.HealthOnly {
		// One hub for the workflow (which publishes the changes it commits)
		// and the web UI (which streams them to browsers).
		a.live = live.New(ctx, a.redis, a.log)
		deps.Live = a.live
	}
	a.Pipeline = pipeline.New(deps, pcfg)
	a.glossary.SetRedrafter(a.Pipeline)
	a.Pipeline.AddEditChecker(a.glossary)
	a.Pipeline.SetSegmentedHook(a.glossary)
	a.Sources = sources.New(a.Store, a.Pipeline, guard, 20*time.Second, a.log)
	if n, err := a.Pipeline.Memory().IndexPending(ctx); err != nil {
		return a, fmt.Errorf("index translation memory: %w", err)
	} else if n > 0 {
		a.log.Info("translation memory: indexed entries carried over from the first memory table", "entries", n)
	}

	if st, err := a.Pipeline.Reconcile(ctx); err != nil {
		return a, fmt.Errorf("reconcile at start-up: %w", err)
	} else if st != (pipeline.ReconcileStats{}) {
		a.log.Info("re-enqueued pending work from the database", "segment", st.Segment, "translate", st.Translate,
			"publish", st.Publish, "deliver", st.Deliver)
	}
	if cfg.Workers > 0 || cfg.Scheduler {
		a.orphans = workers.NewOrphans(a.conn.Opt, a.log)
	}
	if cfg.Workers > 0 {
		h := &workers.Handlers{P: a.Pipeline, Log: a.log, Sources: a.Sources, Orphans: a.orphans}
		a.server = workers.NewServer(a.conn.Opt, workers.ServerConfig{Concurrency: cfg.Workers, CheckInterval: cfg.CheckInterval,
			ShutdownTimeout: cfg.ShutdownTimeout, Log: a.log})
		if err = a.server.Start(h.Mux()); err != nil {
			return a, fmt.Errorf("start workers: %w", err)
		}
		a.log.Info("workers started", "concurrency", cfg.Workers)
	}
	if cfg.Scheduler {
		if a.scheduler, err = workers.NewScheduler(a.conn.Opt, cfg.ReconcileEvery, a.log); err != nil {
			return a, err
		}
		if err = a.scheduler.Start(); err != nil {
			return a, fmt.Errorf("start scheduler: %w", err)
		}
		// Every process with a scheduler watches for tasks a dead worker
		// left behind; the copies' task ids keep them from doubling up.
		var wctx context.Context
		wctx, a.stopWatch = context.WithCancel(context.Background())
		a.watchDone = make(chan struct{})
		go func() {
			defer close(a.watchDone)
			a.orphans.Run(wctx, cfg.OrphanCheckEvery)
		}()
	}
	if cfg.MetricsAddr != "" {
		if err = a.serveMetrics(cfg.MetricsAddr); err != nil {
			return a, err
		}
	}
	if a.listener != nil {
		if !cfg.HealthOnly {
			if a.web, err = web.New(web.Config{Pipeline: a.Pipeline, Bundle: a.bundle, Live: a.live,
				BaseURL: pcfg.BaseURL, Log: a.log, QueueConn: a.conn.Opt, Glossary: a.glossary, Sources: a.Sources, WebhookGuard: guard,
				LoginLimiter: loginlimit.New(a.redis, loginlimit.Limits{}), TrustedProxies: proxies}); err != nil {
				return a, err
			}
		}
		a.http = &http.Server{
			Handler:           a.routes(guard),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       60 * time.Second,
			WriteTimeout:      60 * time.Second,
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    64 << 10,
		}
		go func() {
			if err := a.http.Serve(a.listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Error("http server stopped", "err", err)
			}
		}()
		a.log.Info("listening", "addr", bound, "url", pcfg.BaseURL)
	}
	return a, nil
}

// serveMetrics starts the separate metrics listener: /metrics without a
// token, for a Prometheus on a private network or this machine.
func (a *App) serveMetrics(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on --metrics-addr %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metricsHandler())
	a.metricsHTTP = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	a.metricsAddr = l.Addr().String()
	go func() {
		if err := a.metricsHTTP.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("metrics server stopped", "err", err)
		}
	}()
	a.log.Info("metrics listening", "addr", a.metricsAddr)
	if ap, err := netip.ParseAddrPort(a.metricsAddr); err != nil || !ap.Addr().IsLoopback() {
		a.log.Warn("--metrics-addr is not a loopback address: anyone who can reach it reads the metrics without a token; keep it on a private network",
			"addr", a.metricsAddr)
	}
	return nil
}

// Addr is the bound address of the HTTP listener ("" without one); unlike
// URL it names a worker's health listener too.
func (a *App) Addr() string {
	if a.listener == nil {
		return ""
	}
	return a.listener.Addr().String()
}

// MetricsAddr is the bound address of the --metrics-addr listener ("" without).
func (a *App) MetricsAddr() string { return a.metricsAddr }

// URL is the base URL of the HTTP server.
func (a *App) URL() string { return a.Pipeline.Config().BaseURL }

// Client is the process's queue client (for tests and benchmarks that write
// to the store directly and enqueue as the workflow would).
func (a *App) Client() *workers.Client { return a.client }

// Conn is the queue's Redis connection.
func (a *App) Conn() queue.Conn { return a.conn }

// Close stops everything started, in reverse order.
func (a *App) Close() {
	a.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if a.server != nil {
			// Take no new tasks while the rest shuts down; Shutdown below
			// lets running ones finish and puts back what cannot.
			a.server.Stop()
		}
		if a.http != nil {
			_ = a.http.Shutdown(ctx)
		} else if a.listener != nil {
			a.listener.Close()
		}
		if a.metricsHTTP != nil {
			_ = a.metricsHTTP.Shutdown(ctx)
		}
		if a.web != nil {
			_ = a.web.Close()
		}
		if a.live != nil {
			a.live.Close()
		}
		if a.scheduler != nil {
			a.scheduler.Shutdown()
		}
		if a.stopWatch != nil {
			a.stopWatch()
			<-a.watchDone
		}
		if a.server != nil {
			a.server.Shutdown()
		}
		if a.orphans != nil {
			a.orphans.Close()
		}
		if a.client != nil {
			a.client.Close()
		}
		if a.inspector != nil {
			a.inspector.Close()
		}
		if a.router != nil {
			if err := a.router.Close(); err != nil {
				a.log.Warn("closing translation backends", "err", err)
			}
		}
		if a.redis != nil {
			a.redis.Close()
		}
		if a.speller != nil {
			a.speller.Close()
		}
		if a.Embedded != nil {
			a.Embedded.Close()
		}
		if a.Store != nil {
			a.Store.Close()
		}
		close(a.done)
	})
}

// Done is closed once Close has finished.
func (a *App) Done() <-chan struct{} { return a.done }

// localBatchSize is the batch size for a chain of in-process backends that
// answer at once (pseudo, copy): a whole edition of up to this many
// segments is one batch, one task and one transaction, since splitting it
// over workers buys nothing and costs a task and a transaction per batch.
// Other chains keep the pipeline's default (0).
func localBatchSize(chain []string) int {
	if len(chain) == 0 {
		return 0
	}
	for _, name := range chain {
		if name != translate.PseudoName && name != "copy" {
			return 0
		}
	}
	return 1000
}
