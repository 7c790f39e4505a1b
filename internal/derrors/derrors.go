// Package derrors defines the kinds of failure pressroom's callers can act
// on (the way golang/pkgsite's internal/derrors does) and Error, a failure
// with a stable machine-readable code.
//
// The store and the workflow return these kinds, bare or inside an *Error;
// each door maps them once: the HTTP layer to a status (package httpjson),
// the web UI to a localised message, the CLI to an exit code, the workers
// to "retry or not". Anything that is none of these kinds is an internal
// error. derrors imports nothing of pressroom's, so every package may use it.
package derrors

import (
	"errors"
	"fmt"
)

// The kinds. Their texts are what wrapped errors print ("slug x: conflict").
var (
	// Invalid: the request is malformed (bad JSON, missing field).
	Invalid = errors.New("invalid")
	// Unprocessable: well-formed but unacceptable (an empty translation,
	// broken inline tags, an unknown format).
	Unprocessable = errors.New("unprocessable")
	// NotFound: what was asked for does not exist.
	NotFound = errors.New("not found")
	// Conflict: a stale version, a taken name, or a thing in the wrong state.
	Conflict = errors.New("conflict")
	// Unauthenticated: nobody we know is asking.
	Unauthenticated = errors.New("unauthenticated")
	// Forbidden: the caller may not do this.
	Forbidden = errors.New("forbidden")
	// TooLarge: the request or a part of it is over a limit.
	TooLarge = errors.New("too large")
	// Gone: it existed and was withdrawn.
	Gone = errors.New("gone")
	// Unavailable: a service we depend on does not answer; try later.
	Unavailable = errors.New("unavailable")
)

// kinds lists every kind with a stable name, for logs and message ids.
var kinds = []struct {
	kind error
	name string
}{
	{Invalid, "invalid"},
	{Unprocessable, "unprocessable"},
	{NotFound, "not_found"},
	{Conflict, "conflict"},
	{Unauthenticated, "unauthenticated"},
	{Forbidden, "forbidden"},
	{TooLarge, "too_large"},
	{Gone, "gone"},
	{Unavailable, "unavailable"},
}

// KindOf returns the kind err is or wraps, or nil for an internal error.
func KindOf(err error) error {
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			return k.kind
		}
	}
	return nil
}

// KindName is the stable name of err's kind ("not_found", "conflict", …),
// or "internal".
func KindName(err error) string {
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			return k.name
		}
	}
	return "internal"
}

// Error is a failure with a stable machine-readable code (e.g.
// "version_conflict") and a message for people, in English; user
// interfaces choose their own localised text by code or kind. It unwraps to
// its kind, so errors.Is(err, derrors.Conflict) matches it.
type Error struct {
	Kind    error
	Code    string
	Message string
	// Detail is optional data for the client: the current segment on a
	// version conflict (so the editor can show both texts), or values a
	// localised message needs (map[string]any, e.g. {"max": 4000}).
	Detail any
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

// New returns an *Error of a kind with a code and a formatted message.
func New(kind error, code, format string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithDetail sets the error's Detail and returns it.
func (e *Error) WithDetail(d any) *Error {
	e.Detail = d
	return e
}

// As returns the *Error in err's chain, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Code is the code of the *Error in err's chain; else the name of its kind;
// else "internal".
func Code(err error) string {
	if e := As(err); e != nil && e.Code != "" {
		return e.Code
	}
	return KindName(err)
}

// Wrap adds context to a returned error, keeping its kind and code; use it
// deferred: defer derrors.Wrap(&err, "segment %s", id).
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
