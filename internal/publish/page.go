// Package publish renders an edition into its published forms: an HTML page
// (with hreflang alternates and localised chrome), Markdown and JSON.
package publish

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
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
	// PublishedAt is when this version was published; FirstPublishedAt
	// when version 1 was (the same time for version 1).
	PublishedAt      time.Time
	FirstPublishedAt time.Time
	// OriginalDate is the source's own publication date (YYYY-MM-DD or
	// RFC 3339), empty when unknown.
	OriginalDate string
	// Byline names the source's author, when it has one.
	Byline string
	// Summary is the article's first paragraph as plain text, shortened.
	Summary    string
	Blocks     []Block
	Alternates []Alternate
}

// first is when version 1 was published.
func (p Page) first() time.Time {
	if p.FirstPublishedAt.IsZero() {
		return p.PublishedAt
	}
	return p.FirstPublishedAt
}

// titleBlock reports whether the page needs an h1 of its own: its blocks
// do not start with the headline (an article whose title is its first
// sentence).
func (p Page) titleBlock() bool {
	return len(p.Blocks) == 0 || p.Blocks[0].Kind != "heading" || p.Blocks[0].Level != 1
}

// Summarize is the first paragraph of blocks as plain text, cut at a word
// boundary to at most n characters, for descriptions and feed summaries.
func Summarize(blocks []Block, n int) string {
	for _, b := range blocks {
		if b.Kind == "paragraph" || b.Kind == "quote" {
			s := strings.Join(strings.Fields(inline.Plain(b.Text)), " ")
			if s == "" {
				continue
			}
			r := []rune(s)
			if len(r) <= n {
				return s
			}
			cut := string(r[:n])
			if i := strings.LastIndexByte(cut, ' '); i > n/2 {
				cut = cut[:i]
			}
			return cut + "…"
		}
	}
	return ""
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
	head, foot := alternateHTML(Alternate{Lang: p.Lang, URL: p.URL}, p.Alternates, p.CanonicalURL, loc)
	ld, err := jsonLD(p, loc)
	if err != nil {
		return Output{}, err
	}
	data := map[string]any{
		"P": p, "Blocks": blocks, "AlternateLinks": head, "OtherLanguageLinks": foot,
		"TitleBlock":      p.titleBlock(),
		"TranslatedFrom":  loc.T("PageTranslatedFrom", "Lang", loc.LangName(p.SourceLang)),
		"Reviewed":        loc.T("PageReviewed"),
		"Byline":          loc.T("PageByline", "Author", bylineAnd(p.Byline, loc.T("PageBylineAnd"))),
		"TranslationDate": loc.T("PageTranslationPublished", "Date", LongDate(loc, p.first())),
		"FirstPublished":  p.first().UTC().Format(time.RFC3339),
		"VersionLine":     loc.T("PageVersion", "Version", p.Version, "Date", LongDate(loc, p.PublishedAt)),
		"Date":            p.PublishedAt.UTC().Format(time.RFC3339),
		"FeedURL":         "/" + p.Lang + "/feed.atom",
		"JSONFeedURL":     "/" + p.Lang + "/feed.json",
		"OGLocale":        strings.ReplaceAll(p.Lang, "-", "_"),
		"JSONLD":          template.JS(ld),
	}
	if d := ParseDay(p.OriginalDate); !d.IsZero() {
		data["OriginalDate"] = loc.T("PageOriginalPublished", "Date", LongDate(loc, d))
		data["OriginalDateISO"] = p.OriginalDate
	}
	if p.Version >= 2 {
		data["Correction"] = loc.T("PageCorrection", "Date", LongDate(loc, p.PublishedAt), "Version", p.Version)
	}
	var buf bytes.Buffer
	err = pageTmpl.Execute(&buf, data)
	if err != nil {
		return Output{}, fmt.Errorf("render html: %w", err)
	}
	md, err := markdownDoc(p)
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
	rendered := make([]RenderedBlock, 0, len(in))
	for i, b := range in {
		kind, text := b.Kind, b.Text
		inner, lang, pre := preBlock(b.Text, b.Tags)
		if pre {
			kind, text = "pre", inner
		}
		h, err := HTML(text, b.Tags)
		if err != nil {
			return nil, fmt.Errorf("block %d: %w", i, err)
		}
		if pre { // a code block: <pre><code class="language-x">
			class := ""
			if lang != "" {
				class = ` class="language-` + template.HTMLEscapeString(lang) + `"`
			}
			h = "<code" + class + ">" + h + "</code>"
		}
		rendered = append(rendered, RenderedBlock{Kind: kind, Level: b.Level, Ordered: b.Ordered, HTML: h})
	}
	return wrapBlocks(rendered), nil
}

