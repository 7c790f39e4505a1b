package tm_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/tm"
)

// stores returns a migrated store of each kind: SQLite always, PostgreSQL
// when the test environment has one (in CI it must).
func stores() map[string]func(t *testing.T) *store.Store {
	return map[string]func(t *testing.T) *store.Store{
		"sqlite":   func(t *testing.T) *store.Store { return open(t, "", t.TempDir()) },
		"postgres": func(t *testing.T) *store.Store { return open(t, testenv.PostgresURL(t), "") },
	}
}

func open(t *testing.T, url, dir string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return s
}

func put(t *testing.T, st *store.Store, m *tm.Memory, es ...tm.Entry) {
	t.Helper()
	if err := st.InTx(context.Background(), func(q *store.Queries) error { return m.Put(context.Background(), q, es) }); err != nil {
		t.Fatal(err)
	}
}

// memory is approved work in English → Spanish and English → Brazilian
// Portuguese, as translators wrote it.
var memory = []tm.Entry{
	{SourceLang: "en", TargetLang: "es", Source: "Dock workers voted to continue the strike.",
		Target: "Los estibadores votaron a favor de continuar la huelga.", Prev: "The port of Santos was closed on Monday.",
		Next: "The union will meet again on Friday.", CreatedBy: "usr_ana", ArticleID: "art_1", SegmentID: "seg_1"},
	{SourceLang: "en", TargetLang: "es", Source: "The port of Santos handled 5,000 containers in <1>May</1>.",
		Target: "El puerto de Santos movió 5.000 contenedores en <1>mayo</1>.", CreatedBy: "usr_ana"},
	{SourceLang: "en", TargetLang: "es", Source: "The government announced new measures against inflation.",
		Target: "El Gobierno anunció nuevas medidas contra la inflación.", CreatedBy: "usr_ana"},
	{SourceLang: "en", TargetLang: "es", Source: "Talks between the union and the employers resumed on Monday.",
		Target: "Las negociaciones entre el sindicato y los empresarios se reanudaron el lunes.", CreatedBy: "usr_ana"},
	{SourceLang: "en", TargetLang: "pt-BR", Source: "Dock workers voted to continue the strike.",
		Target: "Os estivadores votaram pela continuação da greve.", CreatedBy: "usr_bia"},
	{SourceLang: "en", TargetLang: "pt-BR", Source: "The minister said the bridge would reopen next week.",
		Target: "O ministro disse que a ponte seria reaberta na próxima semana.", CreatedBy: "usr_bia"},
}

type got struct {
	Kind   string
	Score  int
	Target string
}

func TestLookup(t *testing.T) {
	for name, mk := range stores() {
		t.Run(name, func(t *testing.T) {
			st := mk(t)
			m := tm.New(st, tm.Config{})
			put(t, st, m, memory...)
			for _, tc := range []struct {
				name   string
				to     string
				q      tm.Query
				want   []got
				anyOf  [2]int // score range of the first fuzzy match
				marked []string
			}{
				{name: "in context", to: "es", q: tm.Query{Source: "Dock workers voted to continue the strike.",
					Prev: "The port of Santos was closed on Monday.", Next: "The union will meet again on Friday."},
					want: []got{{"in_context", 101, "Los estibadores votaron a favor de continuar la huelga."}}},
				{name: "exact, other context", to: "es", q: tm.Query{Source: "Dock workers voted to continue the strike.", Prev: "Something else."},
					want: []got{{"exact", 100, "Los estibadores votaron a favor de continuar la huelga."}}},
				{name: "exact in Portuguese (no context is no context match)", to: "pt-BR", q: tm.Query{Source: "Dock workers voted to continue the strike."},
					want: []got{{"exact", 100, "Os estivadores votaram pela continuação da greve."}}},
				{name: "fuzzy: end instead of continue (es)", to: "es", q: tm.Query{Source: "Dock workers voted to end the strike."},
					want: []got{{"fuzzy", 86, "Los estibadores votaron a favor de continuar la huelga."}}, marked: []string{"continue", "end"}},
				{name: "fuzzy: end instead of continue (pt-BR)", to: "pt-BR", q: tm.Query{Source: "Dock workers voted to end the strike."},
					want: []got{{"fuzzy", 86, "Os estivadores votaram pela continuação da greve."}}, marked: []string{"continue", "end"}},
				{name: "fuzzy: a number and a tag id changed", to: "es", q: tm.Query{Source: "The port of Santos handled 7,200 containers in <2>May</2>."},
					want: []got{{"fuzzy", 97, "El puerto de Santos movió 5.000 contenedores en <2>mayo</2>."}}, marked: []string{"5,000", "7,200"}},
				{name: "fuzzy: the sentence later in its block (tag ids differ)", to: "es", q: tm.Query{Source: "The port of Santos handled 5,000 containers in <3>May</3>."},
					want: []got{{"fuzzy", 98, "El puerto de Santos movió 5.000 contenedores en <3>mayo</3>."}}},
				{name: "fuzzy: other object", to: "es", q: tm.Query{Source: "The government announced new measures against unemployment."},
					want: []got{{"fuzzy", 86, "El Gobierno anunció nuevas medidas contra la inflación."}}, marked: []string{"inflation", "unemployment"}},
				{name: "fuzzy in Portuguese", to: "pt-BR", q: tm.Query{Source: "The minister said the bridge would reopen this week."},
					want: []got{{"fuzzy", 89, "O ministro disse que a ponte seria reaberta na próxima semana."}}, marked: []string{"next", "this"}},
				{name: "near miss: same words, other news", to: "es", q: tm.Query{Source: "Dock workers in Lisbon were paid on Friday."}},
				{name: "near miss: talks collapsed", to: "es", q: tm.Query{Source: "Talks between the union and the employers collapsed on Friday after a week."}},
				{name: "near miss: other pair", to: "pt-BR", q: tm.Query{Source: "The government announced new measures against unemployment."}},
				{name: "near miss: short sentence", to: "es", q: tm.Query{Source: "The government resigned."}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res, err := m.Lookup(context.Background(), "en", tc.to, []tm.Query{tc.q}, 3)
					if err != nil {
						t.Fatal(err)
					}
					var g []got
					for _, x := range res[0] {
						g = append(g, got{x.Kind, x.Score, x.Target})
					}
					if d := cmp.Diff(tc.want, g); d != "" {
						t.Errorf("matches (-want +got):\n%s", d)
					}
					if len(tc.marked) == 2 && len(res[0]) > 0 {
						var del, ins []string
						for _, o := range res[0][0].Diff {
							switch o.Op {
							case "delete":
								del = append(del, o.Text)
							case "insert":
								ins = append(ins, o.Text)
							}
						}
						if len(del) == 0 || del[0] != tc.marked[0] || len(ins) == 0 || ins[0] != tc.marked[1] {
							t.Errorf("diff %+v: want %q deleted and %q inserted first", res[0][0].Diff, tc.marked[0], tc.marked[1])
						}
					}
				})
			}
		})
	}
}

