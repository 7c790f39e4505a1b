package translate

import (
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// rawToken is a token of tagged text that keeps its exact source bytes, so a
// rewrite never re-escapes text (an engine's "&quot;" stays as it came).
type rawToken struct {
	inline.Token
	Raw string
}

// rawTokens splits tagged text like inline.Parse, keeping each token's bytes.
func rawTokens(s string) ([]rawToken, error) {
	var out []rawToken
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			out = append(out, rawToken{inline.Token{Kind: inline.TextToken, Text: inline.Unescape(s)}, s})
			break
		}
		if i > 0 {
			out = append(out, rawToken{inline.Token{Kind: inline.TextToken, Text: inline.Unescape(s[:i])}, s[:i]})
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			_, err := inline.Parse(s[i:])
			return nil, err
		}
		toks, err := inline.Parse(s[i : i+j+1])
		if err != nil {
			return nil, err
		}
		out = append(out, rawToken{toks[0], s[i : i+j+1]})
		s = s[i+j+1:]
	}
	return out, nil
}

func joinRaw(toks []rawToken) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Raw)
	}
	return b.String()
}
