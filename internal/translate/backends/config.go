package backends

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// File is a routing-policy config file (pressroom.toml, --config): which
// backends translate which pairs, and each backend's endpoint, secret,
// limits and price. docs/pressroom.example.toml shows every key.
type File struct {
	Routing  Routing                   `toml:"routing"`
	Backends map[string]BackendSection `toml:"backends"`
	// QA sets the severities of the quality checks per language pair
	// (package qa); it shares the file so one file configures a pair.
	QA qa.Config `toml:"qa"`
	// Path is where the file was read from, for messages.
	Path string `toml:"-"`
}

// Routing is the [routing] table.
type Routing struct {
	// Default is the chain for pairs not listed in Pairs (--backends
	// replaces it when given).
	Default []string `toml:"default"`
	// Pairs maps "from-to" ("en-es", "en-pt-BR") to a chain.
	Pairs map[string][]string `toml:"pairs"`
}

// BackendSection is one [backends.NAME] table. Which keys apply depends on
// the backend; unknown keys are errors, so typos do not pass silently.
type BackendSection struct {
	// Type names the implementation when NAME is not one ("openai" for a
	// second OpenAI-compatible endpoint such as [backends.ollama]).
	Type string `toml:"type"`
	// Key is the API key; KeyEnv names an environment variable holding it
	// (preferred: keeps secrets out of the file).
	Key    string `toml:"key"`
	KeyEnv string `toml:"key_env"`
	// BaseURL overrides the endpoint (self-hosted instances, proxies).
	BaseURL string `toml:"base_url"`
	// Model is the model name (openai) or Google's model ("nmt").
	Model string `toml:"model"`
	// RequestsPerSecond and CharsPerSecond are shared by every process
	// through Redis; Burst is how many seconds' worth may be spent at once.
	RequestsPerSecond float64 `toml:"requests_per_second"`
	CharsPerSecond    float64 `toml:"chars_per_second"`
	Burst             float64 `toml:"burst"`
	// Concurrency bounds simultaneous calls from one process.
	Concurrency int `toml:"concurrency"`
	// Timeout bounds one HTTP request ("20s").
	Timeout Duration `toml:"timeout"`
	// PricePerMillionChars feeds the cost estimate of GET /api/v1/backends.
	PricePerMillionChars float64 `toml:"price_per_million_chars"`
	// MaxTexts and MaxChars cap one request (libretranslate, openai,
	// apertium-apy).
	MaxTexts int `toml:"max_texts"`
	MaxChars int `toml:"max_chars"`
	// DeepL.
	Formality  string `toml:"formality"`
	GlossaryID string `toml:"glossary_id"`
	// Glossaries: make DeepL glossaries of the preferred translations of
	// the pressroom glossary (deepl; ignored with glossary_id).
	Glossaries bool `toml:"glossaries"`
	// Languages maps BCP 47 tags to a LibreTranslate instance's codes.
	Languages map[string]string `toml:"languages"`
	// Pairs maps "from-to" to APy language pairs run in turn (apertium-apy).
	Pairs map[string][]string `toml:"pairs"`
	// PlainJSON: the OpenAI-compatible server cannot do json_schema.
	PlainJSON bool `toml:"plain_json"`
	// Workers is the local Apertium's number of pipelines (apertium).
	Workers int `toml:"workers"`
}

// Duration is a TOML string such as "20s" or "1m30s".
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration like \"20s\": %w", b, err)
	}
	if v < 0 {
		return fmt.Errorf("negative duration %q", b)
	}
	d.Duration = v
	return nil
}

// TypeName is the implementation: Type, or the section's name.
func (s BackendSection) TypeName(name string) string {
	if s.Type != "" {
		return s.Type
	}
	return name
}

// Secret returns the API key: Key, or the value of KeyEnv.
func (s BackendSection) Secret(name string) (string, error) {
	if s.KeyEnv == "" {
		return s.Key, nil
	}
	v := os.Getenv(s.KeyEnv)
	if v == "" {
		return "", fmt.Errorf("backends.%s.key_env: environment variable %s is empty or unset", name, s.KeyEnv)
	}
	return v, nil
}

