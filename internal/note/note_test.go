package note_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/note"
)

func TestJSON(t *testing.T) {
	in := []note.Note{note.New(note.UnknownWord, "word", "juggernaut"), note.Text("free text"), note.New(note.CopyDraft)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"code":"unknown_word","args":{"word":"juggernaut"},"message":"the engine does not know “juggernaut”; left as in the source"},` +
		`{"code":"engine","args":{"text":"free text"},"message":"free text"},` +
		`{"code":"copy_draft","message":"no machine translation: the draft is a copy of the source"}]`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var out []note.Note
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(in, out); d != "" {
		t.Error(d)
	}
	// Notes stored before they had codes were plain strings.
	if err := json.Unmarshal([]byte(`["Apertium does not know “x”"]`), &out); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]note.Note{note.Text("Apertium does not know “x”")}, out); d != "" {
		t.Error(d)
	}
}

func TestPivotLeftover(t *testing.T) {
	for _, tc := range []struct {
		n    note.Note
		want string
	}{
		{note.New(note.PivotLeftover, "word", "reaccionario", "source", "reactionary"),
			"“reaccionario” is a Spanish word left by the translation through Spanish (English “reactionary”)"},
		{note.New(note.PivotLeftover, "word", "reaccionario"), "“reaccionario” is a Spanish word left by the translation through Spanish"},
	} {
		if got := tc.n.English(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
