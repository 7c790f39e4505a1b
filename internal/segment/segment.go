// Package segment splits a block's tagged text into sentence segments.
//
// The segmenter is rule-based and data-driven in the spirit of SRX: a single
// linear scan finds candidate boundaries (terminal punctuation followed by
// white space), and per-language tables (abbreviations by behaviour, words
// that start sentences) decide whether each candidate breaks. Quotations,
// brackets and paired inline placeholders are protected spans: a sentence
// never ends inside them, so a link or a quotation is never torn in half.
package segment

// Piece is one sentence of a block. Lead and Trail hold the white space
// around the sentence, so that joining Lead+Text+Trail over all pieces of a
// block gives back the block's text exactly. Text never starts or ends with
// white space and never splits a paired inline placeholder.
type Piece struct {
	Lead  string `json:"lead,omitempty"`
	Text  string `json:"text"`
	Trail string `json:"trail,omitempty"`
}

// Split splits tagged text (see package inline) into sentences by the rules of
// lang ("en", "es", "pt", or a tag such as "pt-BR"; others fall back to "en").
//
// Split runs in time linear in len(text) and never fails: malformed tagged
// text is segmented as plain text. Text that is empty or only white space
// yields no pieces.
func Split(lang, text string) []Piece {
	if isBlank(text) {
		return nil
	}
	s := scanner{rules: rulesFor(lang), text: text}
	return assemble(text, s.run())
}

// Join returns the concatenation of Lead+Text+Trail over pieces: the inverse
// of Split.
func Join(pieces []Piece) string {
	n := 0
	for _, p := range pieces {
		n += len(p.Lead) + len(p.Text) + len(p.Trail)
	}
	b := make([]byte, 0, n)
	for _, p := range pieces {
		b = append(b, p.Lead...)
		b = append(b, p.Text...)
		b = append(b, p.Trail...)
	}
	return string(b)
}
