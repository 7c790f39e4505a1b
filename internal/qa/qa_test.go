package qa_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/qa"
)

// hit is a finding reduced to what a check table states.
type hit struct {
	Code string
	Args map[string]string
}

// tcase is one row of a check table: a real sentence and its translation,
// and what the checks named in codes must find (nothing, for rows that
// must not fire).
type tcase struct {
	name     string
	to       string // target language; "es" when empty
	src, tgt string
	want     []hit
}

// run checks each case with a checker (without speller unless given) and
// compares the findings whose codes are listed.
func run(t *testing.T, codes []string, cases []tcase, opts ...qa.Option) {
	t.Helper()
	c := qa.New(qa.Config{}, opts...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := tc.to
			if to == "" {
				to = "es"
			}
			fs := c.Check(context.Background(), qa.Segment{From: "en", To: to, Source: inline.Escape(tc.src), Target: inline.Escape(tc.tgt)})
			if d := cmp.Diff(tc.want, only(fs, codes)); d != "" {
				t.Errorf("%q → %q (-want +got):\n%s", tc.src, tc.tgt, d)
			}
		})
	}
}

func only(fs []qa.Finding, codes []string) []hit {
	var out []hit
	for _, f := range fs {
		for _, c := range codes {
			if f.Code == c {
				out = append(out, hit{f.Code, f.Args})
			}
		}
	}
	return out
}

func h(code string, kv ...string) hit {
	x := hit{Code: code}
	if len(kv) > 0 {
		x.Args = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			x.Args[kv[i]] = kv[i+1]
		}
	}
	return x
}

