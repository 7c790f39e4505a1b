package apertium

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// run is a piece of Apertium's output: text under one set of word-bound
// blanks, or an atom.
type run struct {
	text string
	ids  []int
	atom int // index into encoded.atoms, or -1
}

func (r run) blank() bool {
	return r.atom < 0 && strings.IndexFunc(r.text, func(c rune) bool { return !unicode.IsSpace(c) }) < 0
}

// decoded is a translated segment back in tagged text.
type decoded struct {
	text    string
	unknown []string // words Apertium marked as unknown (marks removed)
	notes   []note.Note
}

// decode turns Apertium's output for enc back into tagged text: word-bound
// blanks become placeholders again, each paired code spanning from the
// first to the last word that carries it; atoms are put back. It fails with
// inline.ErrTagMismatch when codes come back crossed or an atom is lost.
func decode(seg translate.Segment, out string, enc encoded) (decoded, error) {
	runs, unknown, err := parseOutput(out)
	if err != nil {
		return decoded{}, err
	}
	source := inline.Plain(seg.Text)
	unknown = unknownWords(unknown, source)
	termSeen := make([]int, len(enc.terms))
	for i := range runs {
		if runs[i].atom < 0 {
			runs[i].text = restoreTypography(restoreTerms(runs[i].text, enc.terms, termSeen), source)
		}
	}
	for n, c := range termSeen {
		if c != 1 {
			return decoded{}, fmt.Errorf("%w: protected term %q came back %d times", inline.ErrTagMismatch, inline.Unescape(enc.terms[n]), c)
		}
	}
	seen := make([]int, len(enc.atoms))
	for i := range runs {
		if a := runs[i].atom; a >= 0 {
			if a >= len(enc.atoms) {
				return decoded{}, fmt.Errorf("%w: apertium returned an unknown marker %d", inline.ErrTagMismatch, a)
			}
			seen[a]++
			runs[i].ids = enc.atoms[a].ids
		}
	}
	for a, n := range seen {
		if n != 1 {
			return decoded{}, fmt.Errorf("%w: protected piece %q came back %d times", inline.ErrTagMismatch, enc.atoms[a].text, n)
		}
	}
	var d decoded
	present := map[int]bool{}
	for _, r := range runs {
		if !r.blank() {
			for _, id := range r.ids {
				present[id] = true
			}
		}
	}
	for id := range enc.depth {
		if present[id] {
			continue
		}
		var ok bool
		if runs, ok = tagNextWord(runs, runIndexOfAtom(runs, enc.anchor[id]), id); !ok {
			return decoded{}, fmt.Errorf("%w: the words inside %s were lost", inline.ErrTagMismatch, tagName(seg, id))
		}
		d.notes = append(d.notes, note.New(note.TagMoved, "tag", tagName(seg, id)))
	}
	first, last := map[int]int{}, map[int]int{}
	for i, r := range runs {
		if r.blank() {
			continue
		}
		for _, id := range r.ids {
			if _, ok := first[id]; !ok {
				first[id] = i
			}
			last[id] = i
		}
	}
	var ids []int
	for id := range first {
		if _, ok := enc.depth[id]; !ok {
			return decoded{}, fmt.Errorf("%w: apertium returned a tag %d the source does not have", inline.ErrTagMismatch, id)
		}
		ids = append(ids, id)
	}
	for _, a := range ids {
		for _, b := range ids {
			if first[a] < first[b] && first[b] <= last[a] && last[a] < last[b] {
				return decoded{}, fmt.Errorf("%w: reordering crossed %s and %s", inline.ErrTagMismatch, tagName(seg, a), tagName(seg, b))
			}
		}
	}
	for _, id := range ids {
		if !present[id] {
			continue
		}
		for i := first[id]; i <= last[id]; i++ {
			if r := runs[i]; !r.blank() && r.atom < 0 && !slices.Contains(r.ids, id) && movedWord(r.text) {
				d.notes = append(d.notes, note.New(note.TagExtent, "tag", tagName(seg, id)))
				break
			}
		}
	}
	slices.SortFunc(d.notes, func(a, b note.Note) int { return strings.Compare(a.English(), b.English()) })
	d.notes = slices.CompactFunc(d.notes, func(a, b note.Note) bool { return a.English() == b.English() })
	var b strings.Builder
	for i, r := range runs {
		opens := filter(ids, func(id int) bool { return first[id] == i })
		slices.SortFunc(opens, func(x, y int) int {
			if last[x] != last[y] {
				return last[y] - last[x]
			}
			return enc.depth[x] - enc.depth[y]
		})
		for _, id := range opens {
			b.WriteString("<" + strconv.Itoa(id) + ">")
		}
		if r.atom >= 0 {
			b.WriteString(enc.atoms[r.atom].text)
		} else {
			b.WriteString(inline.Escape(r.text))
		}
		closes := filter(ids, func(id int) bool { return last[id] == i })
		slices.SortFunc(closes, func(x, y int) int {
			if first[x] != first[y] {
				return first[y] - first[x]
			}
			return enc.depth[y] - enc.depth[x]
		})
		for _, id := range closes {
			b.WriteString("</" + strconv.Itoa(id) + ">")
		}
	}
	text := b.String()
	if enc.lowerAfterLead {
		text = lowerAfterLeadTerm(text)
	}
	text = lowerAfterLeadWord(text, source)
	text = lowerAfterQuotedEnd(text, source)
	text = lowerAfterAbbreviation(text, source)
	d.text = tidySpacing(strings.TrimSpace(expandTerms(text, enc.terms)), plainWithTerms(seg))
	if indexFold(d.text, nameTokenPrefix) >= 0 && indexFold(seg.Text, nameTokenPrefix) < 0 {
		// A stand-in Apertium mangled beyond recognition (restoreTerms
		// takes any case and punctuation): never let it reach a draft.
		return decoded{}, fmt.Errorf("%w: a protected term's stand-in came back mangled in %q", inline.ErrTagMismatch, d.text)
	}
	if marks := punctuationDiff(source, inline.Plain(d.text)); marks != "" {
		d.notes = append(d.notes, note.New(note.Punctuation, "marks", marks))
	}
	d.unknown = unknown
	return d, nil
}

