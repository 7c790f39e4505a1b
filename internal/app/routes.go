package app

import (
	"context"
	"net/http"
	"time"

	"github.com/hibiken/asynq/x/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pressroom-dev/pressroom/internal/api"
	"github.com/pressroom-dev/pressroom/internal/httpjson"
	"github.com/pressroom-dev/pressroom/internal/site"
	"github.com/pressroom-dev/pressroom/internal/webhook"
)

func (a *App) routes(guard *webhook.Guard) http.Handler {
	mux := http.NewServeMux()
	if !a.cfg.HealthOnly {
		api.New(a.Pipeline, guard, a.log).WithBackends(a.router).WithGlossary(a.glossary).WithSources(a.Sources).Routes(mux)
		site.New(a.Store, a.Pipeline.Config().BaseURL, a.bundle, a.log).Routes(mux)
	}
	mux.HandleFunc("GET /healthz", a.healthz)
	a.metrics.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		metrics.NewQueueMetricsCollector(a.inspector))
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.metrics, promhttp.HandlerOpts{}))
	if a.web != nil {
		return a.instrument(httpjson.CheckPath(a.web.Wrap(mux))) // the web UI's routes take precedence; see web.Server.Wrap
	}
	return a.instrument(httpjson.CheckPath(mux))
}

// healthz answers 200 when the database and Redis answer, else 503.
func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	status, body := http.StatusOK, `{"status":"ok"}`
	if err := a.Store.DB().PingContext(ctx); err != nil {
		status, body = http.StatusServiceUnavailable, `{"status":"unavailable","failing":"database"}`
	} else if err := a.pingRedis(ctx); err != nil {
		status, body = http.StatusServiceUnavailable, `{"status":"unavailable","failing":"redis"}`
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body + "\n"))
}

func (a *App) pingRedis(ctx context.Context) error {
	return a.redis.Ping(ctx).Err()
}

// instrument counts requests by route pattern and status, and sets headers
// every response should carry.
func (a *App) instrument(next http.Handler) http.Handler {
	reqs := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressroom_http_requests_total", Help: "HTTP requests by route and status."}, []string{"route", "code"})
	dur := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "pressroom_http_request_seconds", Help: "HTTP request latency by route.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2, 14)}, []string{"route"})
	a.metrics.MustRegister(reqs, dur)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "strict-origin-when-cross-origin")
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		reqs.WithLabelValues(route, http.StatusText(sw.code)).Inc()
		dur.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s *statusWriter) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (the web UI's
// event stream lifts the write deadline through it).
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush lets server-sent events through the wrapper.
func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