func TestLookupBatchAndThreshold(t *testing.T) {
	st := open(t, "", t.TempDir())
	put(t, st, tm.New(st, tm.Config{}), memory...)
	strict := tm.New(st, tm.Config{Threshold: 90})
	res, err := strict.Lookup(context.Background(), "en", "es", []tm.Query{
		{Source: "Dock workers voted to end the strike."},                      // 86: below 90
		{Source: "The port of Santos handled 7,200 containers in <2>May</2>."}, // 97
		{Source: "Dock workers voted to continue the strike."},                 // exact
	}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var n []int
	for _, r := range res {
		n = append(n, len(r))
	}
	if d := cmp.Diff([]int{0, 1, 1}, n); d != "" {
		t.Errorf("matches per query with threshold 90 (-want +got):\n%s", d)
	}
}

func TestPutReplacesAndKeepsContexts(t *testing.T) {
	for name, mk := range stores() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := mk(t)
			m := tm.New(st, tm.Config{})
			e := memory[0]
			put(t, st, m, e)
			// A correction of the same sentence in the same context replaces
			// the entry; who made it first stays.
			fixed := e
			fixed.Target, fixed.CreatedBy = "Los estibadores votaron por continuar la huelga.", "usr_eva"
			put(t, st, m, fixed)
			// The same sentence in another context is another entry.
			other := e
			other.Prev, other.Target = "", "Los portuarios votaron seguir la huelga."
			put(t, st, m, other)
			pairs, err := m.Pairs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff([]store.TMPair{{SourceLang: "en", TargetLang: "es", Entries: 2}}, pairs); d != "" {
				t.Errorf("pairs (-want +got):\n%s", d)
			}
			res, err := m.Lookup(ctx, "en", "es", []tm.Query{{Source: e.Source, Prev: e.Prev, Next: e.Next}}, 3)
			if err != nil {
				t.Fatal(err)
			}
			var g []got
			for _, x := range res[0] {
				g = append(g, got{x.Kind, x.Score, x.Target})
			}
			want := []got{{"in_context", 101, fixed.Target}, {"exact", 100, other.Target}}
			if d := cmp.Diff(want, g); d != "" {
				t.Fatalf("after correction (-want +got):\n%s", d)
			}
			first := res[0][0].Entry
			if first.CreatedBy != "usr_ana" || first.UpdatedBy != "usr_eva" {
				t.Errorf("created by %q, updated by %q", first.CreatedBy, first.UpdatedBy)
			}

			// An administrator corrects and deletes entries.
			if _, err := m.Correct(ctx, first.ID, "Los estibadores decidieron seguir la huelga.", "usr_admin"); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Correct(ctx, first.ID, "<1>Roto</1>", "usr_admin"); !errors.Is(err, tm.ErrInvalid) {
				t.Errorf("correction with foreign tags: %v", err)
			}
			if err := m.Delete(ctx, res[0][1].Entry.ID); err != nil {
				t.Fatal(err)
			}
			if err := m.Delete(ctx, res[0][1].Entry.ID); !errors.Is(err, tm.ErrNotFound) {
				t.Errorf("second delete: %v", err)
			}
			// The deleted entry is gone from fuzzy lookups too.
			res, err = m.Lookup(ctx, "en", "es", []tm.Query{{Source: "Dock workers voted to end the strike."}}, 3)
			if err != nil {
				t.Fatal(err)
			}
			g = nil
			for _, x := range res[0] {
				g = append(g, got{x.Kind, x.Score, x.Target})
			}
			if d := cmp.Diff([]got{{"fuzzy", 86, "Los estibadores decidieron seguir la huelga."}}, g); d != "" {
				t.Errorf("after delete (-want +got):\n%s", d)
			}
		})
	}
}

