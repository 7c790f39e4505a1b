// Package logctx carries log attributes in a context.Context — the id of the
// HTTP request or the queue task being handled — and a slog.Handler that adds
// them to every record logged with that context (log.InfoContext(ctx, …)),
// so that one request's or one task's lines can be found together.
//
// It imports only the standard library; everything that logs may use it.
package logctx

import (
	"context"
	"log/slog"
)

type key struct{}

// With returns ctx carrying attrs in addition to those it already carries.
func With(ctx context.Context, attrs ...slog.Attr) context.Context {
	if len(attrs) == 0 {
		return ctx
	}
	prev := Attrs(ctx)
	all := make([]slog.Attr, 0, len(prev)+len(attrs))
	all = append(append(all, prev...), attrs...)
	return context.WithValue(ctx, key{}, all)
}

// Attrs returns the attributes ctx carries (nil for none).
func Attrs(ctx context.Context) []slog.Attr {
	if ctx == nil {
		return nil
	}
	a, _ := ctx.Value(key{}).([]slog.Attr)
	return a
}

// RequestIDKey and the task keys are the attribute names pressroom logs ids under.
const (
	RequestIDKey = "request_id"
	TaskIDKey    = "task_id"
	TaskTypeKey  = "task_type"
)

// WithRequestID returns ctx whose log records carry request_id=id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return With(ctx, slog.String(RequestIDKey, id))
}

// RequestID returns the request id ctx carries, or "".
func RequestID(ctx context.Context) string {
	for _, a := range Attrs(ctx) {
		if a.Key == RequestIDKey {
			return a.Value.String()
		}
	}
	return ""
}

// WithTask returns ctx whose log records carry task_id and task_type.
func WithTask(ctx context.Context, id, typ string) context.Context {
	return With(ctx, slog.String(TaskIDKey, id), slog.String(TaskTypeKey, typ))
}
