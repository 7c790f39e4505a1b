package translate

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// TM is the chain name of the translation memory. Translation memory lives in
// package tm and runs before the router, so the router accepts the name in a
// chain (`--backends tm,apertium`) and skips it.
const TM = "tm"

// Registry maps backend names to ready backends. It is built once at start-up
// and only read afterwards.
type Registry struct {
	backends map[string]Backend
}

// NewRegistry returns a registry holding bs, refusing duplicate names.
func NewRegistry(bs ...Backend) (*Registry, error) {
	r := &Registry{backends: map[string]Backend{}}
	for _, b := range bs {
		if err := r.Register(b); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Register adds b under b.Name().
func (r *Registry) Register(b Backend) error {
	name := b.Name()
	if name == "" || name == TM {
		return fmt.Errorf("translate: cannot register a backend named %q", name)
	}
	if _, dup := r.backends[name]; dup {
		return fmt.Errorf("translate: backend %q registered twice", name)
	}
	r.backends[name] = b
	return nil
}

// Lookup returns the backend registered as name.
func (r *Registry) Lookup(name string) (Backend, bool) {
	b, ok := r.backends[name]
	return b, ok
}

// Names returns the registered names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.backends))
	for n := range r.backends {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Close closes every backend that holds resources (processes,
// connections), returning the first error.
func (r *Registry) Close() error {
	var first error
	for _, b := range r.backends {
		if c, ok := b.(io.Closer); ok {
			if err := c.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// ParseChain splits a comma-separated list of backend names, as given to
// --backends ("pseudo", "tm,apertium"), trimming blanks. It refuses empty
// names and repeats; whether the names exist is checked by whoever builds
// the backends (package translate/backends) and by NewRouter.
func ParseChain(s string) ([]string, error) {
	var chain []string
	for _, f := range strings.Split(s, ",") {
		name := strings.ToLower(strings.TrimSpace(f))
		if name == "" {
			return nil, fmt.Errorf("translate: empty backend name in %q", s)
		}
		if slices.Contains(chain, name) {
			return nil, fmt.Errorf("translate: backend %q listed twice in %q", name, s)
		}
		chain = append(chain, name)
	}
	return chain, nil
}
