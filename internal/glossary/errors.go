package glossary

import "github.com/pressroom-dev/pressroom/internal/derrors"

// The kinds of failure the glossary returns (package derrors'), which the
// API maps to 400, 404, 409 and 413 and the CLI to exit status 2.
var (
	ErrInvalid  = derrors.Invalid
	ErrNotFound = derrors.NotFound
	ErrConflict = derrors.Conflict
	ErrTooLarge = derrors.TooLarge
)

// Error is a failure with a stable machine-readable code ("unknown_kind",
// "term_exists", "wrong_language", …) and a message for people.
type Error = derrors.Error

func errorf(kind error, code, format string, args ...any) *Error {
	return derrors.New(kind, code, format, args...)
}
