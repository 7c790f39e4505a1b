package repair_test

import (
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/repair"
)

// TestCorrectDraftsUnchanged: correct human translations (written for this
// test) go through every repair untouched and without notes.
func TestCorrectDraftsUnchanged(t *testing.T) {
	for _, tc := range []struct{ to, src, tgt string }{
		{"es", "What made it so easy for the US to capture Maduro?", "¿Qué hizo que a EE. UU. le resultara tan fácil capturar a Maduro?"},
		{"es", "It cannot be disputed that this was an effective operation!", "¡Nadie puede negar que fue una operación eficaz!"},
		{"es", "Greenland – the 51st state?", "Groenlandia: ¿el estado número 51?"},
		{"es", "They had to fight on the streets of the capital, leaving over 3,000 dead, including 23 US soldiers.",
			"Tuvieron que luchar en las calles de la capital y dejaron más de 3.000 muertos, entre ellos 23 soldados de EE. UU."},
		{"es", "And so far, Rodriguez appears to be delivering for Trump and US imperialism.",
			"Y, hasta ahora, Rodríguez parece estar cumpliendo para Trump y el imperialismo de EE.UU."},
		{"es", "Trump ordered a “total and complete” blockade of all sanctioned tankers.",
			"Trump ordenó un bloqueo «total y completo» de todos los petroleros sancionados."},
		{"es", "Against a non-Western league of autocrats, facilitated by long-term CIA operations.",
			"Contra una liga no occidental de autócratas, facilitada por operaciones de la CIA a largo plazo."},
		{"es", "A 4.5-month training programme for youth organisers in Britain.",
			"Un programa de formación de 4,5 meses para organizadores jóvenes en Gran Bretaña."},
		{"es", "Trump’s war on Venezuela also opens up a new chapter for Latin America.",
			"La guerra de Trump contra Venezuela también abre un nuevo capítulo para América Latina."},
		{"es", "The share prices of US oil majors soared around 10% following Maduro’s kidnapping.",
			"Las acciones de las grandes petroleras de EE. UU. subieron cerca de un 10 % tras el secuestro de Maduro."},
		{"es", "We live in a world, in the real world … that is governed by strength.", "Vivimos en un mundo, en el mundo real… que se rige por la fuerza."},
		{"es", "Luis, are you coming tomorrow?", "Luis, ¿vienes mañana?"},
		{"es", "He called the plan “a tax on visitors dressed up as a gift to residents.”",
			"Calificó el plan de «un impuesto a los visitantes disfrazado de regalo a los residentes»."},
		{"es", "Web 2.0 arrived in 2004.", "La Web 2.0 llegó en 2004."},
		{"pt-BR", "What made it so easy for the US to capture Maduro?", "O que tornou tão fácil para os EUA capturar Maduro?"},
		{"pt-BR", "The reactionary juggernaut of Donald Trump dominated 2025, shaking world relations to the core.",
			"O rolo compressor reacionário de Donald Trump dominou 2025, abalando as relações mundiais até o âmago."},
		{"pt-BR", "His words echo a long tradition — from Bolívar, to Mexico’s Benito Juárez, to Cuba’s José Martí.",
			"Suas palavras ecoam uma longa tradição — de Bolívar ao mexicano Benito Juárez e ao cubano José Martí."},
		{"pt-BR", "The share prices of US oil majors soared around 10%, a return of around $100 billion on $450 million.",
			"As ações das grandes petroleiras dos EUA subiram cerca de 10%, um retorno de uns US$ 100 bilhões sobre US$ 450 milhões."},
		{"pt-BR", "It declared: “This is OUR hemisphere.”", "Declarou: “Este é o NOSSO hemisfério”."},
		{"pt-BR", "Inflation fell to 2.4 percent in March.", "A inflação caiu para 2,4 por cento em março."},
		{"es", "Read <1>the full report</1> at https://example.org/report-2.5 today.", "Lea hoy <1>el informe completo</1> en https://example.org/report-2.5."},
	} {
		src, tgt := inline.Escape(tc.src), inline.Escape(tc.tgt)
		if tc.src[0] == 'R' {
			src, tgt = tc.src, tc.tgt // already tagged
		}
		got, notes := repair.Draft("en", tc.to, src, tgt)
		if got != tgt || len(notes) > 0 {
			t.Errorf("%s %q\n changed to %q\n notes %v", tc.to, tgt, got, notes)
		}
	}
}