// RenderedBlock is a block whose inline markup is already HTML (as HTML
// returns it, and as a stored version's JSON keeps it): enough to lay the
// body out again, e.g. for a feed entry's content.
type RenderedBlock struct {
	Kind    string
	Level   int
	Ordered bool
	HTML    string
}

// JoinHTML lays rendered blocks out as BodyHTML does: one element a line,
// headings, quotes and captions in their elements, list items wrapped in
// their lists. The blocks' HTML must come from HTML (it is not escaped).
func JoinHTML(blocks []RenderedBlock) string {
	var b strings.Builder
	for _, h := range wrapBlocks(blocks) {
		b.WriteString(string(h.Element()))
		b.WriteByte('\n')
	}
	return b.String()
}

func wrapBlocks(in []RenderedBlock) []htmlBlock {
	var out []htmlBlock
	var stack []string // open list elements
	for _, b := range in {
		hb := htmlBlock{HTML: template.HTML(b.HTML)}
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
		case "pre":
			hb.Tag = "pre"
		case "caption":
			// A figcaption belongs in a figure: with the block it
			// captions (the image before it), else alone.
			hb.Tag = "figcaption"
			hb.Close = append(hb.Close, "figure")
			if n := len(out); n > 0 && in[n-1].Kind == "paragraph" && len(out[n-1].Close) == 0 {
				out[n-1].Open = append([]string{"figure"}, out[n-1].Open...)
			} else {
				hb.Open = append(hb.Open, "figure")
			}
		default:
			hb.Tag = "p"
		}
		out = append(out, hb)
	}
	for len(stack) > 0 && len(out) > 0 {
		out[len(out)-1].Close = append(out[len(out)-1].Close, stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	return out
}

// bylineAnd writes the English "and" joining the names of a byline ("Renée
// Dubois and Tomás Ibáñez", "A, B, and C") in the page's language: the
// byline is metadata, never translated, and "Por Renée Dubois and Tomás
// Ibáñez" is no Spanish. Spanish "y" is "e" before an i- sound ("Ana e
// Inés", "e Hilario", but "y Hierro").
func bylineAnd(byline, and string) string {
	if and == "" || and == "and" {
		return byline
	}
	for _, sep := range []string{", and ", " and "} {
		k := strings.LastIndex(byline, sep)
		if k < 0 {
			continue
		}
		next := byline[k+len(sep):]
		word := and
		if and == "y" {
			l := strings.ToLower(next)
			if (strings.HasPrefix(l, "i") || strings.HasPrefix(l, "í") || strings.HasPrefix(l, "hi") || strings.HasPrefix(l, "hí")) &&
				!strings.HasPrefix(l, "hia") && !strings.HasPrefix(l, "hie") {
				word = "e"
			}
		}
		return byline[:k] + " " + word + " " + next
	}
	return byline
}

// jsonLD is the page's schema.org NewsArticle, marking it a translation of
// the original. json.Marshal escapes <, > and &, so it is safe in a script
// element.
func jsonLD(p Page, loc Localizer) (string, error) {
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": p.Title, "inLanguage": p.Lang, "url": p.URL,
		"mainEntityOfPage": p.URL,
		"datePublished":    p.first().UTC().Format(time.RFC3339),
		"dateModified":     p.PublishedAt.UTC().Format(time.RFC3339),
		"version":          p.Version,
	}
	if p.Summary != "" {
		ld["description"] = p.Summary
	}
	if p.Byline != "" {
		ld["author"] = map[string]any{"@type": "Person", "name": p.Byline}
	} else {
		ld["author"] = map[string]any{"@type": "Organization", "name": loc.T("FeedAuthor")}
	}
	orig := map[string]any{"@type": "NewsArticle", "inLanguage": p.SourceLang}
	if p.CanonicalURL != "" {
		orig["url"] = p.CanonicalURL
	}
	if p.OriginalDate != "" {
		orig["datePublished"] = p.OriginalDate
	}
	ld["translationOfWork"] = orig
	b, err := json.Marshal(ld)
	return string(b), err
}

// frontMatter is the YAML front matter of the Markdown form. Values are
// written as JSON strings, which YAML reads as double-quoted scalars.
func frontMatter(p Page) string {
	q := func(s string) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s) // a string always encodes
		return strings.TrimSuffix(b.String(), "\n")
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + q(p.Title) + "\n")
	b.WriteString("date: " + q(p.first().UTC().Format(time.RFC3339)) + "\n")
	if p.Version >= 2 {
		b.WriteString("updated: " + q(p.PublishedAt.UTC().Format(time.RFC3339)) + "\n")
	}
	b.WriteString("lang: " + q(p.Lang) + "\n")
	b.WriteString("original: " + q(p.CanonicalURL) + "\n")
	b.WriteString("original_lang: " + q(p.SourceLang) + "\n")
	if p.OriginalDate != "" {
		b.WriteString("original_date: " + q(p.OriginalDate) + "\n")
	}
	if p.Byline != "" {
		b.WriteString("author: " + q(p.Byline) + "\n")
	}
	b.WriteString("version: " + strconv.Itoa(p.Version) + "\n")
	b.WriteString("url: " + q(p.URL) + "\n")
	b.WriteString("---\n\n")
	return b.String()
}

