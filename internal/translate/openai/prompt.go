package openai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// languageNames names the languages pressroom targets, so that the prompt
// says "Brazilian Portuguese" rather than a code the model may misread.
var languageNames = map[string]string{
	"en": "English", "es": "Spanish", "pt": "Brazilian Portuguese", "pt-br": "Brazilian Portuguese",
	"pt-pt": "European Portuguese", "fr": "French", "de": "German", "it": "Italian", "ca": "Catalan",
	"gl": "Galician",
}

func languageName(tag string) string {
	if n, ok := languageNames[strings.ToLower(tag)]; ok {
		return n + " (" + tag + ")"
	}
	return tag
}

// systemPrompt carries the rules every answer is checked against (ids,
// tags) and the glossary.
func systemPrompt(from, to string, glossary []translate.Term) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You are a professional news translator. Translate each segment from %s to %s.\n", languageName(from), languageName(to))
	b.WriteString(`Rules:
1. Answer with JSON only: {"translations": [{"id": "...", "text": "..."}]}, exactly one entry per input segment, with the same ids in the same order. Each segment is one sentence or heading: never merge, split or skip segments.
2. Segments contain inline tags: paired tags like <1>...</1> and standalone tags like <2/>. Keep every tag exactly as written and exactly once; keep a paired tag around the words that translate the words it enclosed; never add, drop, rename or translate tags.
3. Translate only the text. Keep numbers, URLs, e-mail addresses and code unchanged. Write natural, publication-ready text.
`)
	var use, keep []string
	for _, t := range glossary {
		switch {
		case t.DoNotTranslate:
			keep = append(keep, t.Source)
		case t.Source != "" && t.Target != "":
			use = append(use, fmt.Sprintf("%q → %q", t.Source, t.Target))
		}
	}
	if len(use) > 0 {
		b.WriteString("4. Glossary, use these translations: " + strings.Join(use, "; ") + ".\n")
	}
	if len(keep) > 0 {
		q := make([]string, len(keep))
		for i, k := range keep {
			q[i] = fmt.Sprintf("%q", k)
		}
		b.WriteString("5. Leave these names and terms exactly as they are: " + strings.Join(q, ", ") + ".\n")
	}
	return b.String()
}

type wireSegment struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// userMessage is the batch as JSON, numbered from "1": short ids cost fewer
// tokens than the caller's and cannot collide.
func userMessage(from, to string, segs []translate.Segment) (string, error) {
	in := struct {
		Source   string        `json:"source_language"`
		Target   string        `json:"target_language"`
		Segments []wireSegment `json:"segments"`
	}{Source: from, Target: to}
	for i, s := range segs {
		in.Segments = append(in.Segments, wireSegment{ID: fmt.Sprint(i + 1), Text: toModel(s.Text)})
	}
	// Without HTML escaping: "<1>" reads better, and costs fewer tokens,
	// than "\u003c1\u003e".
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(in); err != nil {
		return "", err
	}
	return strings.TrimSpace(buf.String()), nil
}

var placeholderRE = regexp.MustCompile(`</?\d+/?>`)

// toModel writes tagged text as a model expects to read it: placeholders as
// they are, text unescaped ("R&D", not "R&amp;D"), except where unescaped
// text would itself look like a placeholder.
func toModel(tagged string) string {
	toks, err := inline.Parse(tagged)
	if err != nil {
		return tagged
	}
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == inline.TextToken {
			if placeholderRE.MatchString(t.Text) {
				b.WriteString(inline.Escape(t.Text))
			} else {
				b.WriteString(t.Text)
			}
			continue
		}
		b.WriteString(inline.Format([]inline.Token{t}))
	}
	return b.String()
}

// fromModel reverses toModel: placeholders stay, everything between them is
// text (HTML entities the model chose to write are decoded first).
func fromModel(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range placeholderRE.FindAllStringIndex(s, -1) {
		b.WriteString(inline.Escape(html.UnescapeString(s[last:m[0]])))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(inline.Escape(html.UnescapeString(s[last:])))
	return b.String()
}

// responseSchema is the structured-output schema: strict mode needs every
// property required and no additional properties.
func responseSchema() map[string]any {
	return map[string]any{
		"type": "object",
		"properties": map[string]any{
			"translations": map[string]any{
				"type": "array",
				"items": map[string]any{
					"type": "object",
					"properties": map[string]any{
						"id":   map[string]any{"type": "string"},
						"text": map[string]any{"type": "string"},
					},
					"required":             []string{"id", "text"},
					"additionalProperties": false,
				},
			},
		},
		"required":             []string{"translations"},
		"additionalProperties": false,
	}
}

// parseContent reads the model's answer: the schema's object, or, from
// servers without structured output, the same JSON wrapped in a Markdown
// fence or prose, or a bare array of {id, text}.
func parseContent(content string) ([]wireSegment, error) {
	s := strings.TrimSpace(content)
	if i := strings.Index(s, "```"); i >= 0 {
		s = s[i+3:]
		s = strings.TrimPrefix(s, "json")
		if j := strings.Index(s, "```"); j >= 0 {
			s = s[:j]
		}
		s = strings.TrimSpace(s)
	}
	var obj struct {
		Translations []wireSegment `json:"translations"`
	}
	if err := json.Unmarshal([]byte(s), &obj); err == nil && obj.Translations != nil {
		return obj.Translations, nil
	}
	var arr []wireSegment
	if err := json.Unmarshal([]byte(s), &arr); err == nil {
		return arr, nil
	}
	if i, j := strings.Index(s, "{"), strings.LastIndex(s, "}"); i >= 0 && j > i {
		if err := json.Unmarshal([]byte(s[i:j+1]), &obj); err == nil && obj.Translations != nil {
			return obj.Translations, nil
		}
	}
	return nil, fmt.Errorf("the model's answer is not the JSON asked for: %.120q", content)
}
