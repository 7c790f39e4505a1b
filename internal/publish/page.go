// Package publish renders an edition into its published forms: an HTML page
// (with hreflang alternates and localised chrome), Markdown and JSON.
package publish

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// Block is one assembled block of an edition: the translated text of its
// segments joined with the source's spacing.
type Block struct {
	Kind    string
	Level   int
	Ordered bool
	Text    string // tagged text
	Tags    []inline.Tag
}

// Alternate is another language version of the same article.
type Alternate struct {
	Lang string `json:"lang"`
	URL  string `json:"url"`
}

// Page is everything needed to render one version of an edition.
type Page struct {
	Lang         string
	SourceLang   string
	Slug         string
	Title        string
	URL          string
	CanonicalURL string
	Version      int
	PublishedAt  time.Time
	Blocks       []Block
	Alternates   []Alternate
}

// Localizer supplies the page chrome in the edition's language.
type Localizer interface {
	T(id string, kv ...any) string
	LangName(tag string) string
}

// Output is a rendered edition.
type Output struct {
	HTML     string
	Markdown string
	JSON     string
}

//go:embed page.html.tmpl
var pageTemplate string

var pageTmpl = template.Must(template.New("page").Parse(pageTemplate))

type htmlBlock struct {
	Tag   string        // h1…h6, p, blockquote, li, figcaption
	HTML  template.HTML // the block's content
	Open  []string      // list elements to open before this block
	Close []string      // list elements to close after it
}

// Element is the whole block with its list wrappers. Tag names come from a
// fixed set and the content from HTML(), so it is safe to mark as HTML.
func (b htmlBlock) Element() template.HTML {
	var s strings.Builder
	for _, o := range b.Open {
		s.WriteString("<" + o + ">")
	}
	s.WriteString("<" + b.Tag + ">" + string(b.HTML) + "</" + b.Tag + ">")
	for _, c := range b.Close {
		s.WriteString("</" + c + ">")
	}
	return template.HTML(s.String())
}

// Render renders a page in all three forms.
func Render(p Page, loc Localizer) (Output, error) {
	blocks, err := htmlBlocks(p.Blocks)
	if err != nil {
		return Output{}, err
	}
	head, foot := alternateHTML(p.Alternates, loc)
	var buf bytes.Buffer
	err = pageTmpl.Execute(&buf, map[string]any{
		"P": p, "Blocks": blocks, "AlternateLinks": head, "OtherLanguageLinks": foot,
		"TranslatedFrom": loc.T("PageTranslatedFrom", "Lang", loc.LangName(p.SourceLang)),
		"Original":       loc.T("PageOriginal"),
		"VersionLine":    loc.T("PageVersion", "Version", p.Version, "Date", p.PublishedAt.Format(time.DateOnly)),
		"Date":           p.PublishedAt.Format(time.RFC3339),
	})
	if err != nil {
		return Output{}, fmt.Errorf("render html: %w", err)
	}
	md, err := BodyMarkdown(p.Blocks)
	if err != nil {
		return Output{}, err
	}
	js, err := jsonDoc(p, blocks)
	if err != nil {
		return Output{}, err
	}
	return Output{HTML: buf.String(), Markdown: md, JSON: js}, nil
}

// BodyHTML renders blocks as the body of a published edition's HTML page,
// without the page around it: one element a line, list items wrapped in
// their lists, inline markup restored as safe HTML (see HTML).
func BodyHTML(blocks []Block) (string, error) {
	hb, err := htmlBlocks(blocks)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, h := range hb {
		b.WriteString(string(h.Element()))
		b.WriteByte('\n')
	}
	return b.String(), nil
}

func htmlBlocks(in []Block) ([]htmlBlock, error) {
	var out []htmlBlock
	var stack []string // open list elements
	for i, b := range in {
		h, err := HTML(b.Text, b.Tags)
		if err != nil {
			return nil, fmt.Errorf("block %d: %w", i, err)
		}
		hb := htmlBlock{HTML: template.HTML(h)}
		depth := 0
		if b.Kind == "list_item" {
			depth = max(b.Level, 1)
		}
		for len(stack) > depth {
			out[len(out)-1].Close = append(out[len(out)-1].Close, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		}
		for len(stack) < depth {
			l := "ul"
			if b.Ordered {
				l = "ol"
			}
			hb.Open = append(hb.Open, l)
			stack = append(stack, l)
		}
		switch b.Kind {
		case "heading":
			hb.Tag = fmt.Sprintf("h%d", min(max(b.Level, 1), 6))
		case "quote":
			hb.Tag = "blockquote"
		case "list_item":
			hb.Tag = "li"
		case "caption":
			hb.Tag = "figcaption"
		default:
			hb.Tag = "p"
		}
		out = append(out, hb)
	}
	for len(stack) > 0 && len(out) > 0 {
		out[len(out)-1].Close = append(out[len(out)-1].Close, stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	return out, nil
}

// BodyMarkdown renders blocks as the Markdown document of a published
// edition: headings, quotes, lists and inline markup restored.
func BodyMarkdown(blocks []Block) (string, error) {
	var b strings.Builder
	n := 0
	for i, blk := range blocks {
		md, err := Markdown(blk.Text, blk.Tags)
		if err != nil {
			return "", fmt.Errorf("block %d: %w", i, err)
		}
		if i > 0 {
			prev := blocks[i-1]
			// Items of one list go on consecutive lines; a blank line
			// ends a list, e.g. where a bulleted one turns numbered.
			if blk.Kind == "list_item" && prev.Kind == "list_item" && (blk.Ordered == prev.Ordered || blk.Level != prev.Level) {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		switch blk.Kind {
		case "heading":
			b.WriteString(strings.Repeat("#", min(max(blk.Level, 1), 6)) + " " + md)
		case "quote":
			b.WriteString("> " + strings.ReplaceAll(md, "\n", "\n> "))
		case "list_item":
			indent := strings.Repeat("   ", max(blk.Level, 1)-1)
			if blk.Ordered {
				n++
				fmt.Fprintf(&b, "%s%d. %s", indent, n, md)
			} else {
				b.WriteString(indent + "- " + md)
			}
			continue
		default:
			b.WriteString(md)
		}
		n = 0
	}
	b.WriteString("\n")
	return b.String(), nil
}

func jsonDoc(p Page, blocks []htmlBlock) (string, error) {
	type jb struct {
		Kind  string `json:"kind"`
		Level int    `json:"level,omitempty"`
		HTML  string `json:"html"`
		Text  string `json:"text"`
	}
	doc := struct {
		Lang         string      `json:"lang"`
		SourceLang   string      `json:"source_lang"`
		Slug         string      `json:"slug"`
		Title        string      `json:"title"`
		URL          string      `json:"url"`
		CanonicalURL string      `json:"canonical_url,omitempty"`
		Version      int         `json:"version"`
		PublishedAt  time.Time   `json:"published_at"`
		Alternates   []Alternate `json:"alternates"`
		Blocks       []jb        `json:"blocks"`
	}{p.Lang, p.SourceLang, p.Slug, p.Title, p.URL, p.CanonicalURL, p.Version, p.PublishedAt, p.Alternates, nil}
	if doc.Alternates == nil {
		doc.Alternates = []Alternate{}
	}
	for i, b := range p.Blocks {
		doc.Blocks = append(doc.Blocks, jb{Kind: b.Kind, Level: b.Level, HTML: string(blocks[i].HTML), Text: inline.Plain(b.Text)})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	return string(out), err
}