// unknownWords cleans the words Apertium marked as unknown for a note: a
// stand-in of a protected term is no unknown word, whatever Apertium glued
// to it ("zxqva'", "zxqvb-Política"); a trailing apostrophe or hyphen is
// the possessive or compound Apertium split off ("Maduro'", "narco-"); an
// apostrophe is written as the source writes it.
func unknownWords(words []string, source string) []string {
	var out []string
	for _, w := range words {
		if indexFold(w, nameTokenPrefix) >= 0 {
			continue
		}
		w = restoreTypography(strings.TrimRight(w, "'’-"), source)
		if w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// restoreTerms replaces the name tokens in plain text, in any letter case,
// with "\x01N\x02" markers, counting them in seen; expandTerms puts the (already escaped)
// terms in after the text has been escaped.
func restoreTerms(text string, terms []string, seen []int) string {
	var b strings.Builder
	for {
		i := indexFold(text, nameTokenPrefix)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := i + len(nameTokenPrefix)
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		n, ok := nameIndex(strings.ToLower(text[i:j]))
		b.WriteString(text[:i])
		if ok && n < len(terms) {
			seen[n]++
			b.WriteString("\x01" + strconv.Itoa(n) + "\x02")
		} else {
			b.WriteString(text[i:j])
		}
		text = text[j:]
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// lowerAfterLeadWord lower-cases the word after a draft's first word when
// that word is the source's own, kept as it was: Apertium, not knowing a
// sentence's first word, capitalises the next one as if the sentence began
// there ("Commuters were angry." → "Commuters Era enojado.", "Sintra line"
// → "Sintra Línea", "CP said" → "CP Lo dijo"; through the Spanish pivot
// too, where the unknown-word marks are gone). Only when the source writes
// its second word in lower case; a word the source has as it is (a name
// kept) or one in capitals stays.
func lowerAfterLeadWord(text, source string) string {
	first, rest := leadWord(source)
	if first == "" {
		return text
	}
	if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " ")); !unicode.IsLower(r) || !strings.HasPrefix(rest, " ") {
		return text
	}
	i := strings.Index(text, first)
	if i < 0 || strings.TrimSpace(stripPlaceholders(text[:i])) != "" {
		return text
	}
	j := i + len(first)
	k := j + len(text[j:]) - len(strings.TrimLeft(text[j:], " "))
	if k == j {
		return text
	}
	r, n := utf8.DecodeRuneInString(text[k:])
	if !unicode.IsUpper(r) {
		return text
	}
	w := text[k:]
	if e := strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) }); e >= 0 {
		w = w[:e]
	}
	if strings.ToUpper(w) == w || strings.Contains(source, w) {
		return text // an acronym, or a name the source has
	}
	return text[:k] + string(unicode.ToLower(r)) + text[k+n:]
}

