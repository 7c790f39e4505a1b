package offline

import (
	"errors"
	"fmt"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// fail builds the workflow's error type, which the API and the UI map to a
// status and a message; everything this package refuses goes through here.
func fail(kind error, code, format string, args ...any) error {
	return &pipeline.Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

// fileError turns a problem the XLIFF reader found into such an error:
// too large → 413, not parseable XML → 400, an XLIFF file pressroom cannot
// take → 422.
func fileError(err error) error {
	var xe *xliff.Error
	if !errors.As(err, &xe) {
		return err
	}
	kind := pipeline.ErrUnprocessable
	switch xe.Code {
	case xliff.CodeTooLarge:
		kind = pipeline.ErrTooLarge
	case xliff.CodeMalformed, xliff.CodeDoctype, xliff.CodeTooDeep, xliff.CodeNotXLIFF:
		kind = pipeline.ErrInvalid
	}
	return fail(kind, xe.Code, "%s", xe.Message)
}

// codeOf returns the stable code and message of a workflow error, or
// "internal" for anything else.
func codeOf(err error) (code, msg string) {
	var pe *pipeline.Error
	if errors.As(err, &pe) {
		return pe.Code, pe.Message
	}
	return "internal", "internal error; see the server log"
}
