package logctx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"testing/slogtest"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/logctx"
)

// TestHandlerAddsContextAttrs: a record logged with a context carrying ids
// has them; one logged without a context does not.
func TestHandlerAddsContextAttrs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(logctx.NewHandler(slog.NewJSONHandler(&buf, nil))).With("component", "test")
	ctx := logctx.WithRequestID(context.Background(), "req-1")
	ctx = logctx.WithTask(ctx, "task-9", "segment")
	log.InfoContext(ctx, "with ids", "n", 1)
	log.Info("without")

	var got []map[string]any
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		delete(m, "time")
		got = append(got, m)
	}
	want := []map[string]any{
		{"level": "INFO", "msg": "with ids", "component": "test", "n": 1.0, "request_id": "req-1", "task_id": "task-9", "task_type": "segment"},
		{"level": "INFO", "msg": "without", "component": "test"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if id := logctx.RequestID(ctx); id != "req-1" {
		t.Errorf("RequestID = %q", id)
	}
	if logctx.RequestID(context.Background()) != "" {
		t.Error("RequestID of a bare context is not empty")
	}
}

// TestHandlerContract runs the standard library's handler conformance tests.
func TestHandlerContract(t *testing.T) {
	var buf bytes.Buffer
	h := logctx.NewHandler(slog.NewJSONHandler(&buf, nil))
	results := func() []map[string]any {
		var ms []map[string]any
		dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
		for dec.More() {
			var m map[string]any
			if err := dec.Decode(&m); err != nil {
				t.Fatal(err)
			}
			ms = append(ms, m)
		}
		return ms
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Error(err)
	}
}

// TestWrapOnce: wrapping twice does not add the attributes twice.
func TestWrapOnce(t *testing.T) {
	var buf bytes.Buffer
	l := logctx.Logger(logctx.Logger(slog.New(slog.NewTextHandler(&buf, nil))))
	l.InfoContext(logctx.WithRequestID(context.Background(), "x"), "m")
	if n := bytes.Count(buf.Bytes(), []byte("request_id=x")); n != 1 {
		t.Errorf("request_id appears %d times: %s", n, buf.String())
	}
}