// quotedEndRE finds a question or exclamation closed by a quotation mark
// and the letter that follows it: `?" said`, `!” Dicho`.
var quotedEndRE = regexp.MustCompile(`[?!]["”»]\s+(\pL)`)

// lowerAfterQuotedEnd lower-cases the word after a quoted question or
// exclamation when the source's goes on in lower case: Apertium reads the
// "?" or "!" as the end of the sentence and capitalises the verb of saying
// (`"…to work!" said Ana` → `"¡…!" Dicho Ana`). The marks are paired in
// order, so only when source and draft have as many.
func lowerAfterQuotedEnd(text, source string) string {
	if !strings.ContainsAny(text, "?!") {
		return text
	}
	return lowerPaired(text, source, quotedEndRE, quotedEndRE, strings.Contains)
}

// lowerPaired pairs, in order, the matches of srcRE in source with those of
// dstRE in the draft text (only when there are as many) and lower-cases
// the letter each draft match captures where the source's is lower case,
// unless its word is a name the source has (isName).
func lowerPaired(text, source string, srcRE, dstRE *regexp.Regexp, isName func(source, word string) bool) string {
	src := srcRE.FindAllStringSubmatchIndex(source, -1)
	dst := dstRE.FindAllStringSubmatchIndex(text, -1)
	if len(src) == 0 || len(src) != len(dst) {
		return text
	}
	b := []byte(text)
	for k, m := range dst {
		sr, _ := utf8.DecodeRuneInString(source[src[k][2]:])
		r, n := utf8.DecodeRuneInString(text[m[2]:])
		if !unicode.IsLower(sr) || !unicode.IsUpper(r) {
			continue
		}
		w := text[m[2]:]
		if e := strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) }); e >= 0 {
			w = w[:e]
		}
		if isName(source, w) {
			continue
		}
		lower := string(unicode.ToLower(r))
		if len(lower) != n {
			continue
		}
		copy(b[m[2]:], lower)
	}
	return string(b)
}

// abbrevRE finds a word ending in a full stop (an abbreviation when the
// sentence goes on) or an ellipsis, and the letter after it: "ft. to",
// "U.K. Piloto", "seco... E".
var abbrevRE = regexp.MustCompile(`(?:\pL\.|\.\.\.|…)\s+(\pL)`)

// draftAbbrevRE is abbrevRE for a draft, where a protected name ("Main
// St.") is still a "\x01N\x02" marker before its full stop.
var draftAbbrevRE = regexp.MustCompile(`(?:[\pL\x02]\.|\.\.\.|…)\s+(\pL)`)

// lowerAfterAbbreviation lower-cases the word after an abbreviation when
// the source's goes on in lower case: Apertium reads the full stop of
// "9 ft. to clear", "the state's Dept. of Natural Resources" or "the U.K.
// pilot" (or the ellipsis of "a dry summer... and") as the end of a
// sentence and capitalises the next word ("9 ft. Para aclarar", "Dept. De
// Natural", "U.K. Piloto", "seco... Y"). Matches are paired in
// order, so only when source and draft have as many; a word the source
// itself has is a name and stays.
func lowerAfterAbbreviation(text, source string) string {
	return lowerPaired(text, source, abbrevRE, draftAbbrevRE, hasWord)
}

