package api

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// TestOpenAPIWebhooksEveryEvent: the spec's webhooks section describes a
// payload for every event type the store writes, and nothing else; the
// EventType enum lists them all; and docs/webhooks.md names each.
func TestOpenAPIWebhooksEveryEvent(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Webhooks   map[string]yaml.Node `yaml:"webhooks"`
		Components struct {
			Schemas struct {
				EventType struct {
					Enum []string `yaml:"enum"`
				} `yaml:"EventType"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for name := range spec.Webhooks {
		documented = append(documented, name)
	}
	slices.Sort(documented)
	want := slices.Sorted(slices.Values(store.EventTypes))
	if !slices.Equal(documented, want) {
		t.Errorf("webhooks section documents %v; the store writes %v", documented, want)
	}
	enum := slices.DeleteFunc(slices.Clone(spec.Components.Schemas.EventType.Enum), func(s string) bool { return s == "*" })
	slices.Sort(enum)
	if !slices.Equal(enum, want) {
		t.Errorf("EventType enum %v; want %v and \"*\"", enum, want)
	}
	md, err := os.ReadFile(filepath.Join("..", "..", "docs", "webhooks.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range store.EventTypes {
		if !strings.Contains(string(md), "`"+typ+"`") {
			t.Errorf("docs/webhooks.md does not describe %s", typ)
		}
	}
}
