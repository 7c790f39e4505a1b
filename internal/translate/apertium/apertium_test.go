package apertium

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

func TestTranslateKeepsTags(t *testing.T) {
	b := newBackend(t, Options{})
	tests := []struct {
		to, src string
		want    []string // substrings of the draft
	}{
		{"es", "A <1>red</1> car.", []string{"coche <1>rojo</1>"}},
		{"es", "The reactionary juggernaut of <1>Donald Trump</1> dominated 2025.", []string{"<1>Donald Trump</1>", "2025"}},
		{"es", "The <1>big <2>white</2> house</1> on the hill.", []string{"<1>casa <2>blanca</2> grande</1>"}},
		{"es", "Read <1>this</1>:<2/> it is <3>important</3> &amp; new.", []string{"<2/>", "&amp;", "<3>importante</3>"}},
		{"es", "Five *stars* for #press &lt;3", []string{"*", "#", "&lt;3"}},
		{"pt-BR", "A <1>red</1> car.", []string{"carro <1>vermelho</1>"}},
		{"pt-BR", "Keir Starmer refused to criticize <1>Donald Trump</1>.", []string{"Keir Starmer", "<1>Donald Trump</1>"}},
		{"pt-PT", "The city council voted on Tuesday.", []string{"terça-feira"}},
		{"es", "Report suspicious mail to security@example.org today.", []string{"security@example.org"}},
		{"es", "A ferry leaves Cais do Sodré every hour.", []string{"Cais do Sodré"}},
		{"pt-BR", "Write to press.office@city.example.org or call the hotline.", []string{"press.office@city.example.org"}},
	}
	for _, tt := range tests {
		t.Run(tt.to+" "+tt.src, func(t *testing.T) {
			seg := translate.Segment{ID: "s", Text: tt.src}
			got, err := b.Translate(context.Background(), translate.Request{From: "en", To: tt.to, Segments: []translate.Segment{seg}})
			if err != nil {
				t.Fatal(err)
			}
			d := got[0]
			if d.Err != nil {
				t.Fatalf("draft error: %v", d.Err)
			}
			if err := inline.Check(tt.src, d.Text); err != nil {
				t.Errorf("draft %q: %v", d.Text, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(d.Text, w) {
					t.Errorf("draft %q lacks %q", d.Text, w)
				}
			}
			if strings.Contains(d.Text, nameTokenPrefix) {
				t.Errorf("draft %q leaks a name token", d.Text)
			}
		})
	}
}

// TestNamesLearntFromBatch: "Donald Trump" in one segment protects "Trump"
// alone in the next (Apertium's dictionary has "trump" = "triunfo").
func TestNamesLearntFromBatch(t *testing.T) {
	b := newBackend(t, Options{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: []translate.Segment{
		{ID: "1", Text: "The juggernaut of Donald Trump dominated 2025."},
		{ID: "2", Text: "Trump bombed his seventh country."},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"Donald Trump", "Trump bombardeó"} {
		if !strings.Contains(got[i].Text, want) {
			t.Errorf("draft %q lacks %q", got[i].Text, want)
		}
	}
}

func TestUnknownWordsAreNotes(t *testing.T) {
	b := newBackend(t, Options{})
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "x", Text: "The zorblax ate my homework."}}})
	if err != nil {
		t.Fatal(err)
	}
	d := got[0]
	if strings.Contains(d.Text, "*") {
		t.Errorf("draft %q keeps an unknown-word mark", d.Text)
	}
	if !strings.Contains(d.Text, "zorblax") || len(d.Notes) == 0 || !strings.Contains(d.Notes[0].English(), "zorblax") {
		t.Errorf("draft %q, notes %q: want the word kept and named in a note", d.Text, d.Notes)
	}
}

