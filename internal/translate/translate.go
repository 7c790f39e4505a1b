// Package translate is the machine-translation layer: one batch interface that
// every backend implements, a registry of backends, and a router that runs a
// language pair's chain of backends with fallback.
package translate

import (
	"context"
	"errors"
	"time"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
)

// Segment is one sentence to translate.
type Segment struct {
	// ID identifies the segment to the caller; backends pass it through.
	ID string
	// Text is tagged text (package inline): placeholders stand for inline codes.
	Text string
	// Tags defines the placeholders Text uses (link targets, emphasis, …).
	Tags []inline.Tag
}

// TermTag is the Tag.Name of a standalone placeholder that stands for a
// protected glossary term: package glossary replaces do-not-translate
// terms (and forced translations) by such placeholders before a request
// reaches a backend, and puts the terms back afterwards. Backends carry it
// like any other placeholder; one that reads words better than codes
// (Apertium) may send it as a word.
const TermTag = "term"

// Term is a glossary entry the backend should respect.
type Term struct {
	Source, Target string
	// DoNotTranslate marks names and terms that must come back unchanged.
	DoNotTranslate bool
}

// Request is one batch for one language pair.
type Request struct {
	From, To string
	Segments []Segment
	Glossary []Term
}

// Draft is a backend's translation of one segment, with its provenance.
type Draft struct {
	ID      string `json:"id"`
	Text    string `json:"text"`    // tagged text, same placeholders as the source
	Backend string `json:"backend"` // registry name, e.g. "apertium"
	Engine  string `json:"engine,omitempty"`
	// Notes are remarks for the translator (repaired tags, unknown words,
	// …) as codes with arguments (package note).
	Notes []note.Note `json:"notes,omitempty"`
	// Err is set when this segment failed; the other drafts stand.
	Err error `json:"-"`
	// Latency is the wall time of the backend call that produced this draft
	// (shared by every draft of a batch); set by the Router.
	Latency time.Duration `json:"latency_ns,omitempty"`
	// BilledChars is the number of source characters the backend was sent
	// for this segment (what paid APIs bill); 0 for local backends.
	BilledChars int `json:"billed_chars,omitempty"`
}

// Backend is a machine-translation engine.
type Backend interface {
	// Name is the registry name ("pseudo", "apertium", "deepl", …).
	Name() string
	// Translate returns one Draft per request segment, in request order. An
	// error means the whole batch failed; per-segment failures go in Draft.Err.
	Translate(ctx context.Context, req Request) ([]Draft, error)
}

// GlossaryApplier is implemented by backends that apply the preferred
// translations of Request.Glossary themselves (the OpenAI prompt, a DeepL
// glossary), which inflect them better than forcing the words can.
type GlossaryApplier interface {
	AppliesGlossary() bool
}

// ErrUnsupportedPair is wrapped by backends that cannot translate a pair.
var ErrUnsupportedPair = errors.New("language pair not supported")