// markdownDoc is the Markdown form of a page: front matter, the headline
// when the blocks do not start with it, the body.
func markdownDoc(p Page) (string, error) {
	body, err := BodyMarkdown(p.Blocks)
	if err != nil {
		return "", err
	}
	head := frontMatter(p)
	if p.titleBlock() {
		head += "# " + markdownEscaper.Replace(p.Title) + "\n\n"
	}
	return head + body, nil
}

// preBlock reports whether a block is preformatted text (a code block):
// its whole text is one "pre" pair, whose content it returns with the
// pair's lang attribute.
func preBlock(text string, tags []inline.Tag) (inner, lang string, ok bool) {
	toks, err := inline.Parse(text)
	if err != nil || len(toks) < 2 {
		return "", "", false
	}
	first, last := toks[0], toks[len(toks)-1]
	if first.Kind != inline.OpenToken || last.Kind != inline.CloseToken || first.ID != last.ID {
		return "", "", false
	}
	t, found := byID(tags)[first.ID]
	if !found || t.Name != "pre" {
		return "", "", false
	}
	open, closing := "<"+strconv.Itoa(first.ID)+">", "</"+strconv.Itoa(first.ID)+">"
	if !strings.HasPrefix(text, open) || !strings.HasSuffix(text, closing) {
		return "", "", false
	}
	return text[len(open) : len(text)-len(closing)], t.Attrs["lang"], true
}

// fencedCode writes code as a fenced code block, its fence longer than any
// run of backticks in it.
func fencedCode(code, lang string) string {
	fence := strings.Repeat("`", max(3, longestBackticks(code)+1))
	return fence + strings.Map(func(r rune) rune {
		if r == '\n' || r == '`' {
			return -1
		}
		return r
	}, lang) + "\n" + code + "\n" + fence
}

// lineStartRE finds, at the start of a line, what CommonMark would read as
// the start of a block: a list marker ("1984. That was the year", "2) ",
// "- ", "+ "), an ATX heading, a block quote, a setext underline or
// thematic break ("=====", "---"), a code fence ("~~~").
var lineStartRE = regexp.MustCompile(`(?m)^(?:(\d{1,9})([.)])([ \t]|$)|([-+])([ \t]|$)|(#{1,6})([ \t]|$)|(>)|([=-])([=-]*[ \t]*$)|(~~~))`)

// escapeLineStarts backslash-escapes the marker at the start of each line
// of a block's Markdown, so that a paragraph that opens with "1984. " or
// "- " stays a paragraph (it became an ordered list starting at 1984).
func escapeLineStarts(md string) string {
	return lineStartRE.ReplaceAllStringFunc(md, func(m string) string {
		p := lineStartRE.FindStringSubmatch(m)
		switch {
		case p[1] != "":
			return p[1] + `\` + p[2] + p[3]
		case p[4] != "":
			return `\` + p[4] + p[5]
		case p[6] != "":
			return `\` + p[6] + p[7]
		case p[8] != "":
			return `\>`
		case p[9] != "":
			return `\` + p[9] + p[10]
		default:
			return `\~~~`
		}
	})
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
		if inner, lang, ok := preBlock(blk.Text, blk.Tags); ok {
			md = fencedCode(inline.Plain(inner), lang)
		} else {
			md = escapeLineStarts(md)
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
		Kind    string `json:"kind"`
		Level   int    `json:"level,omitempty"`
		Ordered bool   `json:"ordered,omitempty"`
		HTML    string `json:"html"`
		Text    string `json:"text"`
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
		FirstPub     time.Time   `json:"first_published_at"`
		OriginalDate string      `json:"original_published_at,omitempty"`
		Byline       string      `json:"byline,omitempty"`
		Summary      string      `json:"summary,omitempty"`
		Alternates   []Alternate `json:"alternates"`
		Blocks       []jb        `json:"blocks"`
	}{p.Lang, p.SourceLang, p.Slug, p.Title, p.URL, p.CanonicalURL, p.Version, p.PublishedAt.UTC(), p.first().UTC(),
		p.OriginalDate, p.Byline, p.Summary, p.Alternates, nil}
	if doc.Alternates == nil {
		doc.Alternates = []Alternate{}
	}
	for i, b := range p.Blocks {
		doc.Blocks = append(doc.Blocks, jb{Kind: b.Kind, Level: b.Level, Ordered: b.Ordered, HTML: string(blocks[i].HTML), Text: inline.Plain(b.Text)})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	return string(out), err
}
