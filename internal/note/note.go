// Package note is a remark on a segment for its translator — a repair made
// to the machine draft, a word the engine did not know — kept as a stable
// code with arguments, so that the UI shows it in the translator's language
// (message id "Note_"+code in locales/) and API clients can act on it.
// Engines that only give free text use the code "engine" with the text as
// its argument.
package note

import (
	"encoding/json"
	"sort"
	"strings"
)

// Note is one remark.
type Note struct {
	Code string            `json:"code"`
	Args map[string]string `json:"args,omitempty"`
}

// New returns a note with arguments given as key, value pairs.
func New(code string, kv ...string) Note {
	n := Note{Code: code}
	if len(kv) > 1 {
		n.Args = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			n.Args[kv[i]] = kv[i+1]
		}
	}
	return n
}

// Text is a free-text note from an engine.
func Text(s string) Note { return New(Engine, "text", s) }

// Codes. They are part of the API and of the locales: never rename one.
const (
	// Engine is free text from a translation engine ("text").
	Engine = "engine"
	// CopyDraft: no machine translation; the draft is the source.
	CopyDraft = "copy_draft"
	// UnknownWord: the engine did not know the source word ("word").
	UnknownWord = "unknown_word"
	// PivotLeftover: a word of the pivot language (Spanish, for en→pt)
	// left in the draft ("word"; "source": the English word, when known).
	PivotLeftover = "pivot_leftover"
	// TagMoved: the engine lost the words inside a tag; it was put on the
	// next word ("tag").
	TagMoved = "tag_moved"
	// TagExtent: the engine split a tag while reordering; it now spans
	// from its first to its last word ("tag").
	TagExtent = "tag_extent"
	// TagDropped: the engine added a tag the source lacks; removed ("tag").
	TagDropped = "tag_dropped"
	// TagRejoined: the engine split a tag into parts; rejoined ("tag",
	// "parts").
	TagRejoined = "tag_rejoined"
	// Punctuation: the draft's quotes or dashes differ from the source's
	// ("marks").
	Punctuation = "punctuation_differs"
	// TermNotKept: a do-not-translate term is not in the draft ("term").
	TermNotKept = "term_not_kept"
	// Glossary findings on a machine draft (package glossary), with
	// "source", "expected" and "found" as they apply.
	GlossaryPreferredMissing = "glossary_preferred_missing"
	GlossaryForbiddenUsed    = "glossary_forbidden_used"
	GlossaryDNTAltered       = "glossary_dnt_altered"
	// Repairs made before the translator sees the draft.
	InvertedMarkAdded   = "inverted_mark_added"   // "mark"
	DoubledStopRemoved  = "doubled_stop_removed"  // "text"
	GluedWordsSplit     = "glued_words_split"     // "from", "to"
	QuotesMoved         = "quotes_moved"          // "text": the words now quoted
	PossessiveReordered = "possessive_reordered"  // "name"
	NumberFormatChanged = "number_format_changed" // "from", "to"
)

// english are the notes in English, for the CLI, the API and logs; the UI
// uses locales/.
var english = map[string]string{
	Engine:                   "{text}",
	CopyDraft:                "no machine translation: the draft is a copy of the source",
	UnknownWord:              "the engine does not know “{word}”; left as in the source",
	PivotLeftover:            "“{word}” is a Spanish word left by the translation through Spanish{source}",
	TagMoved:                 "the engine dropped the words inside the {tag} tag; it was put on the next word — check it",
	TagExtent:                "the engine split the {tag} tag while reordering words; it now covers everything from its first to its last word — check its extent",
	TagDropped:               "the engine added a {tag} tag the source does not have; removed it",
	TagRejoined:              "the engine split the {tag} tag into {parts} parts; rejoined it — check what it covers",
	Punctuation:              "the draft's {marks} differ from the source's — check them",
	TermNotKept:              "“{term}” should stay untranslated but is not in the draft",
	GlossaryPreferredMissing: "glossary: “{source}” should be translated as “{expected}”",
	GlossaryForbiddenUsed:    "glossary: “{found}” must not be used",
	GlossaryDNTAltered:       "glossary: “{source}” must stay as it is (do not translate)",
	InvertedMarkAdded:        "added the opening {mark}",
	DoubledStopRemoved:       "removed a doubled full stop after “{text}”",
	GluedWordsSplit:          "split “{from}” into “{to}”",
	QuotesMoved:              "moved the quotation marks back around “{text}”, the words quoted in the source",
	PossessiveReordered:      "rewrote the possessive of {name} before translating (“the X of {name}”)",
	NumberFormatChanged:      "wrote {from} as {to}",
}

// Codes lists every code, sorted.
func Codes() []string {
	out := make([]string, 0, len(english))
	for c := range english {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// English renders the note in English.
func (n Note) English() string {
	m, ok := english[n.Code]
	if !ok {
		m = n.Code
	}
	if n.Code == PivotLeftover {
		if s := n.Args["source"]; s != "" {
			m = strings.ReplaceAll(m, "{source}", " (English “"+s+"”)")
		} else {
			m = strings.ReplaceAll(m, "{source}", "")
		}
	}
	for k, v := range n.Args {
		m = strings.ReplaceAll(m, "{"+k+"}", v)
	}
	return m
}

// String is the English rendering.
func (n Note) String() string { return n.English() }

// MarshalJSON adds the English message for API clients.
func (n Note) MarshalJSON() ([]byte, error) {
	type plain Note
	return json.Marshal(struct {
		plain
		Message string `json:"message"`
	}{plain(n), n.English()})
}

// UnmarshalJSON reads a note, or a plain string as stored before notes had
// codes (it becomes an engine note).
func (n *Note) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*n = Text(s)
		return nil
	}
	var v struct {
		Code string            `json:"code"`
		Args map[string]string `json:"args"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = Note{Code: v.Code, Args: v.Args}
	return nil
}

// Texts renders notes in English, one string each.
func Texts(ns []Note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.English()
	}
	return out
}
