// Package app wires pressroom's parts into a running service: store, queue,
// translation router, pipeline, workers, scheduler and HTTP server. The
// commands in cmd/pressroom and the end-to-end tests both start it here.
package app

import (
	"log/slog"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/logctx"
)

// Config is everything a pressroom process needs to start.
type Config struct {
	// Addr is the HTTP listen address (":8080"); empty means no HTTP server.
	Addr string
	// HealthOnly serves only /healthz, /readyz and /metrics on Addr (for
	// workers).
	HealthOnly bool
	// MetricsAddr, when set, is a separate listen address serving /metrics
	// without a token ("127.0.0.1:9090"): keep it on loopback or a private
	// network.
	MetricsAddr string
	// MetricsToken, when set, lets /metrics on Addr answer to
	// "Authorization: Bearer MetricsToken"; without it /metrics on Addr
	// answers 404.
	MetricsToken string
	// DataDir holds the SQLite database when DatabaseURL is empty.
	DataDir string
	// RedisURL names the Redis for the queue; empty starts an in-process one.
	RedisURL string
	// EmbeddedRedisAddr is where the in-process Redis listens
	// ("127.0.0.1:0" picks a free port).
	EmbeddedRedisAddr string
	// DatabaseURL names a PostgreSQL database; empty means SQLite.
	DatabaseURL string
	// Backends is the default translation chain ("pseudo", "tm,apertium");
	// empty means Apertium when installed, else copy.
	Backends string
	// ConfigFile is a TOML routing-policy file (--config; see
	// docs/pressroom.example.toml); empty means none.
	ConfigFile string
	// TrustedProxies are the reverse proxies (CIDRs or addresses) in front
	// of the web UI whose X-Forwarded-For names the client (--trusted-proxies).
	TrustedProxies []string
	// WebhookAllowNetworks lists CIDRs webhooks may reach in spite of being
	// private or loopback.
	WebhookAllowNetworks []string
	// WebhookTimeout bounds one webhook call (default 15 s).
	WebhookTimeout time.Duration
	// WebhookSchedule is the waits between a delivery's attempts (default
	// webhook.DefaultSchedule); tests shorten it.
	WebhookSchedule []time.Duration
	// Workers is the worker concurrency in this process; 0 runs none.
	Workers int
	// Scheduler runs the periodic reconciler in this process.
	Scheduler bool
	// ReconcileEvery is the reconciler's period (default 1 minute).
	ReconcileEvery time.Duration
	// OrphanCheckEvery is how often a process running the scheduler looks
	// for tasks left active by a worker that died (workers.Orphans; default
	// 2 s). The check reads Redis only.
	OrphanCheckEvery time.Duration
	// ShutdownTimeout is how long running tasks may take to finish when
	// the process stops; what is still running then goes back on the
	// queue (default 20 s).
	ShutdownTimeout time.Duration
	// BaseURL is the public address for links; default http://localhost<Addr>.
	BaseURL string
	// Targets are the default target languages.
	Targets []string
	// CheckInterval is how often idle workers poll the queue.
	CheckInterval time.Duration
	// TMThreshold is the lowest fuzzy translation-memory score offered
	// (default 70).
	TMThreshold int
	// TMAutoApprove approves segments drafted from in-context (101) memory
	// matches.
	TMAutoApprove bool
	Log           *slog.Logger
}

func (c *Config) defaults() {
	if c.DataDir == "" {
		c.DataDir = "./data"
	}
	if c.EmbeddedRedisAddr == "" {
		c.EmbeddedRedisAddr = "127.0.0.1:0"
	}
	if c.WebhookTimeout <= 0 {
		c.WebhookTimeout = 15 * time.Second
	}
	if c.ReconcileEvery <= 0 {
		c.ReconcileEvery = time.Minute
	}
	if c.OrphanCheckEvery <= 0 {
		c.OrphanCheckEvery = 2 * time.Second
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	c.Log = logctx.Logger(c.Log) // records logged with a request's or task's context carry its id
	if len(c.Targets) == 0 {
		c.Targets = []string{"es", "pt-BR"}
	}
}

// baseURL derives the public URL from the bound address when none is set.
// A process without the API (a worker) cannot know it, and says so.
func (c *Config) baseURL(bound string) string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	if bound == "" || c.HealthOnly {
		c.Log.Warn("no --base-url: links in published pages and webhooks will point at http://localhost:8080; set it to the public address of serve")
		return "http://localhost:8080"
	}
	host := bound
	if strings.HasPrefix(host, "[::]:") || strings.HasPrefix(host, "0.0.0.0:") || strings.HasPrefix(host, ":") {
		host = "localhost:" + host[strings.LastIndexByte(host, ':')+1:]
	}
	return "http://" + host
}