// TestRealDraftShapes: defects real Apertium put into drafts of news text:
// an unknown-word mark glued to a number, a blank left inside a quote by a
// dropped subject pronoun, the words of e-mail addresses and of URLs with
// a mark character translated, a capital after an unknown first word.
func TestRealDraftShapes(t *testing.T) {
	b := newBackend(t, Options{})
	for _, tt := range []struct{ to, src, lacks, has string }{
		{"es", "Questions can go to budget@valencia.es or news.desk@city.gov.", "presupuesto", "budget@valencia.es"},
		{"pt-BR", "Questions can go to budget@valencia.es or news.desk@city.gov.", "orçamento", "news.desk@city.gov."},
		{"es", "See https://example.org/budget#spending-cuts?a=1&b=2 and www.example.org/~mayor/news today.", "pasando",
			"https://example.org/budget#spending-cuts?a=1&amp;b=2 y www.example.org/~mayor/news hoy."},
		{"es", `"It took me 2 hours to get to work!" said Ana Sofia Reis, a nurse.`, "Dicho", `!" dicho`},
		{"pt-BR", `"It took me 2 hours to get to work!" said Ana Sofia Reis, a nurse.`, "Dito", `!" dito`},
		{"es", "Raising two bridges by 9 ft. to clear taller ships.", "ft. Para", "ft. para"},
		{"es", "A fund overseen by the state's Dept. of Natural Resources.", "Dept. De", "Dept. de"},
		{"es", "It was £2.80 in the U.K. pilot and is now $3.50.", "U.K. Piloto", "U.K. piloto"},
		{"es", "He met Gen. Mark Milley in Sept. last year.", "Gen. marca", "Gen. Mark"},
		{"es", "The council said no.", "núm", "dijo no."},
		{"pt-BR", "The council said no.", "núm", "disse não."},
		{"es", `She answered: "No." Then she left.`, "Núm", `"No."`},
		{"es", "He lives at No. 10 Downing St. in London.", "St. En", "10 Downing St. en Londres"},
		{"pt-BR", "Mayor Patricia O'Connell said they would vote.", "Ou'", "Patricia O'Connell"},
		{"pt-BR", "The O'Brien family moved.", "Ou'", "O'Brien"},
		{"pt-BR", "Officials blamed a dry summer... and a warm autumn.", "... E", "... e"},
		{"es", "Officials blamed a dry summer… and a warm autumn.", "… Y", "… y"},
		{"es", "Commuters were angry.", "Era", "Commuters era"},
		{"es", "CP said it had offered a raise.", "CP Lo", "CP lo"},
		{"pt-BR", "Sintra line: no service until 9:30 p.m.", "Linha", "Sintra linha"},
		{"es", "Critics said the firm was paid $2.4m.", "*", "$2.4m."},
		{"pt-BR", "Critics said the firm was paid $2.4m.", "*", "m."},
		{"es", `"We asked for 20% and got 12.5%," said Joan Martí.`, `" Pedimos`, "Pedimos"},
		{"es", `Their spokesman said: "We will vote no!"`, `" votaremos`, "votaremos"},
		{"pt-BR", `"We asked for 20% and got 12.5%," said Joan Martí.`, `" Pedimos`, "Pedimos"},
	} {
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: tt.to,
			Segments: []translate.Segment{{ID: "x", Text: inline.Escape(tt.src)}}})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got[0].Text, tt.lacks) || !strings.Contains(got[0].Text, tt.has) {
			t.Errorf("%s draft of %q is %q: want %q in it and no %q", tt.to, tt.src, got[0].Text, tt.has, tt.lacks)
		}
	}
}

func TestGlossaryDoNotTranslate(t *testing.T) {
	b := newBackend(t, Options{KeepNames: true})
	req := translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "x", Text: "The Guardian reported that trump cards were played."}},
		Glossary: []translate.Term{{Source: "Guardian", DoNotTranslate: true}, {Source: "trump cards", Target: "triunfos"}}}
	got, err := b.Translate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Guardian", "triunfos"} {
		if !strings.Contains(got[0].Text, w) {
			t.Errorf("draft %q lacks glossary term %q", got[0].Text, w)
		}
	}
}

func TestUnsupportedPair(t *testing.T) {
	b := newBackend(t, Options{})
	_, err := b.Translate(context.Background(), translate.Request{From: "en", To: "fr", Segments: []translate.Segment{{ID: "x", Text: "Hi"}}})
	if !errors.Is(err, translate.ErrUnsupportedPair) || !translate.IsPermanent(err) {
		t.Fatalf("err = %v, want ErrUnsupportedPair", err)
	}
}

// TestArticles translates every sentence of the seed articles and the
// fixtures, with a link and an emphasis code in each, through the router
// (Apertium alone, no fallback): every segment must come back with its tags.
func TestArticles(t *testing.T) {
	b := newBackend(t, Options{})
	reg, _ := translate.NewRegistry(b)
	r, err := translate.NewRouter(reg, translate.Policy{Default: []string{"apertium"}}, translate.WithLogger(b.opts.Logger))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range articles(t) {
		segs := segmentsOf(text)
		for _, to := range []string{"es", "pt-BR"} {
			t.Run(name+"/"+to, func(t *testing.T) {
				got, err := r.Translate(context.Background(), translate.Request{From: "en", To: to, Segments: segs})
				if err != nil {
					t.Fatal(err)
				}
				split := 0
				for i, d := range got {
					if d.Err != nil {
						t.Errorf("segment %d %q: %v", i, segs[i].Text, d.Err)
						continue
					}
					if err := inline.Check(segs[i].Text, d.Text); err != nil {
						t.Errorf("segment %d %q → %q: %v", i, segs[i].Text, d.Text, err)
					}
					if strings.ContainsAny(inline.Plain(d.Text), "*@#") && !strings.ContainsAny(inline.Plain(segs[i].Text), "*@#") {
						t.Errorf("segment %d: mark left in %q", i, d.Text)
					}
					if len(d.Notes) > 0 {
						split++
					}
				}
				t.Logf("%d segments, %d with notes", len(segs), split)
			})
		}
	}
}

