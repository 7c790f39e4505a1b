package translate

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrPermanent is wrapped by backend errors that retrying cannot fix: a bad or
// revoked API key, an exhausted quota, a malformed request. The queue layer maps
// it (and ErrUnsupportedPair) to asynq.SkipRetry.
var ErrPermanent = errors.New("permanent backend failure")

// ErrNoBackend is returned by the Router when a language pair's chain names
// no backend that can run (an empty chain, or one holding only "tm").
var ErrNoBackend = errors.New("no translation backend for this language pair")

// ChainError is a segment's Draft.Err when no backend of its chain could
// translate it: one error per backend tried, in chain order.
type ChainError struct {
	Errs []error
}

func (e *ChainError) Error() string {
	parts := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		parts[i] = err.Error()
	}
	return strings.Join(parts, "; ")
}

func (e *ChainError) Unwrap() []error { return e.Errs }

// IsPermanent reports whether err is one that a retry cannot fix. A
// ChainError counts as permanent only when every backend's error is: if one
// backend of the chain failed transiently, a retry may succeed.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	var ce *ChainError
	if errors.As(err, &ce) {
		if len(ce.Errs) == 0 {
			return false
		}
		for _, e := range ce.Errs {
			if !IsPermanent(e) {
				return false
			}
		}
		return true
	}
	return errors.Is(err, ErrPermanent) || errors.Is(err, ErrUnsupportedPair)
}

// RetryAfterError is a transient failure for which the backend said how long
// to wait (HTTP 429/503 with Retry-After). The router stops calling the
// backend until then; the queue layer may use After as the retry delay.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("%v (retry after %s)", e.Err, e.After)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }
