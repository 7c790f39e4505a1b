package webhook

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts webhook deliveries for Prometheus: attempts by result,
// deliveries by outcome, and the delay from an event being written to a
// receiver acknowledging it.
type Metrics struct {
	attempts *prometheus.CounterVec
	outcomes *prometheus.CounterVec
	ack      prometheus.Histogram
}

// NewMetrics registers the webhook metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressroom_webhook_attempts_total",
			Help: "Webhook HTTP calls by result: the status class (2xx, 3xx, 4xx, 5xx) or error (no answer)."}, []string{"result"}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressroom_webhook_deliveries_total",
			Help: "Webhook deliveries settled, by outcome: delivered, failed (retries exhausted), disabled (the webhook was or became disabled)."},
			[]string{"outcome"}),
		ack: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "pressroom_webhook_ack_delay_seconds",
			Help:    "Delay from an event being written to its webhook call being acknowledged with 2xx.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 22)}),
	}
	reg.MustRegister(m.attempts, m.outcomes, m.ack)
	return m
}

// Attempt counts one call; code 0 means no answer.
func (m *Metrics) Attempt(code int) {
	r := "error"
	if code > 0 {
		r = strconv.Itoa(code/100) + "xx"
	}
	m.attempts.WithLabelValues(r).Inc()
}

// Outcome counts a settled delivery.
func (m *Metrics) Outcome(outcome string) { m.outcomes.WithLabelValues(outcome).Inc() }

// Acked records the delay from event to acknowledgement.
func (m *Metrics) Acked(d time.Duration) { m.ack.Observe(d.Seconds()) }