// hasWord reports whether w occurs in s as a whole word.
func hasWord(s, w string) bool {
	for i := 0; w != ""; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(w):])
		if (j == 0 || !isWordRune(before)) && (j+len(w) == len(s) || !isWordRune(after)) {
			return true
		}
		i = j + 1
	}
	return false
}

// leadWord returns the first word of plain text and what follows it.
func leadWord(s string) (string, string) {
	start := strings.IndexFunc(s, isWordRune)
	if start < 0 {
		return "", ""
	}
	end := start + strings.IndexFunc(s[start:], func(r rune) bool { return !isWordRune(r) })
	if end < start {
		end = len(s)
	}
	return s[start:end], s[end:]
}

// plainWithTerms is the plain text of seg with a word in place of each
// glossary term placeholder: inline.Plain drops them, and "the <2/> of"
// would read as a source with a double space, which tidySpacing keeps.
func plainWithTerms(seg translate.Segment) string {
	terms := termPlaceholders(seg)
	if len(terms) == 0 {
		return inline.Plain(seg.Text)
	}
	toks, err := inline.Parse(seg.Text)
	if err != nil {
		return inline.Plain(seg.Text)
	}
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.Kind == inline.TextToken:
			b.WriteString(t.Text)
		case t.Kind == inline.SelfToken && terms[t.ID]:
			b.WriteString("term")
		}
	}
	return b.String()
}

// lowerAfterLeadTerm lower-cases the first letter after a leading term
// marker, skipping blanks, placeholders and the punctuation inside a
// sentence ("<1/>, El cual" → "<1/>, el cual").
func lowerAfterLeadTerm(s string) string {
	i := strings.IndexByte(s, 1)
	if i < 0 || strings.TrimSpace(stripPlaceholders(s[:i])) != "" {
		return s
	}
	j := i + strings.IndexByte(s[i:], 2) + 1
	for j < len(s) {
		if s[j] == '<' {
			if k := strings.IndexByte(s[j:], '>'); k > 0 {
				j += k + 1
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) {
			return s[:j] + string(unicode.ToLower(r)) + s[j+n:]
		}
		if !unicode.IsSpace(r) && !strings.ContainsRune(",;:", r) {
			return s
		}
		j += n
	}
	return s
}

// stripPlaceholders removes placeholders from tagged text.
func stripPlaceholders(s string) string {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func expandTerms(s string, terms []string) string {
	if !strings.Contains(s, "\x01") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, 1)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], 2)
		n, _ := strconv.Atoi(s[i+1 : i+j])
		b.WriteString(s[:i] + terms[n])
		s = s[i+j+1:]
	}
}

func filter(ids []int, keep func(int) bool) []int {
	var out []int
	for _, id := range ids {
		if keep(id) {
			out = append(out, id)
		}
	}
	return out
}

func runIndexOfAtom(runs []run, a int) int {
	for i, r := range runs {
		if r.atom == a {
			return i
		}
	}
	return -1
}

// tagNextWord gives code id to the first word after run i (else the last
// word before it), splitting that word out of its run.
func tagNextWord(runs []run, i, id int) ([]run, bool) {
	if i < 0 {
		return runs, false
	}
	pick := -1
	for j := i + 1; j < len(runs) && pick < 0; j++ {
		if runs[j].atom < 0 && strings.IndexFunc(runs[j].text, isWordRune) >= 0 {
			pick = j
		}
	}
	for j := i - 1; j >= 0 && pick < 0; j-- {
		if runs[j].atom < 0 && strings.IndexFunc(runs[j].text, isWordRune) >= 0 {
			pick = j
		}
	}
	if pick < 0 {
		return runs, false
	}
	r := runs[pick]
	start := strings.IndexFunc(r.text, isWordRune)
	end := start + strings.IndexFunc(r.text[start:], func(c rune) bool { return !isWordRune(c) })
	if end < start {
		end = len(r.text)
	}
	var parts []run
	if start > 0 {
		parts = append(parts, run{text: r.text[:start], ids: r.ids, atom: -1})
	}
	parts = append(parts, run{text: r.text[start:end], ids: append(slices.Clone(r.ids), id), atom: -1})
	if end < len(r.text) {
		parts = append(parts, run{text: r.text[end:], ids: r.ids, atom: -1})
	}
	return slices.Concat(runs[:pick], parts, runs[pick+1:]), true
}

