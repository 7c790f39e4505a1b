// Package backends builds translation backends by name, for the command line
// (`--backends tm,apertium`) and the routing-policy config (--config, see
// LoadConfig). It is the one place that knows every backend package, so
// package translate stays free of them, and it assembles the router with
// its shared rate limits (Redis), metrics (Prometheus) and prices.
package backends

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/apertium"
	"github.com/pressroom-dev/pressroom/internal/translate/apy"
	"github.com/pressroom-dev/pressroom/internal/translate/deepl"
	"github.com/pressroom-dev/pressroom/internal/translate/google"
	"github.com/pressroom-dev/pressroom/internal/translate/libretranslate"
	"github.com/pressroom-dev/pressroom/internal/translate/metrics"
	"github.com/pressroom-dev/pressroom/internal/translate/openai"
	"github.com/pressroom-dev/pressroom/internal/translate/ratelimit"
)

// Config holds what the backends need to start. Zero values are usable for
// the local backends (pseudo, copy, apertium). Settings from a config file
// (File or ConfigFile) override the per-backend fields below.
type Config struct {
	Logger *slog.Logger
	// HTTPClient is used by the HTTP backends; nil means each backend's
	// default client (or one with the file's timeout).
	HTTPClient *http.Client
	// Apertium configures the local Apertium backend.
	Apertium apertium.Options
	// DeepL configures the DeepL backend (Key is required to use it).
	DeepL          deepl.Config
	Google         google.Config
	LibreTranslate libretranslate.Config
	APy            apy.Config
	OpenAI         openai.Config
	// ConfigFile is a routing-policy file to load (LoadConfig); File is an
	// already loaded one and takes precedence.
	ConfigFile string
	File       *File
	// Redis shares rate limits and Retry-After holds between processes;
	// nil leaves the file's per-second limits unenforced (a warning says so).
	// The router does not close it.
	Redis redis.UniversalClient
	// Metrics, when set, receives the Prometheus translation metrics.
	Metrics prometheus.Registerer
}

