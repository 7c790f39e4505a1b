package repair_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/repair"
)

type rcase struct {
	name     string
	to       string
	src, tgt string
	want     string   // the repaired draft
	codes    []string // the notes' codes
}

func runRepairs(t *testing.T, cases []rcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := tc.to
			if to == "" {
				to = "es"
			}
			got, notes := repair.Draft("en", to, inline.Escape(tc.src), inline.Escape(tc.tgt))
			if d := cmp.Diff(inline.Escape(tc.want), got); d != "" {
				t.Errorf("%q (-want +got):\n%s", tc.tgt, d)
			}
			var codes []string
			for _, n := range notes {
				codes = append(codes, n.Code)
			}
			if d := cmp.Diff(tc.codes, codes); d != "" {
				t.Errorf("notes %v (-want +got):\n%s", notes, d)
			}
		})
	}
}

func TestInvertedMarks(t *testing.T) {
	runRepairs(t, []rcase{
		{name: "question", src: "What made it so easy for the US to capture Maduro?",
			tgt: "Qué hecho lo tan fácil para los EE.UU. para captar Maduro?", want: "¿Qué hecho lo tan fácil para los EE.UU. para captar Maduro?",
			codes: []string{note.InvertedMarkAdded}},
		{name: "exclamation", src: "The US military even built a replica of his residence in Kentucky!",
			tgt:  "El ejército de EE.UU. incluso construyó una réplica de su residencia en Kentucky!",
			want: "¡El ejército de EE.UU. incluso construyó una réplica de su residencia en Kentucky!", codes: []string{note.InvertedMarkAdded}},
		{name: "question after a dash", src: "Greenland – the 51st state?", tgt: "Groenlandia – el estado 51?",
			want: "Groenlandia – ¿el estado 51?", codes: []string{note.InvertedMarkAdded}},
		{name: "question after a vocative", src: "Luis, are you coming tomorrow?", tgt: "Luis, vienes mañana?",
			want: "Luis, ¿vienes mañana?", codes: []string{note.InvertedMarkAdded}},
		{name: "question with commas inside", src: "Why, after all this, did he stay?", tgt: "Por qué, después de todo esto, se quedó?",
			want: "¿Por qué, después de todo esto, se quedó?", codes: []string{note.InvertedMarkAdded}},
		{name: "question in a quotation", src: "She asked: “Who signed the order?”", tgt: "Preguntó: “Quién firmó la orden?”",
			want: "Preguntó: “¿Quién firmó la orden?”", codes: []string{note.InvertedMarkAdded}},
		{name: "second sentence", src: "Today it is Venezuela. What comes next?", tgt: "Hoy es Venezuela. Qué viene después?",
			want: "Hoy es Venezuela. ¿Qué viene después?", codes: []string{note.InvertedMarkAdded}},
		{name: "capital the engine lost with a dropped pronoun", src: `Their spokesman said: "We will vote no at the next assembly!"`,
			tgt:  `Su portavoz dijo: "votaremos no en la asamblea próxima!"`,
			want: `Su portavoz dijo: "¡Votaremos no en la asamblea próxima!"`, codes: []string{note.InvertedMarkAdded}},
		{name: "capital at the start of the sentence", src: "Did anyone on the council ride the No. 7 bus?",
			tgt: "alguien en el consejo monta el autobús núm. 7?", want: "¿Alguien en el consejo monta el autobús núm. 7?", codes: []string{note.InvertedMarkAdded}},
		{name: "already correct", src: "What does the regime see in Delcy Rodriguez?", tgt: "¿Qué ve el régimen en Delcy Rodríguez?",
			want: "¿Qué ve el régimen en Delcy Rodríguez?"},
		{name: "Portuguese has none", to: "pt-BR", src: "What made it so easy?", tgt: "O que tornou isso tão fácil?",
			want: "O que tornou isso tão fácil?"},
	})
}

func TestDoubledStopsAndGlue(t *testing.T) {
	runRepairs(t, []rcase{
		{name: "doubled stop after EE.UU.", src: "They left over 3,000 dead, including 23 US soldiers.",
			tgt: "Dejaron más de 3.000 muertos, incluidos 23 soldados de EE.UU..", want: "Dejaron más de 3.000 muertos, incluidos 23 soldados de EE.UU.",
			codes: []string{note.DoubledStopRemoved}},
		{name: "EE. UU. with spaces is fine", src: "Rodriguez delivers for the US.", tgt: "Rodríguez cumple para EE. UU.",
			want: "Rodríguez cumple para EE. UU."},
		{name: "ellipsis is fine", src: "We live in a world... governed by force.", tgt: "Vivimos en un mundo... regido por la fuerza.",
			want: "Vivimos en un mundo... regido por la fuerza."},
		{name: "glued negation", src: "Against a non-Western league of autocrats.", tgt: "Contra una liganoOccidental de autócratas.",
			want: "Contra una liga no Occidental de autócratas.", codes: []string{note.GluedWordsSplit}},
		{name: "glued preposition and acronym", src: "Facilitated by long-term CIA operations.", tgt: "Facilitado por operacionesdeCIA de plazo largo.",
			want: "Facilitado por operaciones de CIA de plazo largo.", codes: []string{note.GluedWordsSplit}},
		{name: "glued number", to: "pt-BR", src: "A 4.5-month training programme.", tgt: "Uma formaciónde4.5 meses programa.",
			want: "Uma formación de 4,5 meses programa.", codes: []string{note.GluedWordsSplit, note.NumberFormatChanged}},
		{name: "glued preposition and number", src: "Their spokesman, 24-year-old André Gonçalves, said no.",
			tgt:  "Su portavoz, de24añosAndré Gonçalves, dijo no.",
			want: "Su portavoz, de 24 años André Gonçalves, dijo no.", codes: []string{note.GluedWordsSplit}},
		{name: "names the source has", src: "She bought an iPhone from DeepMind.", tgt: "Compró un iPhone de DeepMind.",
			want: "Compró un iPhone de DeepMind."},
	})
}