// TestBatchUsesFewPipelines: a whole article is one batch; it starts at most
// Workers pipelines, and the next batch reuses them.
func TestBatchUsesFewPipelines(t *testing.T) {
	b := newBackend(t, Options{Workers: 2, MinChunk: 4})
	segs := segmentsOf(articles(t)["article_en.txt"])
	req := translate.Request{From: "en", To: "es", Segments: segs}
	for range 2 {
		if _, err := b.Translate(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	p, err := b.pool(context.Background(), []string{"eng-spa"})
	if err != nil {
		t.Fatal(err)
	}
	if n := p.startedCount(); n < 1 || n > 2 {
		t.Errorf("%d segments in 2 batches started %d pipelines, want 1–2", len(segs), n)
	}
}

// TestRestartsDeadPipeline kills a stage of the first pipeline the moment it
// starts; the batch must still succeed, on a fresh pipeline.
func TestRestartsDeadPipeline(t *testing.T) {
	b := newBackend(t, Options{Workers: 1})
	p, err := b.pool(context.Background(), []string{"eng-spa"})
	if err != nil {
		t.Fatal(err)
	}
	var killed atomic.Bool
	p.onStart = func(pl *pipeline) {
		if killed.CompareAndSwap(false, true) {
			pl.cmds[len(pl.cmds)/2].Process.Kill()
		}
	}
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es",
		Segments: []translate.Segment{{ID: "1", Text: "The house is <1>red</1>."}, {ID: "2", Text: "Good morning."}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range got {
		if d.Err != nil {
			t.Errorf("draft %s: %v", d.ID, d.Err)
		}
	}
	if !killed.Load() || p.startedCount() != 2 {
		t.Errorf("killed=%v, pipelines started %d; want a kill and a restart", killed.Load(), p.startedCount())
	}
}

func TestCancelledContext(t *testing.T) {
	b := newBackend(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := b.Translate(ctx, translate.Request{From: "en", To: "es", Segments: []translate.Segment{{ID: "1", Text: "Hello."}}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestTermPlaceholder: a glossary term's placeholder (translate.TermTag)
// travels as a name, so the verb after it is not read as a sentence start
// ("<2/> dijo", not "<2/> Dicho"), and comes back once, in place.
func TestTermPlaceholder(t *testing.T) {
	b := newBackend(t, Options{KeepNames: true})
	seg := translate.Segment{ID: "x", Text: "<2/> said the workers will <1>strike</1>.",
		Tags: []inline.Tag{{ID: 1, Name: "em", Paired: true}, {ID: 2, Name: translate.TermTag}}}
	got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es", Segments: []translate.Segment{seg}})
	if err != nil {
		t.Fatal(err)
	}
	if d := got[0]; d.Err != nil || !strings.HasPrefix(d.Text, "<2/> dijo") || strings.Count(d.Text, "<2/>") != 1 {
		t.Errorf("draft %q (%v), want it to open with \"<2/> dijo\"", d.Text, d.Err)
	}
}

// TestTermPlaceholderSpacing: a term placeholder at the start followed by a
// comma does not make the next word a sentence start ("<1/>, El cual"),
// and the blanks Apertium doubles around a term ("El <1/>  el director")
// are tidied as anywhere else.
func TestTermPlaceholderSpacing(t *testing.T) {
	b := newBackend(t, Options{KeepNames: true})
	tags := []inline.Tag{{ID: 1, Name: translate.TermTag}, {ID: 2, Name: translate.TermTag}}
	for _, tt := range []struct{ src, has, lacks string }{
		{"<1/>, which supplies the port's cranes, said the engineers would check every crane.", "<1/>, el cual", "El cual"},
		{"The <1/>'s director said the <2/> of 2025 cost 1,300 hours.", "<2/>", "  "},
	} {
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: "es",
			Segments: []translate.Segment{{ID: "x", Text: tt.src, Tags: tags}}})
		if err != nil {
			t.Fatal(err)
		}
		if d := got[0]; d.Err != nil || !strings.Contains(d.Text, tt.has) || strings.Contains(d.Text, tt.lacks) {
			t.Errorf("draft of %q is %q (%v): want %q in it and no %q", tt.src, d.Text, d.Err, tt.has, tt.lacks)
		}
	}
}