// LoadConfig reads and checks a routing-policy file. Errors name the file,
// the line where it can be found, and the key.
func LoadConfig(path string) (File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return File{}, fmt.Errorf("config: %w", err)
	}
	return ParseConfig(path, string(src))
}

// ParseConfig is LoadConfig on a file's contents; path is for messages.
func ParseConfig(path, src string) (File, error) {
	var f File
	md, err := toml.Decode(src, &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" {
				msg += " (key " + pe.LastKey + ")"
			}
			return File{}, fmt.Errorf("config %s:%d: %s", path, pe.Position.Line, msg)
		}
		return File{}, fmt.Errorf("config %s: %w", path, err)
	}
	f.Path = path
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return File{}, fmt.Errorf("config %s%s: unknown key %s", path, lineOf(src, k), k.String())
	}
	return f, f.check(src)
}

// check validates what TOML types cannot: known backend names, sane
// numbers, chains that name configured or built-in backends.
func (f File) check(src string) error {
	if err := f.QA.Validate(); err != nil {
		return fmt.Errorf("config %s: %w", f.Path, err)
	}
	known := Known()
	errf := func(key toml.Key, format string, args ...any) error {
		return fmt.Errorf("config %s%s: %s: %s", f.Path, lineOf(src, key), key.String(), fmt.Sprintf(format, args...))
	}
	for name, s := range f.Backends {
		key := toml.Key{"backends", name}
		typ := s.TypeName(name)
		if typ == translate.TM || !slices.Contains(known, typ) {
			return errf(key, "unknown backend type %q (known: %s; set type = \"openai\" for another OpenAI-compatible endpoint)",
				typ, strings.Join(slices.DeleteFunc(slices.Clone(known), func(n string) bool { return n == translate.TM }), ", "))
		}
		if s.Key != "" && s.KeyEnv != "" {
			return errf(append(key, "key_env"), "set key or key_env, not both")
		}
		for field, v := range map[string]float64{"requests_per_second": s.RequestsPerSecond, "chars_per_second": s.CharsPerSecond,
			"burst": s.Burst, "price_per_million_chars": s.PricePerMillionChars,
			"concurrency": float64(s.Concurrency), "max_texts": float64(s.MaxTexts), "max_chars": float64(s.MaxChars)} {
			if v < 0 {
				return errf(append(key, field), "must not be negative (got %v)", v)
			}
		}
	}
	chains := map[string][]string{"routing.default": f.Routing.Default}
	for pair, c := range f.Routing.Pairs {
		if !strings.Contains(pair, "-") {
			return errf(toml.Key{"routing", "pairs", pair}, "a pair is written \"from-to\", e.g. \"en-es\"")
		}
		chains[`routing.pairs."`+pair+`"`] = c
	}
	for where, chain := range chains {
		seen := map[string]bool{}
		for _, n := range chain {
			_, configured := f.Backends[n]
			if n != translate.TM && !configured && !slices.Contains(known, n) {
				return fmt.Errorf("config %s: %s: unknown backend %q (known: %s, or a [backends.%s] section with a type)",
					f.Path, where, n, strings.Join(known, ", "), n)
			}
			if seen[n] {
				return fmt.Errorf("config %s: %s: backend %q listed twice", f.Path, where, n)
			}
			seen[n] = true
		}
	}
	return nil
}

// lineOf finds the line where key is written, best effort, as ":N" (empty
// when not found): the TOML decoder reports positions only for syntax errors.
func lineOf(src string, key toml.Key) string {
	if len(key) == 0 {
		return ""
	}
	table, last := key[:len(key)-1], key[len(key)-1]
	header := regexp.MustCompile(`^\s*\[\s*([^\]]+?)\s*\]`)
	assign := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(last) + `"?\s*=`)
	inTable := len(table) == 0
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := header.FindStringSubmatch(line); m != nil {
			name := strings.ReplaceAll(strings.ReplaceAll(m[1], `"`, ""), " ", "")
			if name == strings.Join(key, ".") {
				return fmt.Sprintf(":%d", n)
			}
			inTable = name == strings.Join(table, ".")
			continue
		}
		if inTable && assign.MatchString(line) {
			return fmt.Sprintf(":%d", n)
		}
	}
	return ""
}
