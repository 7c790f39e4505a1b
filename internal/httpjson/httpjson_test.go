package httpjson

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{derrors.Invalid, 400},
		{derrors.New(derrors.Unprocessable, "empty_target", "x"), 422},
		{fmt.Errorf("get: %w", derrors.NotFound), 404},
		{derrors.Conflict, 409},
		{derrors.Unauthenticated, 401},
		{derrors.Forbidden, 403},
		{derrors.TooLarge, 413},
		{&http.MaxBytesError{Limit: 10}, 413},
		{derrors.Gone, 410},
		{derrors.Unavailable, 503},
		{context.Canceled, StatusClientClosed},
		{errors.New("boom"), 500},
	} {
		if got := Status(tc.err); got != tc.want {
			t.Errorf("Status(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, ct, body string
		limit          int64
		required       []string
		wantCode       string // "" for success
	}{
		{"ok", "application/json", `{"target":"a","version":1}`, 0, []string{"target", "version"}, ""},
		{"no content type", "", `{"version":1}`, 0, nil, ""},
		{"problem+json", "application/merge-patch+json", `{"version":1}`, 0, nil, ""},
		{"form", "application/x-www-form-urlencoded", `version=1`, 0, nil, "unsupported_media_type"},
		{"empty", "application/json", ``, 0, nil, "empty_request"},
		{"unknown field", "application/json", `{"version":1,"verison":2}`, 0, nil, "invalid_json"},
		{"wrong type", "application/json", `{"version":"1"}`, 0, nil, "invalid_json"},
		{"trailing data", "application/json", `{"version":1} {}`, 0, nil, "invalid_json"},
		{"invalid UTF-8", "application/json", "{\"target\":\"\xff\",\"version\":1}", 0, nil, "invalid_utf8"},
		{"NUL escape", "application/json", `{"target":"a\u0000b","version":1}`, 0, nil, "control_character"},
		{"BEL raw is not JSON", "application/json", "{\"target\":\"a\x07\",\"version\":1}", 0, nil, "control_character"},
		{"DEL raw", "application/json", "{\"target\":\"a\x7f\",\"version\":1}", 0, nil, "control_character"},
		{"C1 raw", "application/json", "{\"target\":\"a\u0085\",\"version\":1}", 0, nil, "control_character"},
		{"C1 escape", "application/json", `{"target":"a\u009f","version":1}`, 0, nil, "control_character"},
		{"noncharacter escape", "application/json", `{"target":"a\uFFFF","version":1}`, 0, nil, "invalid_text"},
		{"lone high surrogate", "application/json", `{"target":"a\ud800","version":1}`, 0, nil, "invalid_text"},
		{"lone low surrogate", "application/json", `{"target":"\udc00a","version":1}`, 0, nil, "invalid_text"},
		{"reversed pair", "application/json", `{"target":"\udc00\ud800","version":1}`, 0, nil, "invalid_text"},
		{"high then text", "application/json", `{"target":"\ud83dx","version":1}`, 0, nil, "invalid_text"},
		{"surrogate pair", "application/json", `{"target":"\ud83d\ude00","version":1}`, 0, nil, ""},
		{"escaped backslash before u", "application/json", `{"target":"\\ud800","version":1}`, 0, nil, ""},
		{"tab newline escapes", "application/json", `{"target":"a\tb\nc\u000d","version":1}`, 0, nil, ""},
		{"missing required", "application/json", `{"target":"a"}`, 0, []string{"target", "version"}, "missing_field"},
		{"null required", "application/json", `{"target":null,"version":1}`, 0, []string{"target", "version"}, "missing_field"},
		{"not an object", "application/json", `[1]`, 0, []string{"version"}, "invalid_json"},
		{"too large", "application/json", `{"target":"` + strings.Repeat("a", 100) + `","version":1}`, 50, nil, "body_too_large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
			if tc.ct != "" {
				r.Header.Set("Content-Type", tc.ct)
			}
			if tc.limit > 0 {
				Limit(httptest.NewRecorder(), r, tc.limit)
			}
			err := Decode(r, &body{required: tc.required})
			if tc.wantCode == "" {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			if got := derrors.Code(err); got != tc.wantCode {
				t.Errorf("code %q (%v), want %q", got, err, tc.wantCode)
			}
			if s := Status(err); s != 400 && s != 413 {
				t.Errorf("status %d, want 400 or 413", s)
			}
		})
	}
}

func TestWriteError(t *testing.T) {
	w := httptest.NewRecorder()
	WriteError(w, 409, ErrorFields{Code: "version_conflict", Message: "<b>changed</b>", Detail: map[string]int{"version": 3}})
	want := `{"error":{"code":"version_conflict","message":"\u003cb\u003echanged\u003c/b\u003e","detail":{"version":3}}}` + "\n"
	if d := cmp.Diff(want, w.Body.String()); d != "" {
		t.Errorf("body (-want +got):\n%s", d)
	}
	if w.Code != 409 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("status %d, content type %q", w.Code, w.Header().Get("Content-Type"))
	}
}

type body struct {
	Target   *string `json:"target"`
	Version  int     `json:"version"`
	required []string
}

func (b *body) RequiredFields() []string { return b.required }

// FuzzDecode: whatever the body, a decoded string never holds what
// textcheck refuses.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"target":"a"}`, `{"target":"\ud800"}`, `{"target":"\ud83d\ude00"}`, `{"target":"\\ud800"}`, `{"target":"\u0000"}`, "{\"target\":\"\u0085\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		var v struct {
			Target string `json:"target"`
		}
		if err := Decode(r, &v); err != nil {
			return
		}
		if c, bad := textcheck.BadRune(v.Target); bad {
			t.Errorf("Decode(%q) let %U through: %q", body, c, v.Target)
		}
	})
}