// movedWord reports whether text outside a tag's words but inside its span
// looks like a content word that reordering moved in, rather than a short
// function word ("de", "el", "que") that transfer rules insert without a
// word-bound blank.
func movedWord(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		if utf8.RuneCountInString(w) > 3 {
			return true
		}
	}
	return false
}

// parseOutput splits Apertium's output stream into runs, unescaping text,
// reading word-bound blanks and atoms, and removing the marks lt-proc -g
// puts before words it could not analyse (*), transfer (@) or generate (#).
func parseOutput(s string) ([]run, []string, error) {
	var runs []run
	var unknown []string
	var cur strings.Builder
	var ids []int
	flush := func() {
		if cur.Len() > 0 {
			runs = append(runs, run{text: cur.String(), ids: ids, atom: -1})
			cur.Reset()
		}
	}
	prevWord := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+2 < len(s) && strings.IndexByte("*@#", s[i+1]) >= 0 && !prevWord:
			// lt-proc escapes the mark of an untranslated word: "\@1980s".
			// Literal marks travel as atoms, so this can only be a mark.
			i++
			continue
		case c == '\\' && i+1 < len(s):
			r, n := utf8.DecodeRuneInString(s[i+1:])
			cur.WriteRune(r)
			prevWord = isWordRune(r)
			i += 1 + n
			continue
		case strings.HasPrefix(s[i:], "[[/]]"):
			flush()
			ids = nil
			i += 5
			continue
		case strings.HasPrefix(s[i:], "[["):
			j := strings.Index(s[i:], "]]")
			if j < 0 {
				return nil, nil, fmt.Errorf("%w: unterminated word-bound blank in apertium output", inline.ErrMalformed)
			}
			flush()
			ids = parseWblank(s[i+2 : i+j])
			i += j + 2
			continue
		case c == '[':
			j := closingBracket(s, i+1)
			if j < 0 {
				return nil, nil, fmt.Errorf("%w: unterminated superblank in apertium output", inline.ErrMalformed)
			}
			content := unescapeStream(s[i+1 : j])
			if n, ok := atomRef(content); ok {
				flush()
				runs = append(runs, run{atom: n})
			} else {
				cur.WriteString(content)
			}
			prevWord = false
			i = j + 1
			continue
		case c == '*' || c == '@' || c == '#':
			// A mark may follow a word with no blank between: lt-proc
			// tokenises "$2.4m" as "2.4" and an unknown "m" ("2.4*m").
			k := i
			for k < len(s) && (s[k] == '*' || s[k] == '@' || s[k] == '#') {
				k++
			}
			end := k
			for end < len(s) {
				r, n := utf8.DecodeRuneInString(s[end:])
				if !isWordRune(r) && r != '-' && r != '\'' {
					break
				}
				end += n
			}
			if end > k {
				w := s[k:end]
				if !slices.Contains(unknown, w) {
					unknown = append(unknown, w)
				}
			}
			i = k
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		cur.WriteRune(r)
		prevWord = isWordRune(r)
		i += n
	}
	flush()
	return runs, unknown, nil
}

// closingBracket returns the index of the unescaped ']' closing a
// superblank whose content starts at from, or -1.
func closingBracket(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ']':
			return i
		}
	}
	return -1
}

func parseWblank(s string) []int {
	var ids []int
	for _, part := range strings.Split(s, ";") {
		v, ok := strings.CutPrefix(strings.TrimSpace(part), "t:")
		if !ok {
			continue
		}
		if id, err := strconv.Atoi(v); err == nil && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func atomRef(content string) (int, bool) {
	v, ok := strings.CutPrefix(content, "<a")
	if !ok {
		return 0, false
	}
	v, ok = strings.CutSuffix(v, ">")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}

func unescapeStream(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// tagName names placeholder id for a translator: "<a>" for a link, …
func tagName(seg translate.Segment, id int) string {
	for _, t := range seg.Tags {
		if t.ID == id && t.Name != "" {
			return "<" + t.Name + ">"
		}
	}
	return fmt.Sprintf("<%d>", id)
}
