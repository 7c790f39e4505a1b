package app

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/hibiken/asynq/x/metrics"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pressroom-dev/pressroom/internal/httpjson"
)

// registerCollectors adds the process's and the queue's collectors to the
// registry that /metrics exports.
func (a *App) registerCollectors() {
	a.metrics.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		metrics.NewQueueMetricsCollector(a.inspector))
}

// metricsHandler exports the registry without any check: it is what the
// separate metrics listener (--metrics-addr) serves.
func (a *App) metricsHandler() http.Handler {
	return promhttp.HandlerFor(a.metrics, promhttp.HandlerOpts{})
}

// publicMetrics guards /metrics on the main listener, which faces users:
// queue sizes, backend costs and error rates are not theirs to read. With
// no --metrics-token the route answers 404 (scrape --metrics-addr instead);
// with one, it wants "Authorization: Bearer TOKEN" and answers 401 without.
func (a *App) publicMetrics() http.Handler {
	next := a.metricsHandler()
	token := []byte(a.cfg.MetricsToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(token) == 0 {
			httpjson.WriteError(w, http.StatusNotFound, httpjson.ErrorFields{Code: "not_found",
				Message: "metrics are not served here: scrape --metrics-addr, or set --metrics-token to serve them here"})
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), token) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			httpjson.WriteError(w, http.StatusUnauthorized, httpjson.ErrorFields{Code: "unauthenticated",
				Message: "metrics need the --metrics-token as a bearer token"})
			return
		}
		next.ServeHTTP(w, r)
	})
}
