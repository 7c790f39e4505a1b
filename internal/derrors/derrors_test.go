package derrors

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKindsAndCodes(t *testing.T) {
	type got struct {
		Kind, Code, Message string
		IsKind              bool
	}
	wrapped := func() (err error) {
		defer Wrap(&err, "edition %s", "edn_1")
		return New(Conflict, "version_conflict", "segment %s changed", "seg_1")
	}()
	for _, tc := range []struct {
		name string
		err  error
		kind error
		want got
	}{
		{"bare kind", NotFound, NotFound, got{"not_found", "not_found", "not found", true}},
		{"kind wrapped by fmt", fmt.Errorf("slug x: %w", Conflict), Conflict, got{"conflict", "conflict", "slug x: conflict", true}},
		{"Error", New(Unprocessable, "empty_target", "the translation is empty"), Unprocessable,
			got{"unprocessable", "empty_target", "the translation is empty", true}},
		{"Error wrapped by Wrap keeps code", wrapped, Conflict, got{"conflict", "version_conflict", "edition edn_1: segment seg_1 changed", true}},
		{"internal", errors.New("disk full"), nil, got{"internal", "internal", "disk full", false}},
		{"Error of no known kind", &Error{Kind: errors.New("odd"), Code: "odd"}, nil, got{"internal", "odd", "", false}},
	} {
		g := got{KindName(tc.err), Code(tc.err), tc.err.Error(), tc.kind != nil && errors.Is(tc.err, tc.kind)}
		if d := cmp.Diff(tc.want, g); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
		if KindOf(tc.err) != tc.kind {
			t.Errorf("%s: KindOf = %v, want %v", tc.name, KindOf(tc.err), tc.kind)
		}
	}
}

func TestKindsAreDistinct(t *testing.T) {
	names := map[string]bool{}
	for i, a := range kinds {
		if names[a.name] {
			t.Errorf("kind name %q twice", a.name)
		}
		names[a.name] = true
		for _, b := range kinds[i+1:] {
			if errors.Is(a.kind, b.kind) || errors.Is(b.kind, a.kind) {
				t.Errorf("%s and %s match each other", a.name, b.name)
			}
		}
	}
}

func TestWrapNil(t *testing.T) {
	var err error
	Wrap(&err, "nothing")
	if err != nil {
		t.Errorf("Wrap(nil) = %v", err)
	}
}

func TestWithDetail(t *testing.T) {
	e := New(Invalid, "comment_too_long", "too long").WithDetail(map[string]any{"max": 4000})
	if d := cmp.Diff(map[string]any{"max": 4000}, As(fmt.Errorf("x: %w", e)).Detail); d != "" {
		t.Error(d)
	}
	if As(errors.New("plain")) != nil {
		t.Error("As found an *Error in a plain error")
	}
}
