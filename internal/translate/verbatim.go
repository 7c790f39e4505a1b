package translate

import (
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

// verbatim names the paired codes whose content is not prose: code spans
// and code blocks. No engine should translate "fee_per_teu" or a program,
// so the router sends each such code, content and all, as one standalone
// placeholder (TermTag, which backends carry like a glossary term) and puts
// it back in the draft.
var verbatim = map[string]bool{"code": true, "pre": true}

// maskVerbatim returns seg with each outermost verbatim code replaced by a
// standalone placeholder, and what goes back in place of each (tagged
// text). A segment without verbatim codes, or malformed, is returned as is.
func maskVerbatim(seg Segment) (Segment, map[int]string) {
	ids := map[int]bool{}
	next := 1
	for _, t := range seg.Tags {
		if t.Paired && verbatim[t.Name] {
			ids[t.ID] = true
		}
		next = max(next, t.ID+1)
	}
	if len(ids) == 0 {
		return seg, nil
	}
	toks, err := inline.Parse(seg.Text)
	if err != nil {
		return seg, nil
	}
	for _, t := range toks {
		next = max(next, t.ID+1)
	}
	var out []inline.Token
	restore := map[int]string{}
	tags := append([]inline.Tag(nil), seg.Tags...)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != inline.OpenToken || !ids[t.ID] {
			out = append(out, t)
			continue
		}
		end := i + 1
		for end < len(toks) && !(toks[end].Kind == inline.CloseToken && toks[end].ID == t.ID) {
			end++
		}
		if end == len(toks) {
			return seg, nil // unbalanced: inline.Parse should have refused it
		}
		restore[next] = inline.Format(toks[i : end+1])
		tags = append(tags, inline.Tag{ID: next, Name: TermTag})
		out = append(out, inline.Token{Kind: inline.SelfToken, ID: next})
		next++
		i = end
	}
	seg.Text, seg.Tags = inline.Format(out), tags
	return seg, restore
}

// unmaskVerbatim puts the codes maskVerbatim took out back into a draft.
func unmaskVerbatim(text string, restore map[int]string) (string, error) {
	if len(restore) == 0 {
		return text, nil
	}
	toks, err := inline.Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, t := range toks {
		if r, ok := restore[t.ID]; ok && t.Kind == inline.SelfToken {
			b.WriteString(r)
			continue
		}
		b.WriteString(inline.Format([]inline.Token{t}))
	}
	return b.String(), nil
}
