// Package apertium is the local machine-translation backend: Debian's
// Apertium (apertium, apertium-eng-spa, apertium-es-pt) run as long-lived
// null-flush pipelines, several in parallel, with inline tags carried as
// word-bound blanks and names protected from translation.
package apertium

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Options configures the backend. The zero value is usable.
type Options struct {
	// ModesDir holds the installed modes (default translate.ApertiumModesDir).
	ModesDir string
	// Workers is how many pipelines per route may run at once (default
	// GOMAXPROCS): one Apertium pipeline keeps about one core busy.
	Workers int
	// MinChunk is the fewest segments worth a pipeline of their own when a
	// batch is split across workers (default 8).
	MinChunk int
	// KeepNames turns off the name heuristic (see findNames); glossary terms
	// are protected regardless.
	KeepNames bool
	Logger    *slog.Logger
}

// Backend translates with local Apertium. Close it to stop its processes.
type Backend struct {
	opts    Options
	modes   map[string]bool
	version string

	mu    sync.Mutex
	pools map[string]*pool
}

// New checks that Apertium is installed and returns the backend; pipelines
// start on first use of each route.
func New(ctx context.Context, opts Options) (*Backend, error) {
	if opts.ModesDir == "" {
		opts.ModesDir = translate.ApertiumModesDir
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.MinChunk <= 0 {
		opts.MinChunk = 8
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if _, err := exec.LookPath("lt-proc"); err != nil {
		return nil, fmt.Errorf("apertium: lt-proc not found (%s): %w", translate.ApertiumInstallHint, err)
	}
	entries, err := os.ReadDir(opts.ModesDir)
	if err != nil {
		return nil, fmt.Errorf("apertium: no modes (%s): %w", translate.ApertiumInstallHint, err)
	}
	b := &Backend{opts: opts, modes: map[string]bool{}, pools: map[string]*pool{}, version: "apertium"}
	for _, e := range entries {
		if m, ok := strings.CutSuffix(e.Name(), ".mode"); ok {
			b.modes[m] = true
		}
	}
	if out, err := exec.CommandContext(ctx, "apertium", "-V").Output(); err == nil {
		b.version = strings.ToLower(strings.TrimSpace(string(out)))
	}
	return b, nil
}

// Name implements translate.Backend.
func (b *Backend) Name() string { return "apertium" }

// Close stops every idle pipeline; busy ones stop when their batch ends.
func (b *Backend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.pools {
		p.close()
	}
	return nil
}

// route returns the modes that translate from→to, chained: Apertium has no
// English–Portuguese pair, so en→pt goes through Spanish.
func (b *Backend) route(from, to string) ([]string, error) {
	f, t := strings.ToLower(from), strings.ToLower(to)
	pt := "es-pt_BR" // Brazilian unless pt-PT is asked for
	if t == "pt-pt" {
		pt = "es-pt"
	}
	fbase, _, _ := strings.Cut(f, "-")
	tbase, _, _ := strings.Cut(t, "-")
	var modes []string
	switch fbase + ">" + tbase {
	case "en>es":
		modes = []string{"eng-spa"}
	case "en>pt":
		modes = []string{"eng-spa", pt}
	case "es>en":
		modes = []string{"spa-eng"}
	case "es>pt":
		modes = []string{pt}
	case "pt>es":
		modes = []string{"pt-es"}
	case "pt>en":
		modes = []string{"pt-es", "spa-eng"}
	default:
		return nil, fmt.Errorf("apertium %s→%s: %w", from, to, translate.ErrUnsupportedPair)
	}
	for _, m := range modes {
		if !b.modes[m] {
			return nil, fmt.Errorf("apertium %s→%s needs mode %s, not installed (%s): %w",
				from, to, m, translate.ApertiumInstallHint, translate.ErrUnsupportedPair)
		}
	}
	return modes, nil
}

func (b *Backend) pool(ctx context.Context, modes []string) (*pool, error) {
	key := strings.Join(modes, "+")
	b.mu.Lock()
	defer b.mu.Unlock()
	if p, ok := b.pools[key]; ok {
		return p, nil
	}
	var stages []stage
	for i, m := range modes {
		st, err := loadStages(ctx, b.opts.ModesDir, m, i == len(modes)-1)
		if err != nil {
			return nil, err
		}
		stages = append(stages, st...)
	}
	p := newPool(key, stages, b.opts.Workers, b.opts.Logger)
	b.pools[key] = p
	return p, nil
}

// Translate implements translate.Backend. The batch is split into at most
// Workers chunks that run in parallel, each through one warm pipeline.
func (b *Backend) Translate(ctx context.Context, req translate.Request) ([]translate.Draft, error) {
	modes, err := b.route(req.From, req.To)
	if err != nil {
		return nil, err
	}
	p, err := b.pool(ctx, modes)
	if err != nil {
		return nil, err
	}
	engine := b.version + " " + strings.Join(modes, "+")
	protect := protectedTerms(req, !b.opts.KeepNames)
	out := make([]translate.Draft, len(req.Segments))
	encs := make([]encoded, len(req.Segments))
	segs := make([]translate.Segment, len(req.Segments))
	english := strings.EqualFold(strings.SplitN(req.From, "-", 2)[0], "en")
	var todo []int
	for i, s := range req.Segments {
		out[i] = translate.Draft{ID: s.ID, Backend: b.Name(), Engine: engine}
		if english {
			s.Text, out[i].Notes = rewritePossessives(s.Text, protect)
		}
		segs[i] = s
		e, err := encode(s, protect)
		if err != nil {
			out[i].Err = fmt.Errorf("%w: %w", translate.ErrPermanent, err)
			continue
		}
		encs[i] = e
		todo = append(todo, i)
	}
	unknown := make([][]string, len(req.Segments))
	var wg sync.WaitGroup
	for _, chunk := range chunks(todo, b.opts.Workers, b.opts.MinChunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inputs := make([]string, len(chunk))
			for k, i := range chunk {
				inputs[k] = encs[i].stream
			}
			res, err := p.run(ctx, inputs)
			for k, i := range chunk {
				if err != nil {
					out[i].Err = err
					continue
				}
				d, err := decode(segs[i], res[k], encs[i])
				if err != nil {
					out[i].Err = err
					continue
				}
				out[i].Text = d.text
				out[i].Notes = append(out[i].Notes, d.notes...)
				unknown[i] = d.unknown
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b.unknownNotes(ctx, req, modes, unknown, out)
	return out, nil
}

// chunks splits idx into at most n contiguous chunks of at least least
// items (fewer only when idx itself is shorter).
func chunks(idx []int, n, least int) [][]int {
	if len(idx) == 0 {
		return nil
	}
	k := max(1, min(n, len(idx)/least))
	size := (len(idx) + k - 1) / k
	var out [][]int
	for len(idx) > 0 {
		c := idx[:min(size, len(idx))]
		out = append(out, c)
		idx = idx[len(c):]
	}
	return out
}
