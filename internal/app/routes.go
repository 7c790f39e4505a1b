package app

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

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
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", a.publicMetrics())
	var h http.Handler = mux
	if a.web != nil {
		h = a.web.Wrap(mux) // the web UI's routes take precedence; see web.Server.Wrap
	}
	return withRequestID(a.instrument(httpjson.CheckPath(h)))
}

// isProbe reports whether route is one that load balancers and Prometheus
// call every few seconds.
func isProbe(route string) bool {
	switch route {
	case "GET /healthz", "GET /readyz", "GET /metrics":
		return true
	}
	return false
}

// instrument counts requests by route pattern and status, logs each (with
// its request id, from the context), and sets headers every response should
// carry.
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
		took := time.Since(start)
		reqs.WithLabelValues(route, http.StatusText(sw.code)).Inc()
		dur.WithLabelValues(route).Observe(took.Seconds())
		level := slog.LevelInfo
		if isProbe(route) {
			level = slog.LevelDebug // a scrape or probe every few seconds would drown the rest
		}
		a.log.Log(r.Context(), level, "http request", "method", r.Method, "route", route, "path", r.URL.Path,
			"status", sw.code, "took", took)
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