func TestNumbers(t *testing.T) {
	runRepairs(t, []rcase{
		{name: "thousands", src: "They left over 3,000 dead.", tgt: "Dejaron encima 3,000 muerto.", want: "Dejaron encima 3.000 muerto.",
			codes: []string{note.NumberFormatChanged}},
		{name: "decimal", to: "pt-BR", src: "Inflation fell to 2.4 percent.", tgt: "A inflação caiu para 2.4 por cento.",
			want: "A inflação caiu para 2,4 por cento.", codes: []string{note.NumberFormatChanged}},
		{name: "both", src: "It cost $12,500.75 in all.", tgt: "Costó $12,500.75 en total.", want: "Costó $12.500,75 en total.",
			codes: []string{note.NumberFormatChanged}},
		{name: "already local", src: "They left over 3,000 dead.", tgt: "Dejaron más de 3.000 muertos.", want: "Dejaron más de 3.000 muertos."},
		{name: "money with a suffix", to: "pt-BR", src: "The firm was paid $2.4m, and €1.25bn in all.", tgt: "A empresa recebeu $2.4m, e €1.25bn ao todo.",
			want: "A empresa recebeu $2,4m, e €1,25bn ao todo.", codes: []string{note.NumberFormatChanged, note.NumberFormatChanged}},
		{name: "version kept", src: "Web 2.0 arrived in 2004.", tgt: "La Web 2.0 llegó en 2004.", want: "La Web 2.0 llegó en 2004."},
		{name: "thousands after a capitalised word", src: "Around 2,800 dock workers walked out.", tgt: "Alrededor 2,800 trabajadores de muelle salieron.",
			want: "Alrededor 2.800 trabajadores de muelle salieron.", codes: []string{note.NumberFormatChanged}},
		{name: "thousands after a label", src: "Imports from Spain: 1,150 MW.", tgt: "Importaciones de España: 1,150 MW.",
			want: "Importaciones de España: 1.150 MW.", codes: []string{note.NumberFormatChanged}},
		{name: "not in the source", src: "The index rose by ten points.", tgt: "El índice subió 10.5 puntos.", want: "El índice subió 10.5 puntos."},
	})
}

func TestQuotes(t *testing.T) {
	runRepairs(t, []rcase{
		{name: "moved by reordering", src: "Trump ordered a “total and complete” blockade of all sanctioned tankers.",
			tgt:  "Trump ordenó un “bloqueo total y” completo de todos los petroleros sancionados.",
			want: "Trump ordenó un bloqueo “total y completo” de todos los petroleros sancionados.", codes: []string{note.QuotesMoved}},
		{name: "other pair in the target", src: "Trump ordered a “total and complete” blockade.",
			tgt: "Trump ordenó un «bloqueo total y» completo.", want: "Trump ordenó un bloqueo «total y completo».", codes: []string{note.QuotesMoved}},
		{name: "right already", src: "Trump ordered a “total and complete” blockade.", tgt: "Trump ordenó un bloqueo «total y completo».",
			want: "Trump ordenó un bloqueo «total y completo»."},
		{name: "ambiguous: no cognates", src: "The so-called “ceasefire” is in place.", tgt: "El así llamado “alto el fuego” sigue vigente.",
			want: "El así llamado “alto el fuego” sigue vigente."},
		{name: "first word unmatched: left alone", to: "pt-BR", src: "They call it “the 51st state” now.", tgt: "Chamam-no agora “o estado” 51.",
			want: "Chamam-no agora “o estado” 51."},
		{name: "cognates anchor in Portuguese", to: "pt-BR", src: "They promised a “rapid and decisive” operation.", tgt: "Prometeram uma “operação rápida e” decisiva.",
			want: "Prometeram uma operação “rápida e decisiva”.", codes: []string{note.QuotesMoved}},
		// Apertium's own drafts (the quotes where they belong, with more
		// words inside): "a" is also a Spanish and Portuguese word.
		{name: "right with added words", src: `Mr. López-Ibáñez called the plan "a tax on visitors dressed up as a gift to residents."`,
			tgt:  `Señor López-Ibáñez llamó el plan "un impuesto en visitantes vistió arriba como regalo a residentes."`,
			want: `Señor López-Ibáñez llamó el plan "un impuesto en visitantes vistió arriba como regalo a residentes."`},
		{name: "right with added words, Portuguese", to: "pt-BR", src: `He called the plan "a tax on visitors dressed up as a gift to residents."`,
			tgt:  `Chamou o plano "um imposto em visitantes vestiu acima como presente a residentes."`,
			want: `Chamou o plano "um imposto em visitantes vestiu acima como presente a residentes."`},
		{name: "a short word does not anchor", src: `She called it “a total failure” on radio.`,
			tgt: `Ella lo llamó “un fracaso” total a la radio.`, want: `Ella lo llamó “un fracaso” total a la radio.`},
	})
}

func TestKeepsTags(t *testing.T) {
	src := "Trump ordered a <1>“total and complete”</1> blockade?"
	tgt := "Trump ordenó un <1>“bloqueo total y”</1> completo?"
	got, _ := repair.Draft("en", "es", src, tgt)
	if err := inline.Check(src, got); err != nil {
		t.Fatalf("%q: %v", got, err)
	}
}
