package web

import (
	"errors"
	"net/http"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/i18n"
)

// codeMessages are the locale messages of the error codes a person meets in
// the UI, whichever package returned them (the workflow, the shared JSON
// decoder, the UI itself). A message may use {{.Detail}} (the error's
// English message) and the keys of a map Detail (e.g. {{.max}}).
var codeMessages = map[string]string{
	"signed_out":         "ErrSignedOut",
	"csrf":               "ErrCSRF",
	"version_conflict":   "ErrVersionConflict",
	"empty_target":       "ErrEmptyTarget",
	"tags_mismatch":      "ErrTagsMismatch",
	"no_draft":           "ErrNoDraft",
	"segment_superseded": "ErrSuperseded",
	"not_approved":       "ErrNotApproved",
	"qa_failed":          "ErrQAFailed",
	"comment_empty":      "ErrCommentEmpty",
	"comment_too_long":   "ErrCommentLong",
	"bad_language":       "ErrBadLanguage",
	"bad_date":           "ErrBadDate",
	"body_too_large":     "ErrTooLarge",
	"duplicate_article":  "ErrDuplicateArticle",
	// Refused text and numbers (packages textcheck, pipeline, auth).
	"control_character":    "ErrControlCharacter",
	"invalid_text":         "ErrInvalidText",
	"invalid_version":      "ErrInvalidVersion",
	"unsupported_language": "ErrUnsupportedLanguage",
	"invalid_username":     "UserErrUsername",
	// XLIFF uploads (package offline, package xliff).
	"no_file":                   "ErrNoFile",
	"file_too_large":            "ErrTooLarge",
	"wrong_edition":             "ErrXLIFFWrongEdition",
	"wrong_language":            "ErrXLIFFWrongLanguage",
	"wrong_revision":            "ErrXLIFFWrongRevision",
	"not_a_pressroom_file":      "ErrXLIFFNotOurs",
	"malformed_xliff":           "ErrXLIFFUnreadable",
	"doctype_not_allowed":       "ErrXLIFFUnreadable",
	"too_deeply_nested":         "ErrXLIFFUnreadable",
	"not_xliff":                 "ErrXLIFFUnreadable",
	"unsupported_xliff_version": "ErrXLIFFUnreadable",
	"unknown_element":           "ErrXLIFFUnreadable",
	"invalid_structure":         "ErrXLIFFUnreadable",
	"duplicate_unit":            "ErrXLIFFUnreadable",
	"invalid_inline_code":       "ErrXLIFFInlineCode",
	"unknown_segment":           "ErrXLIFFUnknownSegment",
}

// kindMessages say what went wrong by kind, for codes without a message of
// their own. Conflicts and unprocessable input without one show the
// workflow's own (English) message, which names the problem precisely.
var kindMessages = []struct {
	kind error
	id   string
}{
	{derrors.Unauthenticated, "ErrSignedOut"},
	{derrors.Forbidden, "ErrForbidden"},
	{derrors.NotFound, "ErrNotFound"},
	{derrors.TooLarge, "ErrTooLarge"},
	{derrors.Invalid, "ErrBadRequest"},
}

// errorText is the code, the localised message and the detail that the UI
// shows for an error answered with status.
func errorText(l *i18n.Localizer, err error, status int) (code, msg string, detail any) {
	if status == http.StatusInternalServerError {
		return "internal", l.T("ErrInternal"), nil
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return "too_large", l.T("ErrTooLarge"), nil
	}
	code = derrors.Code(err)
	english := err.Error()
	if e := derrors.As(err); e != nil {
		english, detail = e.Message, e.Detail
	}
	data := []any{"Detail", english}
	if m, ok := detail.(map[string]any); ok {
		for k, v := range m {
			data = append(data, k, v)
		}
	}
	if id, ok := codeMessages[code]; ok {
		return code, l.T(id, data...), detail
	}
	for _, k := range kindMessages {
		if derrors.KindOf(err) == k.kind {
			return code, l.T(k.id, data...), detail
		}
	}
	return code, english, detail
}
