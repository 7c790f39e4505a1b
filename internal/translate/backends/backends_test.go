package backends

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

func TestNewRouterFromFlag(t *testing.T) {
	cfg := Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	tests := []struct {
		flag      string
		wantChain []string
		wantErr   string
	}{
		{flag: "pseudo", wantChain: []string{"pseudo"}},
		{flag: "tm,copy", wantChain: []string{"copy"}},
		{flag: "tm,bogus", wantErr: `unknown translation backend "bogus"`},
		{flag: "pseudo,,copy", wantErr: "empty backend name"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			r, why, err := NewRouter(context.Background(), tt.flag, cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if why == "" {
				t.Error("empty explanation")
			}
			if d := cmp.Diff(tt.wantChain, r.Chain("en", "es")); d != "" {
				t.Errorf("chain (-want +got):\n%s", d)
			}
		})
	}
}

func TestPseudoRouterEndToEnd(t *testing.T) {
	r, _, err := NewRouter(context.Background(), "tm,pseudo", Config{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "1", Text: "Hi <1>there</1>"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []translate.Draft{{ID: "1", Text: "[es] Ĥí <1>ţĥéŕé</1>", Backend: "pseudo", Engine: "pseudo"}}
	if d := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Latency" }, cmp.Ignore())); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestKnownIncludesTM(t *testing.T) {
	k := Known()
	for _, n := range []string{"tm", "pseudo", "copy"} {
		found := false
		for _, x := range k {
			found = found || x == n
		}
		if !found {
			t.Errorf("Known() = %v lacks %q", k, n)
		}
	}
}

// TestDefaultRouter: with no --backends the chain is apertium,copy when
// Apertium is installed, else copy; either way a segment gets a draft.
func TestDefaultRouter(t *testing.T) {
	r, why, err := NewRouter(context.Background(), "", Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if why == "" {
		t.Error("no explanation")
	}
	got, err := r.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "1", Text: "The <1>red</1> house."}}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Err != nil || got[0].Backend != r.Chain("en", "es")[0] {
		t.Errorf("draft %+v, chain %v", got[0], r.Chain("en", "es"))
	}
}
