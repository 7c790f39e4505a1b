package translate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pressroom-dev/pressroom/internal/inline"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func segs(texts ...string) []Segment {
	out := make([]Segment, len(texts))
	for i, t := range texts {
		out[i] = Segment{ID: string(rune('a' + i)), Text: t}
	}
	return out
}

// summary reduces drafts to comparable strings: "backend|text" or "ERR|msg".
func summary(ds []Draft) []string {
	var out []string
	for _, d := range ds {
		if d.Err != nil {
			out = append(out, "ERR|"+d.Err.Error())
			continue
		}
		out = append(out, d.Backend+"|"+d.Text)
	}
	return out
}

func TestRouterFallback(t *testing.T) {
	tests := []struct {
		name   string
		first  *fake
		second *fake
		texts  []string
		want   []string
		// calls is how many segments each backend was sent, per call.
		wantSecondCalls [][]string
	}{
		{
			name:   "all translated by the first",
			first:  &fake{name: "one"},
			second: &fake{name: "two"},
			texts:  []string{"a <1>b</1>", "c"},
			want:   []string{"one|one:a <1>b</1>", "one|one:c"},
		},
		{
			name:            "per-segment error falls through",
			first:           &fake{name: "one", reply: map[string]string{"c": "!boom"}},
			second:          &fake{name: "two"},
			texts:           []string{"a", "c"},
			want:            []string{"one|one:a", "two|two:c"},
			wantSecondCalls: [][]string{{"c"}},
		},
		{
			name:            "lost tag falls through",
			first:           &fake{name: "one", reply: map[string]string{"x <1>y</1>": "x y"}},
			second:          &fake{name: "two"},
			texts:           []string{"x <1>y</1>", "z"},
			want:            []string{"two|two:x <1>y</1>", "one|one:z"},
			wantSecondCalls: [][]string{{"x <1>y</1>"}},
		},
		{
			name:            "batch error sends everything on",
			first:           &fake{name: "one", batchErr: errors.New("down")},
			second:          &fake{name: "two"},
			texts:           []string{"a", "b"},
			want:            []string{"two|two:a", "two|two:b"},
			wantSecondCalls: [][]string{{"a", "b"}},
		},
		{
			name:            "both fail: Err joins both",
			first:           &fake{name: "one", batchErr: errors.New("down")},
			second:          &fake{name: "two", reply: map[string]string{"a": "!nope"}},
			texts:           []string{"a"},
			want:            []string{"ERR|one: down; two: nope"},
			wantSecondCalls: [][]string{{"a"}},
		},
		{
			name:   "split tag repaired, stays with first",
			first:  &fake{name: "one", reply: map[string]string{"<1>big house</1>": "<1>casa</1> <1>grande</1>"}},
			second: &fake{name: "two"},
			texts:  []string{"<1>big house</1>"},
			want:   []string{"one|<1>casa grande</1>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := NewRegistry(tt.first, tt.second)
			if err != nil {
				t.Fatal(err)
			}
			r, err := NewRouter(reg, Policy{Default: []string{"tm", "one", "two"}}, WithLogger(quiet()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs(tt.texts...)})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, summary(got)); d != "" {
				t.Errorf("drafts (-want +got):\n%s", d)
			}
			for i, d := range got {
				if want := string(rune('a' + i)); d.ID != want {
					t.Errorf("draft %d ID = %q, want %q", i, d.ID, want)
				}
			}
			if d := cmp.Diff(tt.wantSecondCalls, tt.second.calls, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("second backend calls (-want +got):\n%s", d)
			}
		})
	}
}

