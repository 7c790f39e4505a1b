// Package segment splits a block's tagged text into sentence segments.
package segment

import "strings"

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
func Split(lang, text string) []Piece {
	// First version: one piece per block. Replaced by the rule-based segmenter.
	t := strings.TrimSpace(text)
	if t == "" {
		return nil
	}
	i := strings.Index(text, t)
	return []Piece{{Lead: text[:i], Text: t, Trail: text[i+len(t):]}}
}
