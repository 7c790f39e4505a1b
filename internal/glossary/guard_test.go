package glossary

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// dictionary is a backend that translates word by word from a small
// dictionary, as a crude engine would ("Spear" → "Lanza"), leaving
// placeholders and unknown words alone.
type dictionary struct {
	name  string
	words map[string]string
	drop  bool // drop standalone placeholders, as a broken engine might

	mu   sync.Mutex
	seen []translate.Request
}

var wordRE = regexp.MustCompile(`[\p{L}']+|<[^>]*>`)

func (d *dictionary) Name() string { return d.name }

func (d *dictionary) Translate(_ context.Context, req translate.Request) ([]translate.Draft, error) {
	d.mu.Lock()
	d.seen = append(d.seen, req)
	d.mu.Unlock()
	out := make([]translate.Draft, len(req.Segments))
	for i, s := range req.Segments {
		text := wordRE.ReplaceAllStringFunc(s.Text, func(w string) string {
			if strings.HasPrefix(w, "<") {
				if d.drop && strings.HasSuffix(w, "/>") {
					return ""
				}
				return w
			}
			if t, ok := d.words[w]; ok {
				return t
			}
			return w
		})
		out[i] = translate.Draft{ID: s.ID, Text: text}
	}
	return out, nil
}

var crude = map[string]string{"Spear": "Lanza", "spoke": "habló", "The": "Los", "unions": "uniones", "union": "unión",
	"voted": "votaron", "backed": "apoyaron", "and": "y", "strike": "huelga", "Unions": "Uniones"}

type termList []Term

func (l termList) PairTerms(context.Context, string, string) ([]Term, error) { return l, nil }

func newRouter(t *testing.T, bs ...translate.Backend) *translate.Router {
	t.Helper()
	reg, err := translate.NewRegistry(bs...)
	if err != nil {
		t.Fatal(err)
	}
	var chain []string
	for _, b := range bs {
		chain = append(chain, b.Name())
	}
	r, err := translate.NewRouter(reg, translate.Policy{Default: chain}, translate.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var houseTerms = termList{
	term("spear", DoNotTranslate, "Jess Spear", "", true),
	term("nuestra", DoNotTranslate, "Nuestra América", "", true),
	term("union", Preferred, "union", "sindicato", false),
	term("bad", Forbidden, "", "uniones", false),
}

func translateOne(t *testing.T, tr Translator, text string) translate.Draft {
	t.Helper()
	ds, err := tr.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "s1", Text: text, Tags: []inline.Tag{{ID: 1, Name: "em", Paired: true}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return ds[0]
}

func TestGuardKeepsNamesAndForcesTerms(t *testing.T) {
	crudeMT := &dictionary{name: "crude", words: crude}
	router := newRouter(t, crudeMT)
	// Unprotected, the crude engine does what Apertium did to Jess Spear.
	if d := translateOne(t, router, "Jess Spear spoke."); d.Text != "Jess Lanza habló." {
		t.Fatalf("the test engine should mangle the name: %q", d.Text)
	}
	g := NewGuard(router, houseTerms, nil)
	for _, tc := range []struct{ in, want string }{
		{"Jess Spear spoke.", "Jess Spear habló."},
		{"<1>Jess Spear</1> spoke.", "<1>Jess Spear</1> habló."},
		{"Jess Spear's unions backed Nuestra América.", "Jess Spear's sindicatos apoyaron Nuestra América."},
		{"Unions voted.", "Sindicatos votaron."}, // forced, plural, capitalised at the start
		{"The union voted &amp; spoke.", "Los sindicato votaron &amp; habló."},
		{"jess spear spoke.", "jess spear habló."}, // case-sensitive: not the name, left to the engine
	} {
		d := translateOne(t, g, tc.in)
		if d.Err != nil || d.Text != tc.want {
			t.Errorf("%q → %q (%v), want %q", tc.in, d.Text, d.Err, tc.want)
		}
		if err := inline.Check(tc.in, d.Text); err != nil {
			t.Errorf("%q: %v", tc.in, err)
		}
	}
	// The engine never saw the protected words.
	for _, req := range crudeMT.seen[1:] {
		for _, s := range req.Segments {
			if strings.Contains(s.Text, "Spear") && !strings.Contains(s.Text, "spear") || strings.Contains(s.Text, "union") {
				t.Errorf("sent %q to the engine", s.Text)
			}
		}
	}
}

func TestGuardNotesWhatTheEngineGotWrong(t *testing.T) {
	g := NewGuard(newRouter(t, &dictionary{name: "crude", words: crude}), houseTerms, func(string, string) bool { return true })
	// Native: preferred terms travel as the request's glossary, and the
	// crude engine ignores it; the check notes both problems.
	d := translateOne(t, g, "The unions voted.")
	if d.Text != "Los uniones votaron." {
		t.Fatalf("draft %q", d.Text)
	}
	want := []string{"glossary: “unions” should be translated as “sindicato”", "glossary: “uniones” must not be used"}
	if !slices.Equal(note.Texts(d.Notes), want) {
		t.Errorf("notes %q, want %q", d.Notes, want)
	}
}

func TestGuardPassesPreferredAsGlossaryWhenNative(t *testing.T) {
	mt := &dictionary{name: "crude", words: map[string]string{}}
	g := NewGuard(newRouter(t, mt), houseTerms, func(from, to string) bool { return from == "en" && to == "es" })
	translateOne(t, g, "Jess Spear and the union.")
	got := mt.seen[0]
	if want := []translate.Term{{Source: "union", Target: "sindicato"}}; !slices.Equal(got.Glossary, want) {
		t.Errorf("glossary %+v, want %+v", got.Glossary, want)
	}
	if s := got.Segments[0].Text; s != "<1/> and the union." {
		t.Errorf("sent %q: the name masked, the preferred term left for the engine", s)
	}
}

func TestGuardPseudo(t *testing.T) {
	g := NewGuard(newRouter(t, translate.NewPseudo()), houseTerms, nil)
	d := translateOne(t, g, "Jess Spear spoke for Nuestra América.")
	if d.Text != "[es] Jess Spear špöķé föŕ Nuestra América." {
		t.Errorf("pseudo draft %q", d.Text)
	}
}

// TestGuardPlaceholderLost: an engine that drops the term's placeholder
// fails the segment, so the router falls back to the next engine; with no
// other engine the segment fails instead of losing the name.
func TestGuardPlaceholderLost(t *testing.T) {
	broken := &dictionary{name: "broken", words: crude, drop: true}
	g := NewGuard(newRouter(t, broken, translate.NewPseudo()), houseTerms, nil)
	if d := translateOne(t, g, "Jess Spear spoke."); d.Backend != "pseudo" || !strings.Contains(d.Text, "Jess Spear") {
		t.Errorf("draft %+v: want the fallback's, with the name", d)
	}
	g = NewGuard(newRouter(t, &dictionary{name: "broken", words: crude, drop: true}), houseTerms, nil)
	if d := translateOne(t, g, "Jess Spear spoke."); d.Err == nil {
		t.Errorf("draft %q without error: the name was lost", d.Text)
	}
}

func TestGuardNoTerms(t *testing.T) {
	mt := &dictionary{name: "crude", words: crude}
	g := NewGuard(newRouter(t, mt), termList{}, nil)
	if d := translateOne(t, g, "Jess Spear spoke."); d.Text != "Jess Lanza habló." {
		t.Errorf("draft %q", d.Text)
	}
}
