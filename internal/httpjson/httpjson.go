// Package httpjson is the HTTP edge that the JSON API (internal/api) and the
// web UI (internal/web) share: the one mapping from an error's kind
// (internal/derrors) to an HTTP status, strict JSON request decoding under a
// size limit, and JSON responses and error bodies.
//
// It must not import the workflow, the store or either door: they import it.
package httpjson

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// StatusClientClosed is the status logged for a request the client gave up
// on (nginx's 499); nobody receives it.
const StatusClientClosed = 499

var statuses = []struct {
	kind   error
	status int
}{
	{derrors.Invalid, http.StatusBadRequest},
	{derrors.Unprocessable, http.StatusUnprocessableEntity},
	{derrors.NotFound, http.StatusNotFound},
	{derrors.Conflict, http.StatusConflict},
	{derrors.Unauthenticated, http.StatusUnauthorized},
	{derrors.Forbidden, http.StatusForbidden},
	{derrors.TooLarge, http.StatusRequestEntityTooLarge},
	{derrors.Gone, http.StatusGone},
	{derrors.Unavailable, http.StatusServiceUnavailable},
}

// Status is the HTTP status for an error: its kind's, 413 for a body over
// http.MaxBytesReader's limit, 499 for a canceled request, else 500.
func Status(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	for _, s := range statuses {
		if errors.Is(err, s.kind) {
			return s.status
		}
	}
	if errors.Is(err, context.Canceled) {
		return StatusClientClosed
	}
	return http.StatusInternalServerError
}

// Limit bounds r's body to n bytes; reading past it fails with an error
// that Status maps to 413.
func Limit(w http.ResponseWriter, r *http.Request, n int64) {
	r.Body = http.MaxBytesReader(w, r.Body, n)
}

// Decode reads a JSON request body strictly into v: the Content-Type, when
// given, must be JSON; the body must be valid UTF-8 (encoding/json would
// quietly turn invalid bytes into U+FFFD); unknown fields and trailing data
// are errors, so a misspelt field is reported instead of ignored; and when v
// has RequiredFields, each must be present and not null. Failures are
// derrors.Invalid with a code (invalid_json, missing_field, …), or
// derrors.TooLarge (body_too_large) past the limit set with Limit.
func Decode(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return derrors.New(derrors.Invalid, "unsupported_media_type", "send Content-Type: application/json")
		}
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return derrors.New(derrors.TooLarge, "body_too_large", "request body exceeds %d bytes", mbe.Limit)
		}
		return fmt.Errorf("read request body: %w", err)
	}
	if !utf8.Valid(raw) {
		return derrors.New(derrors.Invalid, "invalid_utf8", "request body is not valid UTF-8")
	}
	if err := checkText(raw); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return derrors.New(derrors.Invalid, "empty_request", "request body is empty; send a JSON object")
		}
		return derrors.New(derrors.Invalid, "invalid_json", "request body is not valid JSON for this call: %v", err)
	}
	if dec.More() {
		return derrors.New(derrors.Invalid, "invalid_json", "request body has data after the JSON object")
	}
	if rf, ok := v.(RequiredFielder); ok {
		return checkRequired(raw, rf.RequiredFields())
	}
	return nil
}

// RequiredFielder is a request type with fields a client must send; a Go
// zero value cannot tell "version": 0 from no version at all.
type RequiredFielder interface {
	RequiredFields() []string
}

func checkRequired(raw []byte, required []string) error {
	if len(required) == 0 {
		return nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return derrors.New(derrors.Invalid, "invalid_json", "request body is not a JSON object")
	}
	var missing []string
	for _, f := range required {
		if b, ok := fields[f]; !ok || string(b) == "null" {
			missing = append(missing, `"`+f+`"`)
		}
	}
	if len(missing) > 0 {
		return derrors.New(derrors.Invalid, "missing_field", "this call needs %s", strings.Join(missing, " and "))
	}
	return nil
}

// Write writes v as a JSON response. HTML characters are escaped, so a
// response sniffed as HTML cannot run anything.
func Write(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// ErrorBody is the body of every JSON error: {"error": {code, message,
// detail?}}.
type ErrorBody struct {
	Error ErrorFields `json:"error"`
}

// ErrorFields are an error's code, message and optional detail.
type ErrorFields struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Detail  any    `json:"detail,omitempty"`
}

// WriteError writes an error body with status.
func WriteError(w http.ResponseWriter, status int, f ErrorFields) {
	Write(w, status, ErrorBody{Error: f})
}

// Body adapts a handler that takes its decoded JSON request (see Decode) to
// a door's handler type; C is what the door knows about the caller (the
// API's principal, the web UI's request context).
func Body[C, In any](h func(w http.ResponseWriter, r *http.Request, c C, in In) error) func(http.ResponseWriter, *http.Request, C) error {
	return func(w http.ResponseWriter, r *http.Request, c C) error {
		var in In
		if err := Decode(r, &in); err != nil {
			return err
		}
		return h(w, r, c, in)
	}
}

// Attachment sends body as a file download named name: the API's and the
// editor's exports answer the same way, never cached and never sniffed.
func Attachment(w http.ResponseWriter, contentType, name string, body []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	_, err := w.Write(body)
	return err
}

// CheckPath answers 400 (control_character or invalid_text) for a request
// whose path or query values hold text textcheck refuses, before any route
// sees it: ids, slugs and languages in paths are single-line.
func CheckPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := textcheck.Line("path", r.URL.Path)
		if err == nil {
			for name, vs := range r.URL.Query() {
				for _, v := range append([]string{name}, vs...) {
					if err = textcheck.Text("query parameter "+name, v); err != nil {
						break
					}
				}
				if err != nil {
					break
				}
			}
		}
		if err != nil {
			e := derrors.As(err)
			WriteError(w, http.StatusBadRequest, ErrorFields{Code: e.Code, Message: e.Message, Detail: e.Detail})
			return
		}
		next.ServeHTTP(w, r)
	})
}
