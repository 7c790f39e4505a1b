package repair

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

// invertedMarks adds the opening ¿ and ¡ a Spanish draft lacks. Where the
// question starts is read from the source sentence: at the start of the
// sentence ("What made it so easy…?" → "¿Qué hizo…?"), or after a colon,
// a dash or an opening quotation mark ("Greenland – the 51st state?" →
// "Groenlandia – ¿el estado 51?"), or after a comma when the source's
// question starts there with a question word or an auxiliary ("Luis, are
// you coming?" → "Luis, ¿vienes?"). Without a matching place in the
// draft nothing is added.
func invertedMarks(from, to, source, target string) (string, []note.Note) {
	if !strings.ContainsAny(target, "?!") {
		return target, nil
	}
	srcPieces := segment.Split(from, source)
	tgtPieces := segment.Split(to, target)
	var notes []note.Note
	var b strings.Builder
	for i, p := range tgtPieces {
		text := p.Text
		var sp string
		if len(srcPieces) == len(tgtPieces) {
			sp = srcPieces[i].Text
		} else if len(srcPieces) == 1 {
			sp = srcPieces[0].Text
		}
		for _, m := range []struct{ close, open string }{{"?", "¿"}, {"!", "¡"}} {
			if !strings.Contains(text, m.close) || strings.Count(text, m.open) >= strings.Count(text, m.close) {
				continue
			}
			if sp == "" || !strings.Contains(sp, m.close) {
				continue
			}
			at, capital := openingPlace(sp, text, m.close)
			if at < 0 {
				continue
			}
			rest := text[at:]
			// A sentence the source opens with a capital opens with one
			// in Spanish too: Apertium drops a subject pronoun and its
			// capital ("We will vote no!" → "¡votaremos no!").
			if r, n := utf8.DecodeRuneInString(rest); capital && unicode.IsLower(r) {
				rest = string(unicode.ToUpper(r)) + rest[n:]
			}
			text = text[:at] + m.open + rest
			notes = append(notes, note.New(note.InvertedMarkAdded, "mark", m.open))
		}
		b.WriteString(p.Lead + text + p.Trail)
	}
	if len(notes) == 0 {
		return target, nil
	}
	return b.String(), notes
}

// openingPlace returns where in the target sentence the question or
// exclamation closed by mark starts, or -1, and whether the source's
// starts with a capital letter.
func openingPlace(src, tgt, mark string) (int, bool) {
	end := strings.Index(tgt, mark)
	sEnd := strings.Index(src, mark)
	if end < 0 || sEnd < 0 {
		return -1, false
	}
	at := openingPlaceAt(src, tgt, end, sEnd)
	if at.tgt < 0 {
		return -1, false
	}
	return at.tgt, startsUpper(src[at.src:])
}

// places are the starts of a question in the source and the target.
type places struct{ src, tgt int }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func openingPlaceAt(src, tgt string, end, sEnd int) places {
	sHead := src[:sEnd]
	delim := ""
	// A quotation opened and not closed before the mark: the question is
	// the quotation's.
	for _, q := range [][2]string{{"“", "”"}, {"«", "»"}, {"‘", "’"}} {
		if k := strings.LastIndex(sHead, q[0]); k >= 0 && !strings.Contains(sHead[k:], q[1]) && strings.TrimSpace(sHead[:k]) != "" {
			delim = "quote"
		}
	}
	if delim == "" {
		for _, d := range []string{": ", " – ", " — "} {
			if strings.Contains(sHead, d) {
				delim = d
			}
		}
	}
	if delim == "" {
		if k := strings.LastIndex(sHead, ", "); k >= 0 && startsQuestion(sHead[k+2:]) && !startsQuestion(sHead) {
			delim = ", "
		}
	}
	head := tgt[:end]
	none := places{-1, -1}
	switch delim {
	case "":
		return places{afterOpeners(src, 0), afterOpeners(tgt, 0)}
	case "quote":
		k := strings.LastIndexAny(head, "“«‘")
		if k < 0 {
			return none
		}
		_, n := utf8.DecodeRuneInString(head[k:])
		sk := strings.LastIndexAny(sHead, "“«‘")
		_, sn := utf8.DecodeRuneInString(sHead[sk:])
		return places{afterOpeners(src, sk+sn), afterOpeners(tgt, k+n)}
	default:
		sAt := afterOpeners(src, strings.LastIndex(sHead, delim)+len(delim))
		k := strings.LastIndex(head, delim)
		if k < 0 {
			if delim == " – " || delim == " — " {
				for _, d := range []string{" – ", " — "} {
					if k = strings.LastIndex(head, d); k >= 0 {
						delim = d
						break
					}
				}
			}
			if k < 0 {
				return none
			}
		}
		return places{sAt, afterOpeners(tgt, k+len(delim))}
	}
}

// afterOpeners skips white space, opening quotes, dashes and placeholders
// from i.
func afterOpeners(s string, i int) int {
	for i < len(s) {
		if s[i] == '<' {
			if n := placeholderLen(s[i:]); n > 0 && !strings.HasPrefix(s[i:], "</") {
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || strings.ContainsRune("“«‘\"'(—–-", r) {
			i += n
			continue
		}
		break
	}
	return i
}

// questionStarts are English words that open a question.
var questionStarts = map[string]bool{"what": true, "why": true, "how": true, "who": true, "whom": true, "whose": true,
	"where": true, "when": true, "which": true, "is": true, "are": true, "was": true, "were": true, "do": true,
	"does": true, "did": true, "can": true, "could": true, "will": true, "would": true, "should": true, "shall": true,
	"may": true, "might": true, "must": true, "have": true, "has": true, "had": true, "isn't": true, "aren't": true,
	"don't": true, "doesn't": true, "didn't": true, "won't": true, "can't": true}

func startsQuestion(s string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	w := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	return len(w) > 0 && questionStarts[strings.ToLower(w[0])]
}
