// Package inline is the representation of inline markup (links, emphasis, code,
// line breaks, images) inside a block or segment of text.
//
// Text that may carry inline markup is kept as "tagged text": ordinary text in
// which the characters '<', '>' and '&' are escaped as &lt; &gt; &amp;, and inline
// codes appear as numbered placeholders: <1>…</1> for a paired code, <2/> for a
// standalone one. What a placeholder stands for (an <a href>, an <em>, …) is kept
// beside the text as a Tag, so a URL is an attribute of its tag and never part of
// the text a translation backend sees. Placeholders are short and survive every
// engine that understands XML or HTML; each backend renames them to suit itself.
package inline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Tag says what one inline placeholder stands for.
type Tag struct {
	ID    int               `json:"id"`
	Name  string            `json:"name"` // a, em, strong, code, br, img, …
	Attrs map[string]string `json:"attrs,omitempty"`
	// Paired is true for codes that enclose text (<1>…</1>) and false for
	// standalone codes (<1/>).
	Paired bool `json:"paired"`
}

// TokenKind tells the kinds of token of tagged text apart.
type TokenKind int

const (
	// TextToken is a run of text, already unescaped.
	TextToken TokenKind = iota
	// OpenToken is the opening placeholder of a paired code, <N>.
	OpenToken
	// CloseToken is the closing placeholder of a paired code, </N>.
	CloseToken
	// SelfToken is a standalone placeholder, <N/>.
	SelfToken
)

// Token is one piece of tagged text.
type Token struct {
	Kind TokenKind
	ID   int    // for placeholders
	Text string // for TextToken: the unescaped text
}

// ErrMalformed is wrapped by every error Parse returns.
var ErrMalformed = errors.New("malformed tagged text")

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape turns plain text into tagged text with no placeholders.
func Escape(s string) string { return escaper.Replace(s) }

// Unescape reverses Escape. Unknown entities are left as they are.
func Unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return unescaper.Replace(s)
}

var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// Parse splits tagged text into tokens. It fails on a '<' that does not start a
// well-formed placeholder; it does not check nesting (see Check).
func Parse(s string) ([]Token, error) {
	var toks []Token
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			toks = append(toks, Token{Kind: TextToken, Text: Unescape(s)})
			break
		}
		if i > 0 {
			toks = append(toks, Token{Kind: TextToken, Text: Unescape(s[:i])})
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return nil, fmt.Errorf("%w: unterminated '<' at byte %d", ErrMalformed, i)
		}
		tok, err := parsePlaceholder(s[i+1 : i+j])
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		s = s[i+j+1:]
	}
	return toks, nil
}

func parsePlaceholder(body string) (Token, error) {
	kind := OpenToken
	switch {
	case strings.HasPrefix(body, "/"):
		kind, body = CloseToken, body[1:]
	case strings.HasSuffix(body, "/"):
		kind, body = SelfToken, body[:len(body)-1]
	}
	id, err := strconv.Atoi(body)
	if err != nil || id <= 0 || body[0] == '+' || body[0] == '0' {
		return Token{}, fmt.Errorf("%w: %q is not a placeholder like <1>, </1> or <1/>", ErrMalformed, "<"+body+">")
	}
	return Token{Kind: kind, ID: id}, nil
}

// Format writes tokens back as tagged text. Format(Parse(s)) == s for every s
// that Parse accepts and that uses the canonical escapes.
func Format(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		switch t.Kind {
		case TextToken:
			b.WriteString(Escape(t.Text))
		case OpenToken:
			fmt.Fprintf(&b, "<%d>", t.ID)
		case CloseToken:
			fmt.Fprintf(&b, "</%d>", t.ID)
		case SelfToken:
			fmt.Fprintf(&b, "<%d/>", t.ID)
		}
	}
	return b.String()
}

// Plain returns the text of tagged text with every placeholder removed and the
// escapes undone. Malformed input is returned unescaped as it is.
func Plain(s string) string {
	toks, err := Parse(s)
	if err != nil {
		return Unescape(s)
	}
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == TextToken {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// IDs returns the placeholder ids of s in order of first appearance.
func IDs(s string) ([]int, error) {
	toks, err := Parse(s)
	if err != nil {
		return nil, err
	}
	var ids []int
	seen := map[int]bool{}
	for _, t := range toks {
		if t.Kind != TextToken && !seen[t.ID] {
			seen[t.ID] = true
			ids = append(ids, t.ID)
		}
	}
	return ids, nil
}