func TestPutRefusesBadEntries(t *testing.T) {
	st := open(t, "", t.TempDir())
	m := tm.New(st, tm.Config{})
	for _, e := range []tm.Entry{
		{SourceLang: "en", TargetLang: "es", Source: "Read <1>this</1>.", Target: "Lee esto."},
		{SourceLang: "en", TargetLang: "es", Source: "", Target: "Nada."},
		{SourceLang: "", TargetLang: "es", Source: "A.", Target: "B."},
		{SourceLang: "en", TargetLang: "es", Source: "A.", Target: "\xff"},
	} {
		err := st.InTx(context.Background(), func(q *store.Queries) error { return m.Put(context.Background(), q, []tm.Entry{e}) })
		if !errors.Is(err, tm.ErrInvalid) {
			t.Errorf("Put(%+v) = %v, want ErrInvalid", e, err)
		}
	}
}

// TestIndexSealsChunks puts more entries with one word than a tail holds,
// so that lookups read sealed chunks and the tail together.
func TestIndexSealsChunks(t *testing.T) {
	for name, mk := range stores() {
		t.Run(name, func(t *testing.T) {
			st := mk(t)
			m := tm.New(st, tm.Config{})
			var es []tm.Entry
			for i := range 700 {
				es = append(es, tm.Entry{SourceLang: "en", TargetLang: "es", Source: "Harbour report number " + itoa(i) + " of the week " + word(i) + ".",
					Target: "Informe portuario " + itoa(i) + "."})
			}
			put(t, st, m, es[:300]...)
			put(t, st, m, es[300:]...)
			res, err := m.Lookup(context.Background(), "en", "es", []tm.Query{{Source: "Harbour report number 123 of the week " + word(5) + "."}}, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(res[0]) == 0 || res[0][0].Entry.Source != es[5].Source {
				t.Errorf("best match %+v, want %q", res[0], es[5].Source)
			}
		})
	}
}

func itoa(i int) string {
	return string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
}

// word is a distinct made-up word per i.
func word(i int) string {
	const letters = "bcdfghjklmnpqrstvwxz"
	return "ka" + string(letters[i%20]) + string(letters[i/20%20]) + string(letters[i/400%20]) + "o"
}

// TestIndexPending: entries carried over by migration 00010 (not in the
// index, no keys yet) are indexed at start-up and then found.
func TestIndexPending(t *testing.T) {
	ctx := context.Background()
	st := open(t, "", t.TempDir())
	for i, src := range []string{"Dock workers voted to continue the strike.", "The port is closed."} {
		if _, err := st.DB().Exec(`INSERT INTO tm_entries (source_lang, target_lang, source_key, context_key, source, target, created_at, updated_at, indexed)
			VALUES ('en', 'es', ?, 0, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE)`, -1-i, src, "ES "+src); err != nil {
			t.Fatal(err)
		}
	}
	m := tm.New(st, tm.Config{})
	n, err := m.IndexPending(ctx)
	if err != nil || n != 2 {
		t.Fatalf("IndexPending = %d, %v", n, err)
	}
	if n, err := m.IndexPending(ctx); err != nil || n != 0 {
		t.Errorf("second IndexPending = %d, %v", n, err)
	}
	res, err := m.Lookup(ctx, "en", "es", []tm.Query{{Source: "The port is closed."}, {Source: "Dock workers voted to end the strike."}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0]) != 1 || res[0][0].Kind != tm.KindExact || len(res[1]) != 1 || res[1][0].Kind != tm.KindFuzzy {
		t.Errorf("lookups after indexing: %+v", res)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	st := open(t, "", t.TempDir())
	m := tm.New(st, tm.Config{})
	put(t, st, m, memory...)
	for _, tc := range []struct {
		q    string
		want int
	}{
		{"", 4}, {"STRIKE", 1}, {"the port santos 7", 1}, {"voted monday", 0}, {"zebra", 0},
	} {
		es, err := m.Search(ctx, "en", "es", tc.q, time.Time{}, 10)
		if err != nil || len(es) != tc.want {
			t.Errorf("Search(%q) = %d entries %v, want %d", tc.q, len(es), err, tc.want)
		}
	}
}
