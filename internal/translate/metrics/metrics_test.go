package metrics

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

type failing struct{ err error }

func (failing) Name() string { return "paid" }
func (f failing) Translate(context.Context, translate.Request) ([]translate.Draft, error) {
	return nil, f.err
}

func TestObserverThroughRouter(t *testing.T) {
	reg := prometheus.NewRegistry()
	o, err := New(reg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := translate.NewRouter(mustRegistry(t, failing{err: fmtPermanent()}, translate.NewPseudo()),
		translate.Policy{Default: []string{"paid", "pseudo"}}, translate.WithObserver(o),
		translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	req := translate.Request{From: "en", To: "es", Segments: []translate.Segment{{ID: "1", Text: "Hello <1>world</1>"}, {ID: "2", Text: "Bye"}}}
	for range 2 {
		if _, err := r.Translate(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	want := `
# HELP pressroom_translate_calls_total Batch calls per translation backend, language pair and outcome (ok, error, skipped).
# TYPE pressroom_translate_calls_total counter
pressroom_translate_calls_total{backend="paid",outcome="error",pair="en-es"} 1
pressroom_translate_calls_total{backend="paid",outcome="skipped",pair="en-es"} 1
pressroom_translate_calls_total{backend="pseudo",outcome="ok",pair="en-es"} 2
# HELP pressroom_translate_chars_total Source characters sent per translation backend (tags excluded).
# TYPE pressroom_translate_chars_total counter
pressroom_translate_chars_total{backend="paid"} 14
pressroom_translate_chars_total{backend="pseudo"} 28
# HELP pressroom_translate_failures_total Failed batch calls per translation backend and kind (transient, permanent, rate_limited).
# TYPE pressroom_translate_failures_total counter
pressroom_translate_failures_total{backend="paid",kind="permanent"} 1
# HELP pressroom_translate_segments_total Segments per translation backend and result (translated, failed, skipped).
# TYPE pressroom_translate_segments_total counter
pressroom_translate_segments_total{backend="paid",pair="en-es",result="failed"} 2
pressroom_translate_segments_total{backend="paid",pair="en-es",result="skipped"} 2
pressroom_translate_segments_total{backend="paid",pair="en-es",result="translated"} 0
pressroom_translate_segments_total{backend="pseudo",pair="en-es",result="failed"} 0
pressroom_translate_segments_total{backend="pseudo",pair="en-es",result="translated"} 4
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "pressroom_translate_calls_total",
		"pressroom_translate_chars_total", "pressroom_translate_failures_total", "pressroom_translate_segments_total"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(o.latency); n != 2 {
		t.Errorf("latency series = %d, want 2 (paid, pseudo)", n)
	}
}

func TestBilledCharsAndKinds(t *testing.T) {
	reg := prometheus.NewRegistry()
	o, _ := New(reg)
	o.ObserveCall(translate.Call{Backend: "deepl", Pair: "en-es", Outcome: "ok", Segments: 2, OK: 2, Chars: 30, BilledChars: 30, Latency: time.Second})
	o.ObserveCall(translate.Call{Backend: "deepl", Pair: "en-es", Outcome: "error", Segments: 1, Err: &translate.RetryAfterError{After: time.Second, Err: errors.New("429")}})
	o.ObserveCall(translate.Call{Backend: "deepl", Pair: "en-es", Outcome: "error", Segments: 1, Err: errors.New("timeout")})
	if got := testutil.ToFloat64(o.billedChars.WithLabelValues("deepl")); got != 30 {
		t.Errorf("billed chars %v, want 30", got)
	}
	for kind, want := range map[string]float64{"rate_limited": 1, "transient": 1, "permanent": 0} {
		if got := testutil.ToFloat64(o.failures.WithLabelValues("deepl", kind)); got != want {
			t.Errorf("failures{kind=%s} = %v, want %v", kind, got, want)
		}
	}
	if _, err := New(reg); err == nil {
		t.Error("registering twice on one registry succeeded")
	}
}

func mustRegistry(t *testing.T, bs ...translate.Backend) *translate.Registry {
	reg, err := translate.NewRegistry(bs...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func fmtPermanent() error {
	return errors.Join(translate.ErrPermanent, errors.New("HTTP 456 quota exceeded"))
}