func (c Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

// section returns the file's settings for name (zero when none).
func (c Config) section(name string) BackendSection {
	if c.File == nil {
		return BackendSection{}
	}
	return c.File.Backends[name]
}

// client is the HTTP client for a backend: the file's timeout, else the
// shared client, else nil (the backend's default).
func (c Config) client(s BackendSection) *http.Client {
	if s.Timeout.Duration > 0 {
		return &http.Client{Timeout: s.Timeout.Duration}
	}
	return c.HTTPClient
}

func or[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}

type factory func(ctx context.Context, name string, s BackendSection, cfg Config) (translate.Backend, error)

// factories maps every backend type to its constructor. It is built per
// call, not kept as package state.
func factories() map[string]factory {
	return map[string]factory{
		"pseudo": func(context.Context, string, BackendSection, Config) (translate.Backend, error) {
			return translate.NewPseudo(), nil
		},
		"copy": func(context.Context, string, BackendSection, Config) (translate.Backend, error) {
			return translate.NewCopy(), nil
		},
		"apertium": func(ctx context.Context, _ string, s BackendSection, cfg Config) (translate.Backend, error) {
			o := cfg.Apertium
			o.Logger = or(o.Logger, cfg.logger())
			o.Workers = or(s.Workers, o.Workers)
			return apertium.New(ctx, o)
		},
		"deepl": func(_ context.Context, name string, s BackendSection, cfg Config) (translate.Backend, error) {
			c := cfg.DeepL
			key, err := s.Secret(name)
			if err != nil {
				return nil, err
			}
			c.Key, c.BaseURL = or(key, c.Key), or(s.BaseURL, c.BaseURL)
			c.Formality, c.GlossaryID = or(s.Formality, c.Formality), or(s.GlossaryID, c.GlossaryID)
			c.Glossaries = c.Glossaries || s.Glossaries
			c.Client = or(cfg.client(s), c.Client)
			return deepl.New(c)
		},
		"google": func(_ context.Context, name string, s BackendSection, cfg Config) (translate.Backend, error) {
			c := cfg.Google
			key, err := s.Secret(name)
			if err != nil {
				return nil, err
			}
			c.Key, c.BaseURL, c.Model = or(key, c.Key), or(s.BaseURL, c.BaseURL), or(s.Model, c.Model)
			c.Client = or(cfg.client(s), c.Client)
			return google.New(c)
		},
		"libretranslate": func(_ context.Context, name string, s BackendSection, cfg Config) (translate.Backend, error) {
			c := cfg.LibreTranslate
			key, err := s.Secret(name)
			if err != nil {
				return nil, err
			}
			c.Key, c.BaseURL = or(key, c.Key), or(s.BaseURL, c.BaseURL)
			c.MaxTexts, c.MaxChars = or(s.MaxTexts, c.MaxTexts), or(s.MaxChars, c.MaxChars)
			if s.Languages != nil {
				c.Languages = s.Languages
			}
			c.Client = or(cfg.client(s), c.Client)
			return libretranslate.New(c)
		},
		apy.Name: func(_ context.Context, _ string, s BackendSection, cfg Config) (translate.Backend, error) {
			c := cfg.APy
			c.BaseURL, c.MaxChars = or(s.BaseURL, c.BaseURL), or(s.MaxChars, c.MaxChars)
			if s.Pairs != nil {
				c.Pairs = s.Pairs
			}
			c.Client = or(cfg.client(s), c.Client)
			return apy.New(c)
		},
		"openai": func(_ context.Context, name string, s BackendSection, cfg Config) (translate.Backend, error) {
			c := cfg.OpenAI
			key, err := s.Secret(name)
			if err != nil {
				return nil, err
			}
			c.Name = name
			c.Key, c.BaseURL, c.Model = or(key, c.Key), or(s.BaseURL, c.BaseURL), or(s.Model, c.Model)
			c.MaxSegments, c.MaxChars = or(s.MaxTexts, c.MaxSegments), or(s.MaxChars, c.MaxChars)
			c.PlainJSON = c.PlainJSON || s.PlainJSON
			c.Client = or(cfg.client(s), c.Client)
			return openai.New(c)
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

// New builds the backend called name: a built-in type, or a [backends.NAME]
// section of cfg.File whose type is one.
func New(ctx context.Context, name string, cfg Config) (translate.Backend, error) {
	s := cfg.section(name)
	f, ok := factories()[s.TypeName(name)]
	if !ok {
		return nil, fmt.Errorf("unknown translation backend %q (known: %s)", name, strings.Join(Known(), ", "))
	}
	b, err := f(ctx, name, s, cfg)
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
			reg.Close()
			return nil, err
		}
		if err := reg.Register(b); err != nil {
			reg.Close()
			return nil, err
		}
	}
	return reg, nil
}

// NewRouter builds the router from the --backends flag and the config file
// (cfg.File or cfg.ConfigFile). The flag, when given, is the default chain
// for every pair ("pseudo", "tm,apertium"); the file adds per-pair chains
// and backend settings, and its routing.default applies when the flag is
// empty. With neither, translate.DefaultChain: Apertium when installed,
// else copies of the source. The string result says what was chosen, for
// the start-up log.
func NewRouter(ctx context.Context, flag string, cfg Config, opts ...translate.RouterOption) (*translate.Router, string, error) {
	if cfg.File == nil && cfg.ConfigFile != "" {
		f, err := LoadConfig(cfg.ConfigFile)
		if err != nil {
			return nil, "", err
		}
		cfg.File = &f
	}
	var policy translate.Policy
	if cfg.File != nil {
		policy = translate.Policy{Default: cfg.File.Routing.Default, Pairs: cfg.File.Routing.Pairs}
	}
	var why string
	switch {
	case strings.TrimSpace(flag) != "":
		chain, err := translate.ParseChain(flag)
		if err != nil {
			return nil, "", fmt.Errorf("--backends: %w", err)
		}
		policy.Default = chain
		why = "machine translation: chain " + strings.Join(chain, " → ") + " (from --backends)"
	case len(policy.Default) > 0:
		why = "machine translation: chain " + strings.Join(policy.Default, " → ") + " (from " + cfg.File.Path + ")"
	default:
		policy.Default, why = translate.DefaultChain(ctx, translate.ListApertiumModes)
	}
	if len(policy.Pairs) > 0 {
		pairs := make([]string, 0, len(policy.Pairs))
		for p, c := range policy.Pairs {
			pairs = append(pairs, p+": "+strings.Join(c, " → "))
		}
		sort.Strings(pairs)
		why += "; per pair: " + strings.Join(pairs, ", ")
	}
	r, err := NewPolicyRouter(ctx, policy, cfg, opts...)
	if err != nil {
		return nil, "", err
	}
	return r, why, nil
}

// NewPolicyRouter builds every backend policy names and a router over them,
// with the file's concurrency limits and prices, shared rate limits when
// cfg.Redis is set, and metrics when cfg.Metrics is.
func NewPolicyRouter(ctx context.Context, policy translate.Policy, cfg Config, opts ...translate.RouterOption) (*translate.Router, error) {
	names := slices.Clone(policy.Default)
	for _, c := range policy.Pairs {
		names = append(names, c...)
	}
	reg, err := NewRegistry(ctx, names, cfg)
	if err != nil {
		return nil, err
	}
	base := []translate.RouterOption{translate.WithLogger(cfg.logger())}
	limits, concurrency, prices := map[string]ratelimit.Limit{}, map[string]int{}, map[string]float64{}
	if cfg.File != nil {
		for name, s := range cfg.File.Backends {
			if s.RequestsPerSecond > 0 || s.CharsPerSecond > 0 {
				limits[name] = ratelimit.Limit{RequestsPerSecond: s.RequestsPerSecond, CharsPerSecond: s.CharsPerSecond, Burst: s.Burst}
			}
			concurrency[name], prices[name] = s.Concurrency, s.PricePerMillionChars
		}
		base = append(base, translate.WithConcurrency(concurrency), translate.WithPrices(prices))
	}
	switch {
	case cfg.Redis != nil:
		base = append(base, translate.WithLimiter(ratelimit.New(cfg.Redis, limits, ratelimit.WithLogger(cfg.logger()))))
	case len(limits) > 0:
		cfg.logger().Warn("rate limits in the config are not enforced: no Redis connection given to the router")
	}
	if cfg.Metrics != nil {
		o, err := metrics.New(cfg.Metrics)
		if err != nil {
			reg.Close()
			return nil, fmt.Errorf("translation metrics: %w", err)
		}
		base = append(base, translate.WithObserver(o))
	}
	r, err := translate.NewRouter(reg, policy, append(base, opts...)...)
	if err != nil {
		reg.Close()
		return nil, err
	}
	return r, nil
}
