// Package hunspell checks spelling with Hunspell (Debian's hunspell,
// hunspell-es, hunspell-pt-br) run as long-lived processes, a few per
// dictionary: loading a dictionary costs far more than checking a segment,
// so a process is started once and reused.
//
// A process runs in list mode (`hunspell -l`, which prints only the
// misspelt words) under `stdbuf -oL` so that it answers line by line; a
// sentinel word ends each batch's answer. Pipe mode (`hunspell -a`) would
// also do, but it computes suggestions for every misspelt word — about
// 0.2–0.7 s each with the Portuguese dictionary, against well under a
// millisecond per batch in list mode. Without stdbuf, pipe mode is used.
package hunspell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/qa"
)

// Options configures a Speller. The zero value is usable.
type Options struct {
	// Dirs are searched for NAME.dic and NAME.aff (default
	// /usr/share/hunspell and /usr/share/myspell/dicts).
	Dirs []string
	// PerDictionary bounds the processes per dictionary (default
	// GOMAXPROCS).
	PerDictionary int
	// CacheSize is how many answers per dictionary are remembered (default
	// 100,000 words); words repeat a lot across an article.
	CacheSize int
	// PipeMode uses `hunspell -a` even when stdbuf is installed.
	PipeMode bool
	Logger   *slog.Logger
}

// Speller implements qa.Speller. Close it to stop its processes.
type Speller struct {
	opts   Options
	bin    string
	stdbuf string // "" when not installed: pipe mode

	mu    sync.Mutex
	pools map[string]*pool  // by dictionary path
	dicts map[string]string // language → dictionary path ("" for none)
}

// New finds the hunspell program; it fails when it is not installed.
func New(opts Options) (*Speller, error) {
	bin, err := exec.LookPath("hunspell")
	if err != nil {
		return nil, fmt.Errorf("%w (apt-get install hunspell hunspell-es hunspell-pt-br): %w", ErrNotInstalled, err)
	}
	if len(opts.Dirs) == 0 {
		opts.Dirs = []string{"/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"}
	}
	if opts.PerDictionary <= 0 {
		opts.PerDictionary = runtime.GOMAXPROCS(0)
	}
	if opts.CacheSize <= 0 {
		opts.CacheSize = 100_000
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	stdbuf, _ := exec.LookPath("stdbuf")
	if opts.PipeMode {
		stdbuf = ""
	}
	return &Speller{opts: opts, bin: bin, stdbuf: stdbuf, pools: map[string]*pool{}, dicts: map[string]string{}}, nil
}

// dictionaryNames are the dictionaries tried for a language, best first.
func dictionaryNames(lang string) []string {
	l := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	base, region, _ := strings.Cut(l, "-")
	var out []string
	if region != "" {
		out = append(out, base+"_"+strings.ToUpper(region))
	}
	switch base {
	case "es":
		out = append(out, "es_ES", "es_MX", "es_AR")
	case "pt":
		out = append(out, "pt_BR", "pt_PT")
	case "en":
		out = append(out, "en_US", "en_GB")
	default:
		out = append(out, base)
	}
	return out
}

// dictionary returns the path (without extension) of lang's dictionary,
// looked up once per language.
func (s *Speller) dictionary(lang string) (string, error) {
	s.mu.Lock()
	p, ok := s.dicts[lang]
	s.mu.Unlock()
	if ok {
		if p == "" {
			return "", fmt.Errorf("hunspell %s: %w", lang, qa.ErrNoDictionary)
		}
		return p, nil
	}
	p, err := s.findDictionary(lang)
	s.mu.Lock()
	s.dicts[lang] = p
	s.mu.Unlock()
	return p, err
}

func (s *Speller) findDictionary(lang string) (string, error) {
	for _, name := range dictionaryNames(lang) {
		for _, dir := range s.opts.Dirs {
			p := filepath.Join(dir, name)
			if _, err := os.Stat(p + ".dic"); err == nil {
				if _, err := os.Stat(p + ".aff"); err == nil {
					return p, nil
				}
			}
		}
	}
	return "", fmt.Errorf("hunspell %s: %w", lang, qa.ErrNoDictionary)
}

// Has reports whether there is a dictionary for lang.
func (s *Speller) Has(lang string) bool {
	_, err := s.dictionary(lang)
	return err == nil
}

// Misspelt implements qa.Speller: the words of words that lang's
// dictionary does not accept, in order.
func (s *Speller) Misspelt(ctx context.Context, lang string, words []string) ([]string, error) {
	dict, err := s.dictionary(lang)
	if err != nil {
		return nil, err
	}
	p := s.pool(dict)
	var ask []string
	known := make(map[string]bool, len(words))
	p.mu.Lock() // once for the whole batch, not once per word
	for _, w := range words {
		w = clean(w)
		if w == "" {
			continue
		}
		if ok, hit := p.cache[w]; hit {
			known[w] = ok
			continue
		}
		if _, dup := known[w]; !dup {
			known[w] = true // placeholder; answered below
			ask = append(ask, w)
		}
	}
	p.mu.Unlock()
	if len(ask) > 0 {
		ok, err := p.check(ctx, ask)
		if err != nil {
			return nil, err
		}
		for i, w := range ask {
			known[w] = ok[i]
		}
	}
	var bad []string
	seen := make(map[string]bool, len(words))
	for _, w := range words {
		w = clean(w)
		if w != "" && !known[w] && !seen[w] {
			seen[w] = true
			bad = append(bad, w)
		}
	}
	return bad, nil
}

// clean keeps a word safe for pipe mode: one line, no leading command
// character (the "^" prefix we add takes care of the rest).
func clean(w string) string {
	if plainWord(w) {
		return w // nothing to remove: no copy
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' || r == ' ' || r == 0 {
			return -1
		}
		return r
	}, w))
}

