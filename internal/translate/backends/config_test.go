package backends

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/pressroom-dev/pressroom/internal/qa"
)

func TestExampleConfigLoads(t *testing.T) {
	f, err := LoadConfig("../../../docs/pressroom.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"tm", "deepl", "apertium", "copy"}, f.Routing.Pairs["en-es"]); d != "" {
		t.Errorf("en-es chain (-want +got):\n%s", d)
	}
	d := f.Backends["deepl"]
	if d.KeyEnv != "DEEPL_KEY" || d.RequestsPerSecond != 5 || d.CharsPerSecond != 20000 || d.Concurrency != 4 ||
		d.Timeout.Duration != 20*time.Second || d.PricePerMillionChars != 25 {
		t.Errorf("deepl section = %+v", d)
	}
	if f.Backends["ollama"].TypeName("ollama") != "openai" {
		t.Errorf("ollama type = %q", f.Backends["ollama"].TypeName("ollama"))
	}
	if got := f.QA.SeverityOf("en", "pt-BR", qa.CodeSpanishInPortuguese); got != qa.Error {
		t.Errorf("[qa] en→pt-BR spanish_word = %q, want error", got)
	}
	if got := f.QA.SeverityOf("en", "es", qa.CodeSpanishInPortuguese); got != qa.Warning {
		t.Errorf("[qa] en→es spanish_word = %q, want warning", got)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "[routing]\ndefault = [\"tm\",\n\n[backends", "pressroom.toml:4:"},
		{"wrong type", "[backends.deepl]\nconcurrency = \"four\"\n", "concurrency"},
		{"bad duration", "[backends.deepl]\n\ntimeout = \"20 seconds\"\n", `"20 seconds" is not a duration`},
		{"unknown key", "[routing]\ndefault = [\"copy\"]\n\n[backends.deepl]\nkye = \"x\"\n", "pressroom.toml:5: unknown key backends.deepl.kye"},
		{"unknown backend type", "[backends.bing]\nkey = \"x\"\n", `pressroom.toml:1: backends.bing: unknown backend type "bing"`},
		{"unknown backend in chain", "[routing]\ndefault = [\"tm\", \"bing\"]\n", `routing.default: unknown backend "bing"`},
		{"repeat in chain", "[routing.pairs]\n\"en-es\" = [\"copy\", \"copy\"]\n", `routing.pairs."en-es": backend "copy" listed twice`},
		{"bad pair", "[routing.pairs]\nspanish = [\"copy\"]\n", `pressroom.toml:2: routing.pairs.spanish: a pair is written "from-to"`},
		{"negative", "[backends.google]\nkey = \"k\"\nrequests_per_second = -1\n", "pressroom.toml:3: backends.google.requests_per_second: must not be negative"},
		{"key and key_env", "[backends.google]\nkey = \"k\"\nkey_env = \"K\"\n", "pressroom.toml:3: backends.google.key_env: set key or key_env, not both"},
		{"unknown QA check", "[qa.severity]\nspellling = \"off\"\n", "qa.severity.spellling: unknown check"},
		{"bad QA severity", "[qa.pairs.\"en-es\".severity]\nspelling = \"fatal\"\n", `"fatal" is not "error", "warning" or "off"`},
		{"bad length ratio", "[qa]\nlength_ratio = [2.0, 0.5]\n", "qa.length_ratio: want [min, max]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("pressroom.toml", tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRouterFromConfigAndFlag(t *testing.T) {
	src := `
[routing]
default = ["tm", "pseudo"]
[routing.pairs]
"en-pt" = ["local-llm", "copy"]
[backends.local-llm]
type = "openai"
base_url = "http://127.0.0.1:1/v1"
model = "m"
concurrency = 1
price_per_million_chars = 3.5
requests_per_second = 1
`
	f, err := ParseConfig("p.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	tests := []struct {
		flag           string
		wantES, wantPT []string
	}{
		{flag: "", wantES: []string{"pseudo"}, wantPT: []string{"local-llm", "copy"}},
		{flag: "copy", wantES: []string{"copy"}, wantPT: []string{"local-llm", "copy"}},
	}
	for _, tt := range tests {
		r, why, err := NewRouter(context.Background(), tt.flag, Config{File: &f, Logger: quiet, Metrics: prometheus.NewRegistry()})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(why, "en-pt: local-llm → copy") {
			t.Errorf("explanation %q does not mention the per-pair chain", why)
		}
		if d := cmp.Diff(tt.wantES, r.Chain("en", "es")); d != "" {
			t.Errorf("flag %q: en-es chain (-want +got):\n%s", tt.flag, d)
		}
		if d := cmp.Diff(tt.wantPT, r.Chain("en", "pt-BR")); d != "" {
			t.Errorf("flag %q: en-pt-BR chain (-want +got):\n%s", tt.flag, d)
		}
		var price float64
		for _, s := range r.Status() {
			if s.Name == "local-llm" {
				price = s.PricePerMillion
			}
		}
		if price != 3.5 {
			t.Errorf("local-llm price %v, want 3.5 (status %+v)", price, r.Status())
		}
		r.Close()
	}
}

func TestSecretFromEnv(t *testing.T) {
	f, err := ParseConfig("p.toml", "[routing]\ndefault = [\"deepl\"]\n[backends.deepl]\nkey_env = \"PR_TEST_DEEPL\"\n")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{File: &f, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	t.Setenv("PR_TEST_DEEPL", "")
	if _, _, err := NewRouter(context.Background(), "", cfg); err == nil || !strings.Contains(err.Error(), "PR_TEST_DEEPL is empty") {
		t.Errorf("err = %v, want one naming the empty variable", err)
	}
	t.Setenv("PR_TEST_DEEPL", "abc:fx")
	r, _, err := NewRouter(context.Background(), "", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"deepl"}, r.Chain("en", "es")); d != "" {
		t.Errorf("chain (-want +got):\n%s", d)
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, _, err := NewRouter(context.Background(), "", Config{ConfigFile: "/nonexistent/pressroom.toml"})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/pressroom.toml") {
		t.Errorf("err = %v", err)
	}
}
