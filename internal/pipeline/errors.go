package pipeline

import (
	"errors"
	"fmt"
	"net/http"
)

// Kinds of failure a caller can act on. The HTTP layer maps each to a status
// and the CLI to an exit code; everything else is an internal error.
var (
	ErrInvalid       = errors.New("invalid")       // malformed request → 400
	ErrUnprocessable = errors.New("unprocessable") // well-formed but unacceptable → 422
	ErrNotFound      = errors.New("not found")     // → 404
	ErrConflict      = errors.New("conflict")      // stale version or wrong state → 409
	ErrForbidden     = errors.New("forbidden")     // → 403
	ErrTooLarge      = errors.New("too large")     // → 413
	ErrGone          = errors.New("gone")          // → 410
)

// Error is a failure with a stable machine-readable code (e.g.
// "version_conflict") and a message for people. It unwraps to its kind.
type Error struct {
	Kind    error
	Code    string
	Message string
	// Detail is optional data for the client (e.g. the current segment on a
	// version conflict, so the editor can show both texts).
	Detail any
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

// errorf builds an *Error.
func errorf(kind error, code, format string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

// HTTPStatus is the HTTP status for an error's kind (500 for anything else),
// the one mapping the JSON API and the web UI share.
func HTTPStatus(err error) int {
	for _, k := range []struct {
		kind   error
		status int
	}{
		{ErrInvalid, http.StatusBadRequest},
		{ErrUnprocessable, http.StatusUnprocessableEntity},
		{ErrNotFound, http.StatusNotFound},
		{ErrConflict, http.StatusConflict},
		{ErrForbidden, http.StatusForbidden},
		{ErrTooLarge, http.StatusRequestEntityTooLarge},
		{ErrGone, http.StatusGone},
	} {
		if errors.Is(err, k.kind) {
			return k.status
		}
	}
	return http.StatusInternalServerError
}
