package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// fakeBackend translates by copying, or fails every batch when down.
type fakeBackend struct {
	name string
	down bool
}

func (f fakeBackend) Name() string { return f.name }

func (f fakeBackend) Translate(_ context.Context, req translate.Request) ([]translate.Draft, error) {
	if f.down {
		return nil, errors.New("connection refused")
	}
	out := make([]translate.Draft, len(req.Segments))
	for i, s := range req.Segments {
		out[i] = translate.Draft{ID: s.ID, Text: s.Text, Backend: f.name}
	}
	return out, nil
}

// TestBackendChecks: a backend whose circuit is open, or local Apertium
// not installed, fails its (advisory) check; a language pair fails (and
// makes the process unready) only when no backend of its chain is usable.
func TestBackendChecks(t *testing.T) {
	reg, err := translate.NewRegistry(fakeBackend{name: "remote", down: true}, fakeBackend{name: "local"}, fakeBackend{name: "apertium"})
	if err != nil {
		t.Fatal(err)
	}
	policy := translate.Policy{Default: []string{"local"}, Pairs: map[string][]string{
		"en-es": {"remote"}, "en-pt": {"remote", "local"}, "en-fr": {"apertium"}, "en-de": {"tm", "apertium", "local"}}}
	router, err := translate.NewRouter(reg, policy, translate.WithBreaker(1, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	// One failed batch opens remote's circuit.
	_, _ = router.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: []translate.Segment{{ID: "1", Text: "Hello."}}})

	notInstalled := func() error { return errors.New("lt-proc not found") }
	got := backendChecks(router, notInstalled, "en", []string{"es", "pt-BR", "fr", "de", "it"})
	type result struct {
		Name     string
		OK       bool
		Required bool
	}
	var results []result
	for _, c := range got {
		results = append(results, result{c.Name, c.OK, c.Required})
		if c.OK != (c.Error == "") {
			t.Errorf("%s: ok %v with error %q", c.Name, c.OK, c.Error)
		}
	}
	want := []result{
		{"backend:apertium", false, false},
		{"backend:local", true, false},
		{"backend:remote", false, false},
		{"pair:en-es", false, true},
		{"pair:en-pt-BR", true, true},
		{"pair:en-fr", false, true},
		{"pair:en-de", true, true},
		{"pair:en-it", true, true},
	}
	if diff := cmp.Diff(want, results); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
}
