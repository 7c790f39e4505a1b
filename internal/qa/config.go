package qa

import (
	"fmt"
	"sort"
	"strings"
)

// Config is the [qa] table of the config file (docs/pressroom.example.toml):
// severities of the checks for every pair, overridden per language pair,
// and the bounds of the length ratio.
//
//	[qa]
//	length_ratio = [0.5, 2.0]
//	[qa.severity]
//	spelling = "off"
//	[qa.pairs."en-pt-BR".severity]
//	spanish_word = "error"
type Config struct {
	Severity map[string]Severity `toml:"severity"`
	// LengthRatio is [min, max] of target/source length in characters.
	LengthRatio []float64             `toml:"length_ratio"`
	Pairs       map[string]PairConfig `toml:"pairs"`
}

// PairConfig overrides Config for one pair ("en-es", "en-pt-BR"; "en-pt"
// applies to every Portuguese target without a pair of its own).
type PairConfig struct {
	Severity    map[string]Severity `toml:"severity"`
	LengthRatio []float64           `toml:"length_ratio"`
}

// Default length-ratio bounds: Spanish and Portuguese run 10–30% longer
// than English; an engine that drops half a sentence or doubles it falls
// outside.
const (
	defaultMinRatio = 0.5
	defaultMaxRatio = 2.0
)

// Validate reports unknown codes, unknown severities and bad ratios, naming
// the key.
func (c Config) Validate() error {
	check := func(where string, sev map[string]Severity, ratio []float64) error {
		codes := make([]string, 0, len(sev))
		for code := range sev {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			if _, ok := checks[code]; !ok {
				return fmt.Errorf("%s.severity.%s: unknown check (known: %s)", where, code, strings.Join(Codes(), ", "))
			}
			switch sev[code] {
			case Error, Warning, Off:
			default:
				return fmt.Errorf("%s.severity.%s: %q is not \"error\", \"warning\" or \"off\"", where, code, sev[code])
			}
		}
		if ratio != nil && (len(ratio) != 2 || ratio[0] <= 0 || ratio[1] <= ratio[0]) {
			return fmt.Errorf("%s.length_ratio: want [min, max] with 0 < min < max, got %v", where, ratio)
		}
		return nil
	}
	if err := check("qa", c.Severity, c.LengthRatio); err != nil {
		return err
	}
	pairs := make([]string, 0, len(c.Pairs))
	for p := range c.Pairs {
		pairs = append(pairs, p)
	}
	sort.Strings(pairs)
	for _, p := range pairs {
		if !strings.Contains(p, "-") {
			return fmt.Errorf("qa.pairs.%q: a pair is written \"from-to\", e.g. \"en-es\"", p)
		}
		if err := check(fmt.Sprintf("qa.pairs.%q", p), c.Pairs[p].Severity, c.Pairs[p].LengthRatio); err != nil {
			return err
		}
	}
	return nil
}

// pairs returns the pair sections that apply to from→to, the most general
// first ("en-pt", then "en-pt-BR").
func (c Config) pairs(from, to string) []PairConfig {
	var out []PairConfig
	base, _, _ := strings.Cut(to, "-")
	keys := []string{from + "-" + base}
	if !strings.EqualFold(base, to) {
		keys = append(keys, from+"-"+to)
	}
	for _, k := range keys {
		for p, pc := range c.Pairs {
			if strings.EqualFold(p, k) {
				out = append(out, pc)
			}
		}
	}
	return out
}

// severities returns every code's severity for a pair.
func (c Config) severities(from, to string) map[string]Severity {
	out := make(map[string]Severity, len(checks))
	for code, ch := range checks {
		out[code] = ch.severity
	}
	for code, s := range c.Severity {
		out[code] = s
	}
	for _, p := range c.pairs(from, to) {
		for code, s := range p.Severity {
			out[code] = s
		}
	}
	return out
}

// lengthRatio returns the bounds for a pair.
func (c Config) lengthRatio(from, to string) (float64, float64) {
	r := []float64{defaultMinRatio, defaultMaxRatio}
	if len(c.LengthRatio) == 2 {
		r = c.LengthRatio
	}
	for _, p := range c.pairs(from, to) {
		if len(p.LengthRatio) == 2 {
			r = p.LengthRatio
		}
	}
	return r[0], r[1]
}

// SeverityOf returns the severity of code for a pair, after the config.
func (c Config) SeverityOf(from, to, code string) Severity { return c.severities(from, to)[code] }
