package httpmt

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Placeholders (<1>, </1>, <2/>) are not XML names, so engines that parse
// markup get them renamed: <g1>…</g1> for paired codes and <x2/> for
// standalone ones (the XLIFF inline-code letters). Tagged text is already
// escaped (&lt; &gt; &amp;), so the result is well-formed XML and HTML.

var placeholderRE = regexp.MustCompile(`<(/?)(\d+)(/?)>`)

// ToMarkup renames the placeholders of tagged text to XML/HTML elements and
// wraps each protected term in <keep>…</keep> (sent with ignore_tags/notranslate).
func ToMarkup(tagged string, keep []string) string {
	s := placeholderRE.ReplaceAllStringFunc(tagged, func(m string) string {
		p := placeholderRE.FindStringSubmatch(m)
		switch {
		case p[3] == "/":
			return "<x" + p[2] + "/>"
		case p[1] == "/":
			return "</g" + p[2] + ">"
		default:
			return "<g" + p[2] + ">"
		}
	})
	for _, k := range keep {
		if k = inline.Escape(k); k != "" {
			s = strings.ReplaceAll(s, k, `<keep translate="no" class="notranslate">`+k+`</keep>`)
		}
	}
	return s
}

var markupRE = regexp.MustCompile(`<x(\d+)></x\d+>|<(/?)(g|x)(\d+)\s*(/?)>|</?keep[^>]*>`)

// FromMarkup reverses ToMarkup on an engine's output: elements back to
// placeholders, <keep> wrappers removed, and HTML character references that
// engines like to emit (&#39;, &quot;, &nbsp;) turned into text. Any other
// '<' is an error: the engine invented markup.
func FromMarkup(s string) (string, error) {
	s = markupRE.ReplaceAllStringFunc(s, func(m string) string {
		p := markupRE.FindStringSubmatch(m)
		switch {
		case p[1] != "": // <x2></x2>, how HTML serialisers write <x2/>
			return "<" + p[1] + "/>"
		case p[3] == "":
			return "" // keep
		case p[3] == "x":
			return "<" + p[4] + "/>"
		case p[2] == "/":
			return "</" + p[4] + ">"
		default:
			return "<" + p[4] + ">"
		}
	})
	s = entities.Replace(s)
	if _, err := inline.Parse(s); err != nil {
		return "", fmt.Errorf("engine returned markup that is not ours: %w", err)
	}
	return s, nil
}

var entities = strings.NewReplacer("&#39;", "'", "&#x27;", "'", "&quot;", `"`, "&#34;", `"`, "&nbsp;", "\u00a0", "&apos;", "'")

// KeepTerms returns the glossary's do-not-translate terms, which ToMarkup
// wraps so that engines leave them alone.
func KeepTerms(glossary []translate.Term) []string {
	var keep []string
	for _, g := range glossary {
		if g.DoNotTranslate && g.Source != "" {
			keep = append(keep, g.Source)
		}
	}
	return keep
}

// BilledChars is what paid APIs bill for a segment: its characters with the
// tags left out (markup is free with Google and DeepL).
func BilledChars(s translate.Segment) int {
	return utf8.RuneCountInString(inline.Plain(s.Text))
}