func TestNumbers(t *testing.T) {
	codes := []string{qa.CodeNumberMissing, qa.CodeNumberExtra, qa.CodeNumberFormat}
	run(t, codes, []tcase{
		{name: "thousands with a point", src: "They fought in the streets, leaving over 3,000 dead.",
			tgt: "Lucharon en las calles y dejaron más de 3.000 muertos."},
		{name: "thousands with a space", src: "They fought in the streets, leaving over 3,000 dead.",
			tgt: "Lucharon en las calles y dejaron más de 3 000 muertos."},
		{name: "thousands left in English style", src: "They fought in the streets, leaving over 3,000 dead.",
			tgt:  "Lucharon en las calles y dejaron más de 3,000 muertos.",
			want: []hit{h(qa.CodeNumberFormat, "number", "3,000", "want", "3.000")}},
		{name: "decimal comma", src: "Inflation fell to 4.5 percent in March.",
			tgt: "La inflación bajó al 4,5 % en marzo."},
		{name: "decimal point in Portuguese", to: "pt-BR", src: "Inflation fell to 4.5 percent in March.",
			tgt:  "A inflação caiu para 4.5% em março.",
			want: []hit{h(qa.CodeNumberFormat, "number", "4.5", "want", "4,5")}},
		{name: "percent with a space", to: "pt-BR", src: "Share prices soared around 65% in a week.",
			tgt: "As ações subiram cerca de 65 % numa semana."},
		{name: "number changed", src: "The attack killed at least 115 people.",
			tgt:  "El ataque mató al menos a 151 personas.",
			want: []hit{h(qa.CodeNumberMissing, "number", "115"), h(qa.CodeNumberExtra, "number", "151")}},
		{name: "number dropped", to: "pt-BR", src: "There have been 35 attacks on boats.",
			tgt:  "Houve ataques contra barcos.",
			want: []hit{h(qa.CodeNumberMissing, "number", "35")}},
		{name: "digit written as a word", src: "Three days later, 2 ships left the port.",
			tgt: "Tres días después, dos barcos salieron del puerto."},
		{name: "word written as a digit", to: "pt-BR", src: "One fifth of the navy was sent to the Caribbean.",
			tgt: "Um quinto da marinha foi enviado ao Caribe."},
		{name: "century in Roman numerals", src: "The doctrine originated in the 19th century.",
			tgt: "La doctrina nació en el siglo XIX."},
		{name: "decade", src: "The oil was nationalised in the 1980s.",
			tgt: "El petróleo se nacionalizó en los años 80."},
		{name: "billions as thousands of millions", src: "A return of around $100 billion on an investment of $450 million.",
			tgt: "Un retorno de unos 100.000 millones de dólares por una inversión de 450 millones."},
		{name: "billions as mil millones", src: "A return of around $100 billion on an investment of $450 million.",
			tgt: "Un retorno de unos 100 mil millones de dólares por una inversión de 450 millones."},
		{name: "billions as millardos", src: "A return of around $2.5 billion.", tgt: "Un retorno de unos 2500 millones de dólares."},
		{name: "time on the 24-hour clock", src: "A station measured 46.3°C at 4:12 p.m., and demand peaked at 3 p.m.",
			tgt: "Una estación midió 46,3 °C a las 16.12, y la demanda tocó techo a las 15.00."},
		{name: "times with a colon and kept on the 12-hour clock", src: "Avoid going out between 11 a.m. and 5 p.m. The talks ended at 2:30 a.m.",
			tgt: "Eviten salir entre las 11:00 y las 5 de la tarde. Las negociaciones acabaron a las 2:30."},
		{name: "time in Portuguese", to: "pt-BR", src: "Workers return at 6 a.m. on Saturday; the station measured it at 4:12 p.m.",
			tgt: "Os trabalhadores voltam às 6h do sábado; a estação mediu às 16h12."},
		{name: "time changed", src: "A station measured it at 4:12 p.m.", tgt: "Una estación lo midió a las 16.21.",
			want: []hit{h(qa.CodeNumberMissing, "number", "4"), h(qa.CodeNumberMissing, "number", "12"), h(qa.CodeNumberExtra, "number", "16.21")}},
		{name: "billions with decimals as thousands of millions", src: "The EU fined it €2.06 billion, about 4.8% of its $46.2 billion turnover.",
			tgt: "La UE le impuso una multa de 2.060 millones de euros, cerca del 4,8 % de su facturación de 46.200 millones de dólares."},
		{name: "billions with decimals, Portuguese", to: "pt-BR", src: "The EU fined it €2.06 billion.", tgt: "A UE multou-a em 2,06 bilhões de euros."},
		{name: "billions with an English decimal point", src: "The EU fined it €2.06 billion.", tgt: "La UE le impuso una multa de 2.06 mil millones de euros.",
			want: []hit{h(qa.CodeNumberFormat, "number", "2.06", "want", "2,06")}},
		{name: "money changed", to: "pt-BR", src: "An investment of $450 million in the last US elections.",
			tgt:  "Um investimento de 45 milhões de dólares nas últimas eleições dos EUA.",
			want: []hit{h(qa.CodeNumberMissing, "number", "450"), h(qa.CodeNumberExtra, "number", "45")}},
		{name: "date and year", to: "pt-BR", src: "On 14 January 2026, Trump reported on a call.",
			tgt: "Em 14 de janeiro de 2026, Trump relatou uma ligação."},
		{name: "number inside an address is no number", src: "See https://example.org/v2/report-2024 for the 12 charts.",
			tgt: "Vea https://example.org/v2/report-2024 para los 12 gráficos."},
	})
}

