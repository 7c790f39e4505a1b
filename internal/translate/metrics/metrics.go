// Package metrics exports the translation router's calls to Prometheus:
// what each backend was asked, answered, failed on, how long it took and
// how many characters it billed. It implements translate.Observer and
// registers on the registry it is given (no global registration, so tests
// and several routers in one process do not collide).
package metrics

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Observer is a translate.Observer backed by Prometheus collectors.
type Observer struct {
	calls       *prometheus.CounterVec
	segments    *prometheus.CounterVec
	failures    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	chars       *prometheus.CounterVec
	billedChars *prometheus.CounterVec
}

// New creates the collectors and registers them on reg.
func New(reg prometheus.Registerer) (*Observer, error) {
	o := &Observer{
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pressroom_translate_calls_total",
			Help: "Batch calls per translation backend, language pair and outcome (ok, error, skipped).",
		}, []string{"backend", "pair", "outcome"}),
		segments: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pressroom_translate_segments_total",
			Help: "Segments per translation backend and result (translated, failed, skipped).",
		}, []string{"backend", "pair", "result"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pressroom_translate_failures_total",
			Help: "Failed batch calls per translation backend and kind (transient, permanent, rate_limited).",
		}, []string{"backend", "kind"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pressroom_translate_call_duration_seconds",
			Help:    "Wall time of batch calls per translation backend.",
			Buckets: []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120},
		}, []string{"backend"}),
		chars: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pressroom_translate_chars_total",
			Help: "Source characters sent per translation backend (tags excluded).",
		}, []string{"backend"}),
		billedChars: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pressroom_translate_billed_chars_total",
			Help: "Characters the backend bills for, per translation backend.",
		}, []string{"backend"}),
	}
	for _, c := range []prometheus.Collector{o.calls, o.segments, o.failures, o.latency, o.chars, o.billedChars} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// ObserveCall implements translate.Observer.
func (o *Observer) ObserveCall(c translate.Call) {
	o.calls.WithLabelValues(c.Backend, c.Pair, c.Outcome).Inc()
	switch c.Outcome {
	case "skipped":
		o.segments.WithLabelValues(c.Backend, c.Pair, "skipped").Add(float64(c.Segments))
		return
	case "error":
		o.failures.WithLabelValues(c.Backend, kind(c.Err)).Inc()
	}
	o.segments.WithLabelValues(c.Backend, c.Pair, "translated").Add(float64(c.OK))
	o.segments.WithLabelValues(c.Backend, c.Pair, "failed").Add(float64(c.Segments - c.OK))
	o.latency.WithLabelValues(c.Backend).Observe(c.Latency.Seconds())
	o.chars.WithLabelValues(c.Backend).Add(float64(c.Chars))
	o.billedChars.WithLabelValues(c.Backend).Add(float64(c.BilledChars))
}

func kind(err error) string {
	var ra *translate.RetryAfterError
	switch {
	case translate.IsPermanent(err):
		return "permanent"
	case errors.As(err, &ra):
		return "rate_limited"
	}
	return "transient"
}
