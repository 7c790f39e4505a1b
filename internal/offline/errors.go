package offline

import (
	"errors"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// fileError turns a problem the XLIFF reader found into an error of the
// right kind: too large → TooLarge, not parseable XML → Invalid, an XLIFF
// file pressroom cannot take → Unprocessable.
func fileError(err error) error {
	var xe *xliff.Error
	if !errors.As(err, &xe) {
		return err
	}
	kind := derrors.Unprocessable
	switch xe.Code {
	case xliff.CodeTooLarge:
		kind = derrors.TooLarge
	case xliff.CodeMalformed, xliff.CodeDoctype, xliff.CodeTooDeep, xliff.CodeNotXLIFF:
		kind = derrors.Invalid
	}
	return derrors.New(kind, xe.Code, "%s", xe.Message)
}