func TestTagsLinksEmpty(t *testing.T) {
	c := qa.New(qa.Config{})
	tags := []inline.Tag{{ID: 1, Name: "a", Paired: true}, {ID: 2, Name: "em", Paired: true}}
	for _, tc := range []struct {
		name, src, tgt string
		want           []hit
	}{
		{"tags kept and reordered", "Read <1>the <2>full</2> report</1> today.", "Lea hoy <1>el informe <2>completo</2></1>.", nil},
		{"tag missing", "Read <1>the full report</1> today.", "Lea hoy el informe completo.", []hit{h(qa.CodeTagMissing, "tag", "<a>")}},
		{"tag extra", "Read the report today.", "Lea <2>hoy</2> el informe.", []hit{h(qa.CodeTagExtra, "tag", "<em>")}},
		{"tags crossed", "Read <1>the <2>full</2> report</1>.", "Lea <1>el informe <2>completo</1></2>.", []hit{h(qa.CodeTagMisnested, "tag", "<a>")}},
		{"url kept", "Details at https://www.climatevanguard.org/comet today.", "Detalles en https://www.climatevanguard.org/comet hoy.", nil},
		{"url changed", "Details at https://www.climatevanguard.org/comet today.", "Detalles en https://www.climatevanguard.org/cometa hoy.",
			[]hit{h(qa.CodeURLMissing, "url", "https://www.climatevanguard.org/comet")}},
		{"e-mail changed", "Write to press@example.org for passes.", "Escriba a prensa@example.org para pedir acreditaciones.",
			[]hit{h(qa.CodeEmailMissing, "email", "press@example.org")}},
		{"empty", "The message was meant to intimidate.", "  ", []hit{h(qa.CodeEmptyTarget)}},
		{"empty", "The message was meant to intimidate.", "<1/>", []hit{h(qa.CodeEmptyTarget)}},
		{"image alone, kept", "<1/>", "<1/>", nil},
		{"image alone, lost", "<1/>", "", []hit{h(qa.CodeTagMissing, "tag", "<a>")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := c.Check(context.Background(), qa.Segment{From: "en", To: "es", Source: tc.src, Target: tc.tgt, Tags: tags})
			got := only(fs, []string{qa.CodeTagMissing, qa.CodeTagExtra, qa.CodeTagMisnested, qa.CodeURLMissing, qa.CodeEmailMissing, qa.CodeEmptyTarget})
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestSameLengthSentences(t *testing.T) {
	run(t, []string{qa.CodeSameAsSource, qa.CodeLengthRatio, qa.CodeSentenceCount}, []tcase{
		{name: "copied source", src: "The message was meant to intimidate.", tgt: "The message was meant to intimidate.",
			want: []hit{h(qa.CodeSameAsSource)}},
		{name: "a name as heading", src: "Donald Trump", tgt: "Donald Trump"},
		{name: "summarised", src: "It was the culmination of a campaign of intimidation, threats and violence which began in earnest last August.",
			tgt: "Fue una campaña.", want: []hit{h(qa.CodeLengthRatio, "ratio", "0.15", "min", "0.5", "max", "2")}},
		{name: "normal length", to: "pt-BR", src: "It was the culmination of a campaign of intimidation, threats and violence.",
			tgt: "Foi o ponto culminante de uma campanha de intimidação, ameaças e violência."},
		{name: "sentence dropped", src: "Today it is Venezuela. Tomorrow it is Mexico.", tgt: "Hoy es Venezuela y mañana México.",
			want: []hit{h(qa.CodeSentenceCount, "source", "2", "target", "1")}},
		{name: "abbreviation is no sentence end", src: "Today it is Venezuela. Tomorrow it is the U.S. government.",
			tgt: "Hoy es Venezuela. Mañana es el gobierno de EE. UU."},
		{name: "a quoted passage Portuguese splits", to: "pt-BR", src: `"We asked for 20% and got 12.5%. That is a start, not a victory," said Joan Martí of the union.`,
			tgt: `"Pedimos 20% e conseguimos 12,5%. É um começo, não uma vitória", disse Joan Martí, do sindicato.`},
		{name: "a sentence dropped in Portuguese", to: "pt-BR", src: "Today it is Venezuela. Tomorrow it is Mexico.", tgt: "Hoje é a Venezuela e amanhã o México.",
			want: []hit{h(qa.CodeSentenceCount, "source", "2", "target", "1")}},
	})
}

func TestPunctuationAndSpaces(t *testing.T) {
	run(t, []string{qa.CodeEndPunctuation, qa.CodeLeadingSpace, qa.CodeTrailingSpace, qa.CodeDoubleSpace, qa.CodeSpaceBeforePunct, qa.CodeDoubledPunctuation}, []tcase{
		{name: "question kept", src: "What made it so easy to capture Maduro?", tgt: "¿Qué hizo tan fácil capturar a Maduro?"},
		{name: "question lost", src: "What made it so easy to capture Maduro?", tgt: "Algo hizo tan fácil capturar a Maduro.",
			want: []hit{h(qa.CodeEndPunctuation, "source", "?", "target", ".")}},
		{name: "full stop outside the quote", src: "He called it “one of the most precise attacks.”",
			tgt: "Lo llamó “uno de los ataques más precisos”."},
		{name: "heading without stop", to: "pt-BR", src: "More blood for oil", tgt: "Mais sangue por petróleo"},
		{name: "spaces", src: "Today it is Venezuela.", tgt: " Hoy  es Venezuela .",
			want: []hit{h(qa.CodeLeadingSpace), h(qa.CodeDoubleSpace), h(qa.CodeSpaceBeforePunct, "mark", ".")}},
		{name: "trailing space", to: "pt-BR", src: "Today it is Venezuela.", tgt: "Hoje é a Venezuela. ", want: []hit{h(qa.CodeTrailingSpace)}},
		{name: "doubled stop after an abbreviation", src: "It left 23 US soldiers dead.", tgt: "Dejó 23 soldados de EE.UU. muertos..",
			want: []hit{h(qa.CodeDoubledPunctuation, "mark", "..")}},
		{name: "abbreviation with spaces is fine", src: "It left 23 US soldiers dead.", tgt: "Murieron 23 soldados de EE. UU."},
		{name: "abbreviation then comma is fine", src: "US soldiers, not marines, landed.", tgt: "Soldados de EE. UU., no marines, desembarcaron."},
		{name: "ellipsis is fine", to: "pt-BR", src: "We live in a world... governed by force.", tgt: "Vivemos num mundo... governado pela força."},
		{name: "doubled commas", to: "pt-BR", src: "Cuba, Colombia and Mexico.", tgt: "Cuba,, Colômbia e México.",
			want: []hit{h(qa.CodeDoubledPunctuation, "mark", ",,")}},
	})
}

func TestQuotes(t *testing.T) {
	run(t, []string{qa.CodeQuotesUnpaired, qa.CodeQuoteStyle}, []tcase{
		{name: "Spanish angle quotes", src: "It declared: “This is OUR hemisphere.”", tgt: "Declaró: «Este es NUESTRO hemisferio»."},
		{name: "Spanish curly quotes", src: "It declared: “This is OUR hemisphere.”", tgt: "Declaró: “Este es NUESTRO hemisferio”."},
		{name: "unclosed", src: "Trump ordered a “total and complete” blockade.", tgt: "Trump ordenó un bloqueo “total y completo.",
			want: []hit{h(qa.CodeQuotesUnpaired, "mark", "“")}},
		{name: "straight quotes introduced", src: "Trump ordered a “total and complete” blockade.", tgt: `Trump ordenó un bloqueo "total y completo".`,
			want: []hit{h(qa.CodeQuoteStyle, "found", `" "`, "want", "« »")}},
		{name: "angle quotes in Brazil", to: "pt-BR", src: "It declared: “This is OUR hemisphere.”", tgt: "Declarou: «Este é o NOSSO hemisfério».",
			want: []hit{h(qa.CodeQuoteStyle, "found", "« »", "want", "“ ”")}},
		{name: "apostrophe is no quote", to: "pt-BR", src: "Drink from the spring.", tgt: "Beba da fonte d’água."},
		{name: "single quotes paired", to: "pt-BR", src: "The ‘Donroe Doctrine’ is new.", tgt: "A ‘Doutrina Donroe’ é nova."},
	})
}

func TestInvertedMarks(t *testing.T) {
	run(t, []string{qa.CodeInvertedMark}, []tcase{
		{name: "question with ¿", src: "What does the regime see in Rodriguez?", tgt: "¿Qué ve el régimen en Rodríguez?"},
		{name: "question without ¿", src: "What does the regime see in Rodriguez?", tgt: "Qué ve el régimen en Rodríguez?",
			want: []hit{h(qa.CodeInvertedMark, "mark", "¿")}},
		{name: "question inside a sentence", src: "Luis, are you coming tomorrow?", tgt: "Luis, ¿vienes mañana?"},
		{name: "exclamation without ¡", src: "They even built a replica in Kentucky!", tgt: "Incluso construyeron una réplica en Kentucky!",
			want: []hit{h(qa.CodeInvertedMark, "mark", "¡")}},
		{name: "both marks", src: "What did you say?!", tgt: "¡¿Qué has dicho?!"},
		{name: "Portuguese needs none", to: "pt-BR", src: "What made it so easy?", tgt: "O que tornou isso tão fácil?"},
	})
}

func TestWords(t *testing.T) {
	run(t, []string{qa.CodeRepeatedWord, qa.CodeUntranslated, qa.CodeSpanishInPortuguese, qa.CodeGluedWords}, []tcase{
		{name: "repeated word", src: "The attack was meant to intimidate.", tgt: "El ataque pretendía pretendía intimidar.",
			want: []hit{h(qa.CodeRepeatedWord, "word", "pretendía")}},
		{name: "a name repeated on purpose", src: "Boutros Boutros-Ghali spoke first.", tgt: "Boutros Boutros-Ghali habló primero."},
		{name: "repetition of the source", to: "pt-BR", src: "It was very, very late.", tgt: "Era muito, muito tarde."},
		{name: "English word left", src: "The reactionary juggernaut of Donald Trump dominated 2025.",
			tgt: "El reaccionario juggernaut de Donald Trump dominó 2025.", want: []hit{h(qa.CodeUntranslated, "word", "juggernaut")}},
		{name: "cognate is translated", src: "The total opposition to a normal plan.", tgt: "La oposición total a un plan normal."},
		{name: "Spanish word in Portuguese", to: "pt-BR", src: "The reactionary juggernaut of Donald Trump dominated 2025.",
			tgt: "O reaccionario rolo compressor de Donald Trump dominou 2025.", want: []hit{h(qa.CodeSpanishInPortuguese, "word", "reaccionario")}},
		{name: "Spanish function words", to: "pt-BR", src: "The attack was planned by the government.", tgt: "O ataque fue planejado pelo governo.",
			want: []hit{h(qa.CodeSpanishInPortuguese, "word", "fue")}},
		{name: "correct Portuguese", to: "pt-BR", src: "Solidarity with the Venezuelan people and total opposition to the aggression.",
			tgt: "Solidariedade com o povo venezuelano e oposição total à agressão."},
		{name: "glued words", src: "A league of autocrats and CIA operations.", tgt: "Una liganoOccidental de autócratas y operacionesdeCIA.",
			want: []hit{h(qa.CodeGluedWords, "word", "liganoOccidental"), h(qa.CodeGluedWords, "word", "operacionesdeCIA")}},
		{name: "glued number", src: "A 4.5-month training programme.", tgt: "Una formaciónde4,5 meses.",
			want: []hit{h(qa.CodeGluedWords, "word", "formaciónde4,5")}},
		{name: "names and units are not glued", src: "She bought an iPhone and ran 10km with McDonald.", tgt: "Compró un iPhone y corrió 10km con McDonald."},
	})
}

// TestUntranslatedSkipsLinks: the words of a URL or an e-mail address kept
// from the source are no untranslated words, even to a speller that knows
// none of them (hunspell flagged "https", "competition", "press").
func TestUntranslatedSkipsLinks(t *testing.T) {
	run(t, []string{qa.CodeUntranslated}, []tcase{
		{name: "words of links", src: "The ruling is at https://ec.europa.eu/competition/antitrust/cases/AT40862 and press-comp@ec.europa.eu answers.",
			tgt: "La resolución está en https://ec.europa.eu/competition/antitrust/cases/AT40862 y press-comp@ec.europa.eu responde."},
		{name: "a leftover beside a link", src: "The unpaid fine is at https://example.com/fines today.",
			tgt: "La multa unpaid está en https://example.com/fines hoy.", want: []hit{h(qa.CodeUntranslated, "word", "unpaid")}},
	}, qa.WithSpeller(everyWordMisspelt{}))
}

// glossary is a tiny GlossaryChecker for the test: a preferred or
// do-not-translate term's target must appear, a forbidden one must not.
type glossary struct{}

func (glossary) CheckTerms(source, target string, terms []qa.Term) []qa.TermFinding {
	var out []qa.TermFinding
	has := func(text, term string) bool {
		return slices.Contains(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }), strings.ToLower(term))
	}
	for _, term := range terms {
		if !strings.Contains(strings.ToLower(source), strings.ToLower(term.Source)) {
			continue
		}
		switch term.Kind {
		case qa.TermPreferred:
			if !has(target, term.Target) {
				out = append(out, qa.TermFinding{Code: qa.CodeTermMissing, Term: term})
			}
		case qa.TermForbidden:
			if has(target, term.Target) {
				out = append(out, qa.TermFinding{Code: qa.CodeTermForbidden, Term: term})
			}
		case qa.TermDoNotTranslate:
			if !strings.Contains(target, term.Source) {
				out = append(out, qa.TermFinding{Code: qa.CodeTermChanged, Term: term})
			}
		}
	}
	return out
}

func TestGlossary(t *testing.T) {
	terms := []qa.Term{
		{Source: "oil", Target: "petróleo", Kind: qa.TermPreferred},
		{Source: "oil", Target: "óleo", Kind: qa.TermForbidden},
		{Source: "Climate Vanguard", Kind: qa.TermDoNotTranslate},
	}
	c := qa.New(qa.Config{}, qa.WithGlossary(glossary{}))
	codes := []string{qa.CodeTermMissing, qa.CodeTermForbidden, qa.CodeTermChanged}
	for _, tc := range []struct {
		name, src, tgt string
		want           []hit
	}{
		{"preferred term used", "Venezuela's oil has great importance.", "El petróleo de Venezuela tiene gran importancia.", nil},
		{"forbidden term used", "Venezuela's oil has great importance.", "El óleo de Venezuela tiene importancia suma.",
			[]hit{h(qa.CodeTermMissing, "term", "oil", "target", "petróleo"), h(qa.CodeTermForbidden, "term", "oil", "target", "óleo")}},
		{"do not translate kept", "It is run by Climate Vanguard.", "Lo dirige Climate Vanguard.", nil},
		{"do not translate changed", "It is run by Climate Vanguard.", "Lo dirige Vanguardia Climática.",
			[]hit{h(qa.CodeTermChanged, "term", "Climate Vanguard", "target", "")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := c.Check(context.Background(), qa.Segment{From: "en", To: "es", Source: tc.src, Target: tc.tgt, Terms: terms})
			got := only(fs, codes)
			sort.SliceStable(got, func(i, j int) bool { return got[i].Code > got[j].Code })
			want := tc.want
			sort.SliceStable(want, func(i, j int) bool { return want[i].Code > want[j].Code })
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestCorrectTranslationsAreClean runs every check (no speller) on correct
// human translations: none may fire.
func TestCorrectTranslationsAreClean(t *testing.T) {
	c := qa.New(qa.Config{})
	for _, tc := range []struct{ to, src, tgt string }{
		{"es", "2026 has begun with US imperialism on the offensive.", "2026 ha comenzado con el imperialismo estadounidense a la ofensiva."},
		{"es", "What made it so easy for the US to capture Maduro?", "¿Qué hizo que a EE. UU. le resultara tan fácil capturar a Maduro?"},
		{"es", "They had to fight on the streets of the capital, leaving over 3,000 dead, including 23 US soldiers.",
			"Tuvieron que luchar en las calles de la capital y dejaron más de 3.000 muertos, entre ellos 23 soldados de EE. UU."},
		{"es", "Trump’s war on Venezuela also opens up a new chapter for Latin America.",
			"La guerra de Trump contra Venezuela también abre un nuevo capítulo para América Latina."},
		{"es", "Trump ordered a “total and complete” blockade of all sanctioned tankers.",
			"Trump ordenó un bloqueo «total y completo» de todos los petroleros sancionados."},
		{"pt-BR", "The reactionary juggernaut of Donald Trump dominated 2025, shaking world relations to the core.",
			"O rolo compressor reacionário de Donald Trump dominou 2025, abalando as relações mundiais até o âmago."},
		{"pt-BR", "What made it so easy for the US to capture Maduro?", "O que tornou tão fácil para os EUA capturar Maduro?"},
		{"pt-BR", "A 4.5-month training programme for youth organisers in Britain.",
			"Um programa de formação de 4,5 meses para organizadores jovens na Grã-Bretanha."},
		{"pt-BR", "His words echo a long tradition — from Bolívar, to Mexico’s Benito Juárez.",
			"Suas palavras ecoam uma longa tradição — de Bolívar ao mexicano Benito Juárez."},
	} {
		fs := c.Check(context.Background(), qa.Segment{From: "en", To: tc.to, Source: inline.Escape(tc.src), Target: inline.Escape(tc.tgt)})
		if len(fs) > 0 {
			t.Errorf("%q → %q: %+v", tc.src, tc.tgt, fs)
		}
	}
}

func TestConfig(t *testing.T) {
	cfg := qa.Config{
		Severity: map[string]qa.Severity{qa.CodeSpelling: qa.Off, qa.CodeLengthRatio: qa.Error},
		Pairs: map[string]qa.PairConfig{
			"en-pt":    {Severity: map[string]qa.Severity{qa.CodeSpanishInPortuguese: qa.Error}},
			"en-pt-BR": {LengthRatio: []float64{0.8, 1.5}},
		},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		to, code string
		want     qa.Severity
	}{
		{"es", qa.CodeSpelling, qa.Off},
		{"es", qa.CodeLengthRatio, qa.Error},
		{"es", qa.CodeSpanishInPortuguese, qa.Warning},
		{"pt-BR", qa.CodeSpanishInPortuguese, qa.Error},
		{"pt-PT", qa.CodeSpanishInPortuguese, qa.Error},
		{"es", qa.CodeNumberMissing, qa.Error},
	} {
		if got := cfg.SeverityOf("en", tc.to, tc.code); got != tc.want {
			t.Errorf("en→%s %s = %q, want %q", tc.to, tc.code, got, tc.want)
		}
	}
	c := qa.New(cfg)
	fs := c.Check(context.Background(), qa.Segment{From: "en", To: "pt-BR",
		Source: "It was the culmination of a long campaign.", Target: "Foi o ponto culminante de uma longa e duradoura campanha de intimidação."})
	if got := only(fs, []string{qa.CodeLengthRatio}); len(got) != 1 || fs[0].Severity != qa.Error {
		t.Errorf("pair ratio [0.8, 1.5] with length_ratio=error: %+v", fs)
	}
	for _, bad := range []qa.Config{
		{Severity: map[string]qa.Severity{"nonsense": qa.Error}},
		{Severity: map[string]qa.Severity{qa.CodeSpelling: "fatal"}},
		{LengthRatio: []float64{2, 1}},
		{Pairs: map[string]qa.PairConfig{"enes": {}}},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestCodeIsNotWords: the content of code spans and code blocks, which no
// backend translates, is not checked as words of the target language, and
// a code block is no "same as source".
func TestCodeIsNotWords(t *testing.T) {
	c := qa.New(qa.Config{}, qa.WithSpeller(everyWordMisspelt{}))
	code := []inline.Tag{{ID: 1, Name: "code", Paired: true}}
	pre := []inline.Tag{{ID: 1, Name: "pre", Paired: true}}
	codes := []string{qa.CodeUntranslated, qa.CodeSameAsSource}
	for _, tc := range []struct {
		name, src, tgt string
		tags           []inline.Tag
		want           []hit
	}{
		{"code span", "To reproduce the forecast, run <1>make forecast</1> today.", "Para reproducir la previsión, ejecute <1>make forecast</1> hoy.", code, nil},
		{"code block", "<1>python forecast.py --county all</1>", "<1>python forecast.py --county all</1>", pre, nil},
		{"words outside code are still checked", "The unpaid fine, <1>make forecast</1>.", "La multa unpaid, <1>make forecast</1>.", code,
			[]hit{h(qa.CodeUntranslated, "word", "unpaid")}},
	} {
		fs := c.Check(context.Background(), qa.Segment{From: "en", To: "es", Source: tc.src, Target: tc.tgt, Tags: tc.tags})
		if d := cmp.Diff(tc.want, only(fs, codes)); d != "" {
			t.Errorf("%s: %q → %q (-want +got):\n%s", tc.name, tc.src, tc.tgt, d)
		}
		for _, f := range only(fs, []string{qa.CodeSpelling}) {
			if w := f.Args["word"]; strings.Contains("make forecast python county all", w) {
				t.Errorf("%s: spelling finding for %q, a word of code", tc.name, w)
			}
		}
	}
}
