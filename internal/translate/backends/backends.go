// Package backends builds translation backends by name, for the command line
// (`--backends tm,apertium`) and the routing-policy config. It is the one
// place that knows every backend package, so package translate stays free of
// them.
package backends

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/apertium"
	"github.com/pressroom-dev/pressroom/internal/translate/deepl"
)

// Config holds what the backends need to start. Zero values are usable for
// the local backends (pseudo, copy, apertium).
type Config struct {
	Logger *slog.Logger
	// HTTPClient is used by the HTTP backends; nil means a client with a 30 s
	// timeout.
	HTTPClient *http.Client
	// Apertium configures the local Apertium backend.
	Apertium apertium.Options
	// DeepL configures the DeepL backend (Key is required to use it).
	DeepL deepl.Config
}

func (c Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

type factory func(ctx context.Context, cfg Config) (translate.Backend, error)

// factories maps every known name to its constructor. It is built per call,
// not kept as package state.
func factories() map[string]factory {
	return map[string]factory{
		"pseudo": func(context.Context, Config) (translate.Backend, error) { return translate.NewPseudo(), nil },
		"copy":   func(context.Context, Config) (translate.Backend, error) { return translate.NewCopy(), nil },
		"apertium": func(ctx context.Context, cfg Config) (translate.Backend, error) {
			o := cfg.Apertium
			if o.Logger == nil {
				o.Logger = cfg.logger()
			}
			return apertium.New(ctx, o)
		},
		"deepl": func(_ context.Context, cfg Config) (translate.Backend, error) {
			c := cfg.DeepL
			if c.Client == nil {
				c.Client = cfg.HTTPClient
			}
			return deepl.New(c)
		},
	}
}

// Known returns every backend name New accepts, plus "tm", sorted.
func Known() []string {
	names := []string{translate.TM}
	for n := range factories() {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// New builds the backend called name.
func New(ctx context.Context, name string, cfg Config) (translate.Backend, error) {
	f, ok := factories()[name]
	if !ok {
		return nil, fmt.Errorf("unknown translation backend %q (known: %s)", name, strings.Join(Known(), ", "))
	}
	b, err := f(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w", name, err)
	}
	return b, nil
}

// NewRegistry builds the named backends ("tm" is accepted and skipped: the
// translation memory runs before the router, in package tm).
func NewRegistry(ctx context.Context, names []string, cfg Config) (*translate.Registry, error) {
	reg, _ := translate.NewRegistry()
	for _, n := range names {
		if n == translate.TM {
			continue
		}
		if _, done := reg.Lookup(n); done {
			continue
		}
		b, err := New(ctx, n, cfg)
		if err != nil {
			return nil, err
		}
		if err := reg.Register(b); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

// NewRouter builds the router for the --backends flag: a comma-separated
// default chain for every pair ("pseudo", "tm,apertium"). An empty flag means
// translate.DefaultChain: Apertium when installed, else copies of the source.
// The string result says what was chosen, for the start-up log.
func NewRouter(ctx context.Context, flag string, cfg Config, opts ...translate.RouterOption) (*translate.Router, string, error) {
	var chain []string
	var why string
	if strings.TrimSpace(flag) == "" {
		chain, why = translate.DefaultChain(ctx, translate.ListApertiumModes)
	} else {
		var err error
		if chain, err = translate.ParseChain(flag); err != nil {
			return nil, "", fmt.Errorf("--backends: %w", err)
		}
		why = "machine translation: chain " + strings.Join(chain, " → ") + " (from --backends)"
	}
	r, err := NewPolicyRouter(ctx, translate.Policy{Default: chain}, cfg, opts...)
	if err != nil {
		return nil, "", err
	}
	return r, why, nil
}

// NewPolicyRouter builds every backend policy names and a router over them.
func NewPolicyRouter(ctx context.Context, policy translate.Policy, cfg Config, opts ...translate.RouterOption) (*translate.Router, error) {
	names := slices.Clone(policy.Default)
	for _, c := range policy.Pairs {
		names = append(names, c...)
	}
	reg, err := NewRegistry(ctx, names, cfg)
	if err != nil {
		return nil, err
	}
	opts = append([]translate.RouterOption{translate.WithLogger(cfg.logger())}, opts...)
	return translate.NewRouter(reg, policy, opts...)
}