// plainWord reports whether clean would return w as it is: valid UTF-8
// (strings.Map rewrites invalid bytes), no byte up to the space (so none
// of the characters clean drops; a multi-byte rune has no such byte) and
// no white space at either end (what TrimSpace removes).
func plainWord(w string) bool {
	if w == "" {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] <= ' ' {
			return false
		}
	}
	if !utf8.ValidString(w) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

func (s *Speller) pool(dict string) *pool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pools[dict]
	if !ok {
		p = &pool{bin: s.bin, stdbuf: s.stdbuf, dict: dict, idle: make(chan *proc, s.opts.PerDictionary),
			slots: make(chan struct{}, s.opts.PerDictionary), cache: map[string]bool{}, cacheMax: s.opts.CacheSize, log: s.opts.Logger}
		s.pools[dict] = p
	}
	return p
}

// Close stops every idle process.
func (s *Speller) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.pools {
		p.close()
	}
	return nil
}

// pool holds one dictionary's processes and answers.
type pool struct {
	bin, stdbuf, dict string
	idle              chan *proc
	slots             chan struct{} // one per running process
	log               *slog.Logger

	mu       sync.Mutex
	cache    map[string]bool
	cacheMax int
}

func (p *pool) remember(words []string, ok []bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.cache)+len(words) > p.cacheMax {
		clear(p.cache) // simple and bounded; a busy dictionary refills fast
	}
	for i, w := range words {
		p.cache[w] = ok[i]
	}
}

// check runs words through an idle process, starting one if the pool has
// room, else waiting for one.
func (p *pool) check(ctx context.Context, words []string) ([]bool, error) {
	var pr *proc
	select {
	case pr = <-p.idle:
	default:
		select {
		case pr = <-p.idle:
		case p.slots <- struct{}{}:
			var err error
			if pr, err = startProc(p.bin, p.stdbuf, p.dict); err != nil {
				<-p.slots
				return nil, err
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	ok, err := pr.check(ctx, words)
	if err != nil {
		pr.kill()
		<-p.slots
		return nil, err
	}
	p.idle <- pr
	p.remember(words, ok)
	return ok, nil
}

func (p *pool) close() {
	for {
		select {
		case pr := <-p.idle:
			pr.kill()
			<-p.slots
		default:
			return
		}
	}
}

// proc is one running hunspell.
type proc struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	list bool // list mode (-l) rather than pipe mode (-a)
	once sync.Once
}

// sentinel ends a batch in list mode: no dictionary has it, so hunspell
// prints it after the batch's misspelt words.
const sentinel = "zqxjvsentinelqz"

func startProc(bin, stdbuf, dict string) (*proc, error) {
	var cmd *exec.Cmd
	if stdbuf != "" {
		cmd = exec.Command(stdbuf, "-oL", bin, "-l", "-i", "UTF-8", "-d", dict)
	} else {
		cmd = exec.Command(bin, "-a", "-i", "UTF-8", "-d", dict)
	}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("hunspell: start %s: %w", filepath.Base(dict), err)
	}
	p := &proc{cmd: cmd, in: in, out: bufio.NewReader(out), list: stdbuf != ""}
	if !p.list {
		// The banner ("@(#) International Ispell …") comes first.
		if _, err := p.out.ReadString('\n'); err != nil {
			p.kill()
			return nil, fmt.Errorf("hunspell %s: no banner: %w", filepath.Base(dict), err)
		}
	}
	return p, nil
}

// check sends one word per line and returns, per word, whether the
// dictionary accepts it.
func (p *proc) check(ctx context.Context, words []string) ([]bool, error) {
	stop := context.AfterFunc(ctx, p.kill)
	defer stop()
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(p.in)
		for _, word := range words {
			if !p.list {
				w.WriteString("^")
			}
			w.WriteString(word)
			w.WriteByte('\n')
		}
		if p.list {
			w.WriteString(sentinel + "\n")
		}
		werr <- w.Flush()
	}()
	readLine := func() (string, error) {
		line, err := p.out.ReadString('\n')
		if err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			return "", fmt.Errorf("hunspell: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	ok := make([]bool, len(words))
	if p.list {
		bad := map[string]bool{}
		for {
			line, err := readLine()
			if err != nil {
				return nil, err
			}
			if line == sentinel {
				break
			}
			bad[line] = true
		}
		for i, w := range words {
			ok[i] = !bad[w] && !slices.ContainsFunc(parts(w), func(s string) bool { return bad[s] })
		}
	} else {
		// Per word, result lines up to a blank one: "*", "+", "-" accept;
		// "&" and "#" reject.
		for i := range words {
			ok[i] = true
			for {
				line, err := readLine()
				if err != nil {
					return nil, err
				}
				if line == "" {
					break
				}
				if line[0] == '&' || line[0] == '#' {
					ok[i] = false
				}
			}
		}
	}
	if err := <-werr; err != nil {
		return nil, fmt.Errorf("hunspell: write: %w", err)
	}
	return ok, nil
}

// parts splits a word at hyphens and apostrophes, as hunspell may report
// the parts of "mudou-se" rather than the whole.
func parts(w string) []string {
	return strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '\'' || r == '’' })
}

func (p *proc) kill() {
	p.once.Do(func() {
		p.in.Close()
		if p.cmd.Process != nil {
			p.cmd.Process.Kill()
		}
		p.cmd.Wait()
	})
}

var _ qa.Speller = (*Speller)(nil)

// ErrNotInstalled is returned by New when hunspell is missing.
var ErrNotInstalled = errors.New("hunspell not installed")
