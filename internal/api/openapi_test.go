package api

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

type openAPI struct {
	OpenAPI    string                          `yaml:"openapi"`
	Paths      map[string]map[string]yaml.Node `yaml:"paths"`
	Components map[string]map[string]yaml.Node `yaml:"components"`
	Security   []map[string][]string           `yaml:"security"`
}

func loadSpec(t *testing.T) (openAPI, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec openAPI
	if err := yaml.Unmarshal(raw, &spec); err != nil {
		t.Fatalf("docs/openapi.yaml: %v", err)
	}
	return spec, raw
}

var methods = []string{"get", "put", "post", "delete", "patch"}

// TestOpenAPIInStep fails when a route is registered but not described in
// docs/openapi.yaml, or described but not registered.
func TestOpenAPIInStep(t *testing.T) {
	spec, _ := loadSpec(t)
	if spec.OpenAPI != "3.1.0" {
		t.Errorf("openapi: %q, want 3.1.0", spec.OpenAPI)
	}
	var documented []string
	for path, item := range spec.Paths {
		if !strings.HasPrefix(path, "/api/") {
			continue
		}
		for m := range item {
			if slices.Contains(methods, m) {
				documented = append(documented, strings.ToUpper(m)+" "+path)
			}
		}
	}
	registered := (&Server{}).Patterns()
	slices.Sort(documented)
	slices.Sort(registered)
	if d := cmp.Diff(registered, documented); d != "" {
		t.Errorf("API routes (-registered +documented):\n%s", d)
	}
}

// TestOpenAPIOperations checks each operation: an operationId, responses,
// and 401 for every call that needs a token.
func TestOpenAPIOperations(t *testing.T) {
	spec, raw := loadSpec(t)
	for path, item := range spec.Paths {
		for m, node := range item {
			if !slices.Contains(methods, m) {
				continue
			}
			var op struct {
				OperationID string               `yaml:"operationId"`
				Security    *[]map[string]any    `yaml:"security"`
				Responses   map[string]yaml.Node `yaml:"responses"`
			}
			if err := node.Decode(&op); err != nil {
				t.Fatalf("%s %s: %v", m, path, err)
			}
			if op.OperationID == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s: needs an operationId and responses", m, path)
			}
			public := op.Security != nil && len(*op.Security) == 0
			if _, ok := op.Responses["401"]; !public && !ok {
				t.Errorf("%s %s needs a token but documents no 401", m, path)
			}
		}
	}
	// Every $ref points at a defined component.
	for _, line := range strings.Split(string(raw), "\n") {
		i := strings.Index(line, `$ref: "#/components/`)
		if i < 0 {
			continue
		}
		ref := line[i+len(`$ref: "#/components/`):]
		ref = ref[:strings.IndexByte(ref, '"')]
		kind, name, _ := strings.Cut(ref, "/")
		if _, ok := spec.Components[kind][name]; !ok {
			t.Errorf("$ref to undefined component %s", ref)
		}
	}
}
