package glossary

import (
	"errors"
	"fmt"
)

// Kinds of failure a caller can act on; the API maps them to 400, 404, 409
// and 413, the CLI to exit status 2.
var (
	ErrInvalid  = errors.New("invalid")
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrTooLarge = errors.New("too large")
)

// Error is a failure with a stable machine-readable code ("unknown_kind",
// "term_exists", …) and a message for people. It unwraps to its kind.
type Error struct {
	Kind    error
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

func errorf(kind error, code, format string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}
