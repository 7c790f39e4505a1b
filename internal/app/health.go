package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// healthz says the process is alive: it answers without asking the
// database or Redis, so that a load balancer or supervisor does not kill a
// process for a blip of a dependency (that is what /readyz is for).
func (a *App) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// check is one dependency's state in /readyz's answer.
type check struct {
	Name string `json:"name"`
	OK   bool   `json:"ok"`
	// Required checks make /readyz answer 503 when they fail; the others
	// (single translation backends) are reported for operators.
	Required  bool    `json:"required"`
	Error     string  `json:"error,omitempty"`
	LatencyMS float64 `json:"latency_ms"`
}

type readiness struct {
	Status string  `json:"status"` // "ready" or "unavailable"
	Checks []check `json:"checks"`
}

// readyz says whether the process can do its work: the database and Redis
// answer, and every default language pair has a translation backend that
// is usable. It answers 503 when a required check fails.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	rd := a.readiness(ctx)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if rd.Status != "ready" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(rd)
}

func (a *App) readiness(ctx context.Context) readiness {
	var checks []check
	timed := func(name string, fn func(context.Context) error) {
		start := time.Now()
		err := fn(ctx)
		c := check{Name: name, OK: err == nil, Required: true, LatencyMS: float64(time.Since(start).Microseconds()) / 1000}
		if err != nil {
			c.Error = err.Error()
		}
		checks = append(checks, c)
	}
	timed("database", func(ctx context.Context) error { return a.Store.DB().PingContext(ctx) })
	timed("redis", func(ctx context.Context) error { return a.redis.Ping(ctx).Err() })
	if a.router != nil {
		cfg := a.Pipeline.Config()
		checks = append(checks, backendChecks(a.router, a.apertium.result, cfg.SourceLang, cfg.Targets)...)
	}
	rd := readiness{Status: "ready", Checks: checks}
	for _, c := range checks {
		if c.Required && !c.OK {
			rd.Status = "unavailable"
		}
	}
	// Log changes only: probes come every few seconds.
	switch unready := rd.Status != "ready"; {
	case unready && !a.unready.Swap(true):
		a.log.WarnContext(ctx, "not ready", "failing", failing(checks))
	case !unready && a.unready.Swap(false):
		a.log.InfoContext(ctx, "ready again")
	}
	return rd
}

func failing(checks []check) string {
	var out []string
	for _, c := range checks {
		if !c.OK {
			out = append(out, c.Name+": "+c.Error)
		}
	}
	return strings.Join(out, "; ")
}

// backendChecks reports each translation backend ("backend:NAME", not
// required) and each default language pair ("pair:en-es", required: some
// backend of its chain is usable). A backend is unusable while the router's
// circuit for it is open (failures in a row, a refused key, a Retry-After);
// local Apertium also while its programs or modes are missing. No backend is
// called: a probe every few seconds must not spend paid API quota, and the
// router's circuit already records what the last real calls met.
//
// apertium says whether local Apertium is installed (apertiumCheck.result).
func backendChecks(router *translate.Router, apertium func() error, source string, targets []string) []check {
	start := time.Now()
	bad := map[string]string{}
	var checks []check
	for _, st := range router.Status() {
		c := check{Name: "backend:" + st.Name, OK: true}
		switch {
		case st.CircuitOpenUntil != nil:
			c.Error = fmt.Sprintf("circuit open until %s", st.CircuitOpenUntil.UTC().Format(time.RFC3339))
			if st.LastError != "" {
				c.Error += " (last error: " + st.LastError + ")"
			}
		case st.Name == "apertium":
			if err := apertium(); err != nil {
				c.Error = err.Error()
			}
		}
		if c.Error != "" {
			c.OK = false
			bad[st.Name] = c.Error
		}
		checks = append(checks, c)
	}
	for _, to := range targets {
		chain := router.Chain(source, to)
		c := check{Name: "pair:" + source + "-" + to, Required: true}
		c.OK = slices.ContainsFunc(chain, func(n string) bool { _, down := bad[n]; return !down })
		if !c.OK {
			c.Error = "no usable backend in the chain " + strings.Join(chain, ",")
			if len(chain) == 0 {
				c.Error = "no backend configured"
			}
		}
		checks = append(checks, c)
	}
	took := float64(time.Since(start).Microseconds()) / 1000
	for i := range checks {
		checks[i].LatencyMS = took
	}
	return checks
}

// apertiumCheck caches whether local Apertium is installed, for a short
// while: the check reads the disk, and probes come every few seconds.
type apertiumCheck struct {
	mu  sync.Mutex
	at  time.Time
	err error
}

func (c *apertiumCheck) result() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() || time.Since(c.at) > 30*time.Second {
		c.err, c.at = apertiumInstalled(), time.Now()
	}
	return c.err
}

// apertiumInstalled looks for the programs and modes the apertium backend
// runs (see translate.DefaultChain) without starting a process.
func apertiumInstalled() error {
	for _, prog := range []string{"apertium", "lt-proc"} {
		if _, err := exec.LookPath(prog); err != nil {
			return fmt.Errorf("%s not found (%s)", prog, translate.ApertiumInstallHint)
		}
	}
	var missing []string
	for _, m := range translate.RequiredApertiumModes {
		if _, err := os.Stat(filepath.Join(translate.ApertiumModesDir, m+".mode")); err != nil {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("modes %s missing from %s (%s)", strings.Join(missing, ", "), translate.ApertiumModesDir, translate.ApertiumInstallHint)
	}
	return nil
}