func TestRouterRepairAddsNote(t *testing.T) {
	one := &fake{name: "one", reply: map[string]string{"<1>big house</1>": "<1>casa</1> <1>grande</1>"}}
	reg, _ := NewRegistry(one)
	r, err := NewRouter(reg, Policy{Default: []string{"one"}}, WithLogger(quiet()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Translate(context.Background(), Request{From: "en", To: "es",
		Segments: []Segment{{ID: "s", Text: "<1>big house</1>", Tags: []inline.Tag{{ID: 1, Name: "em", Paired: true}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got[0].Notes) != 1 || !strings.Contains(got[0].Notes[0].English(), "<em>") {
		t.Errorf("notes = %q, want one note naming <em>", got[0].Notes)
	}
}

func TestRouterPolicyPerPair(t *testing.T) {
	one, two := &fake{name: "one"}, &fake{name: "two"}
	reg, _ := NewRegistry(one, two)
	r, err := NewRouter(reg, Policy{Default: []string{"one"}, Pairs: map[string][]string{"en-pt": {"two"}}}, WithLogger(quiet()))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ to, want string }{{"es", "one"}, {"pt-BR", "two"}, {"pt", "two"}} {
		got, err := r.Translate(context.Background(), Request{From: "en", To: tc.to, Segments: segs("x")})
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Backend != tc.want {
			t.Errorf("en→%s went to %q, want %q", tc.to, got[0].Backend, tc.want)
		}
	}
}

func TestNewRouterUnknownBackend(t *testing.T) {
	reg, _ := NewRegistry(NewPseudo())
	_, err := NewRouter(reg, Policy{Default: []string{"tm", "deepl"}})
	if err == nil || !strings.Contains(err.Error(), `"deepl"`) || !strings.Contains(err.Error(), "pseudo") {
		t.Fatalf("err = %v, want one naming the unknown backend and the registered ones", err)
	}
}

func TestRouterOnlyTM(t *testing.T) {
	reg, _ := NewRegistry()
	r, err := NewRouter(reg, Policy{Default: []string{"tm"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs("x")})
	if !errors.Is(err, ErrNoBackend) {
		t.Fatalf("err = %v, want ErrNoBackend", err)
	}
}

func TestRouterMalformedSourceIsPermanent(t *testing.T) {
	one := &fake{name: "one"}
	reg, _ := NewRegistry(one)
	r, _ := NewRouter(reg, Policy{Default: []string{"one"}}, WithLogger(quiet()))
	got, err := r.Translate(context.Background(), Request{From: "en", To: "es", Segments: segs("a <1>b", "ok")})
	if err != nil {
		t.Fatal(err)
	}
	if !IsPermanent(got[0].Err) {
		t.Errorf("malformed source: Err = %v, want permanent", got[0].Err)
	}
	if got[1].Err != nil || one.callCount() != 1 || len(one.calls[0]) != 1 {
		t.Errorf("good segment: err %v, calls %v; want one call with one segment", got[1].Err, one.calls)
	}
}

func TestRouterBreaker(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	one := &fake{name: "one", batchErr: errors.New("down")}
	two := &fake{name: "two"}
	reg, _ := NewRegistry(one, two)
	r, _ := NewRouter(reg, Policy{Default: []string{"one", "two"}}, WithLogger(quiet()), WithClock(clock), WithBreaker(2, time.Minute))
	req := Request{From: "en", To: "es", Segments: segs("x")}
	for range 4 {
		if _, err := r.Translate(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	if got := one.callCount(); got != 2 {
		t.Errorf("failing backend called %d times, want 2 (then circuit open)", got)
	}
	now = now.Add(61 * time.Second)
	one.batchErr = nil
	got, _ := r.Translate(context.Background(), req)
	if got[0].Backend != "one" {
		t.Errorf("after cool-down went to %q, want one", got[0].Backend)
	}
}

func TestRouterRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	one := &fake{name: "one", batchErr: &RetryAfterError{After: 10 * time.Second, Err: errors.New("429")}}
	two := &fake{name: "two"}
	reg, _ := NewRegistry(one, two)
	r, _ := NewRouter(reg, Policy{Default: []string{"one", "two"}}, WithLogger(quiet()), WithClock(func() time.Time { return now }))
	req := Request{From: "en", To: "es", Segments: segs("x")}
	r.Translate(context.Background(), req)
	r.Translate(context.Background(), req)
	if got := one.callCount(); got != 1 {
		t.Errorf("rate-limited backend called %d times within Retry-After, want 1", got)
	}
	now = now.Add(11 * time.Second)
	r.Translate(context.Background(), req)
	if got := one.callCount(); got != 2 {
		t.Errorf("after Retry-After: %d calls, want 2", got)
	}
}

func TestIsPermanent(t *testing.T) {
	perm := ErrPermanent
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("x"), false},
		{perm, true},
		{ErrUnsupportedPair, true},
		{fmt.Errorf("x: %w: %w", perm, errors.New("detail")), true},
		{&ChainError{Errs: []error{perm, ErrUnsupportedPair}}, true},
		{&ChainError{Errs: []error{perm, errors.New("timeout")}}, false},
		{&ChainError{}, false},
	}
	for _, tt := range tests {
		if got := IsPermanent(tt.err); got != tt.want {
			t.Errorf("IsPermanent(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestRouterCleansControlCharacters: an engine's NUL or C1 control becomes
// a space, so the store does not refuse the batch.
func TestRouterCleansControlCharacters(t *testing.T) {
	one := &fake{name: "one", reply: map[string]string{"Big house.": "Casa\x00 grande\u0085."}}
	reg, _ := NewRegistry(one)
	r, err := NewRouter(reg, Policy{Default: []string{"one"}}, WithLogger(quiet()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Translate(context.Background(), Request{From: "en", To: "es", Segments: []Segment{{ID: "s", Text: "Big house."}}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != "Casa  grande ." {
		t.Errorf("draft %+q", got[0].Text)
	}
}
