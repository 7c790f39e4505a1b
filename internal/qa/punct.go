package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteStyles are the quotation marks each target language uses (opening
// marks; each has its closing pair). Spanish prefers « » and uses “ ” and
// ‘ ’ inside them; Brazilian Portuguese uses “ ”, European Portuguese « ».
var quoteStyles = map[string]string{
	"es":    "«“‘",
	"pt":    "“‘«",
	"pt-br": "“‘",
	"pt-pt": "«“‘",
	"en":    "“‘",
}

var closing = map[rune]rune{'“': '”', '‘': '’', '«': '»', '„': '“'}

// checkQuotes wants every quotation mark of the target paired, and the
// target's marks to be ones its language uses. Straight double quotes are
// accepted only when the source writes them too.
func checkQuotes(t *text, emit func(string, ...string)) {
	tgt := t.tgt
	// Pairing: “ ”, « », and ‘ ’ where ’ is not an apostrophe.
	for _, p := range []struct{ open, close rune }{{'“', '”'}, {'«', '»'}} {
		o, c := strings.Count(tgt, string(p.open)), strings.Count(tgt, string(p.close))
		if o != c {
			mark := string(p.open)
			if c > o {
				mark = string(p.close)
			}
			emit(CodeQuotesUnpaired, "mark", mark)
		}
	}
	if n := singleQuoteBalance(tgt); n > 0 {
		emit(CodeQuotesUnpaired, "mark", "‘")
	}
	if strings.Count(tgt, `"`)%2 == 1 {
		emit(CodeQuotesUnpaired, "mark", `"`)
	}
	// Style.
	key := t.toL
	if t.toRegion != "" {
		if _, ok := quoteStyles[t.toL+"-"+t.toRegion]; ok {
			key = t.toL + "-" + t.toRegion
		}
	}
	allowed, ok := quoteStyles[key]
	if !ok {
		return
	}
	want := string([]rune(allowed)[0]) + " " + string(closing[[]rune(allowed)[0]])
	for _, open := range []rune{'“', '«', '„'} {
		if strings.ContainsRune(tgt, open) && !strings.ContainsRune(allowed, open) {
			emit(CodeQuoteStyle, "found", string(open)+" "+string(closing[open]), "want", want)
		}
	}
	if strings.Contains(tgt, `"`) && !strings.Contains(t.src, `"`) {
		emit(CodeQuoteStyle, "found", `" "`, "want", want)
	}
}

// singleQuoteBalance returns how many ‘ are left open: a ’ closes one only
// when it is not an apostrophe inside a word ("d’água").
func singleQuoteBalance(s string) int {
	open := 0
	for i, r := range s {
		switch r {
		case '‘':
			open++
		case '’':
			next, _ := utf8.DecodeRuneInString(s[i+len("’"):])
			if open > 0 && !unicode.IsLetter(next) {
				open--
			}
		}
	}
	return open
}

// checkInverted wants, in Spanish, an opening ¿ or ¡ for every question or
// exclamation ("¿Qué hizo?", "Luis, ¿vienes?"). A ? or ! closes an earlier
// open mark of its kind.
func checkInverted(t *text, emit func(string, ...string)) {
	if t.toL != "es" {
		return
	}
	q, x := 0, 0
	missingQ, missingX := false, false
	for _, r := range t.tgt {
		switch r {
		case '¿':
			q++
		case '¡':
			x++
		case '?':
			if q > 0 {
				q--
			} else {
				missingQ = true
			}
		case '!':
			if x > 0 {
				x--
			} else if !interrobang(t.tgt) {
				missingX = true
			}
		}
	}
	if missingQ {
		emit(CodeInvertedMark, "mark", "¿")
	}
	if missingX {
		emit(CodeInvertedMark, "mark", "¡")
	}
}

// interrobang: "¿Cómo dices?!" is written with one opening mark in
// practice; only "¡¿…?!" is stricter. Accept a "?!" closing a ¿ question.
func interrobang(s string) bool { return strings.Contains(s, "?!") && strings.Contains(s, "¿") }

// checkDoubledPunctuation flags runs like "EE.UU..", ",," or ".,", except an
// ellipsis ("...") and what the source itself writes ("?!").
func checkDoubledPunctuation(t *text, emit func(string, ...string)) {
	s := t.tgtNoLinks
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && strings.IndexByte(".,;:!?", s[j]) >= 0 {
			j++
		}
		if j-i < 2 {
			i = max(j, i+1)
			continue
		}
		run := s[i:j]
		i = j
		if strings.Trim(run, ".") == "" && len(run) == 3 {
			continue // an ellipsis
		}
		if strings.Contains(t.src, run) || okCluster(run) {
			continue
		}
		emit(CodeDoubledPunctuation, "mark", run)
	}
}

// okCluster: question and exclamation marks together, or an abbreviation's
// period followed by a question mark ("¿Viven en EE. UU.?").
func okCluster(run string) bool {
	if strings.Trim(run, "?!") == "" && len(run) <= 3 {
		return true
	}
	return len(run) == 2 && run[0] == '.' && (run[1] == '?' || run[1] == '!' || run[1] == ',' || run[1] == ':' || run[1] == ';')
}
