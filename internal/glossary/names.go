package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is a proper name or foreign slogan found in an article, proposed as
// a do-not-translate term.
type Name struct {
	Text    string // as written ("Nicolás Maduro", "Nuestra América")
	Kind    string // NameKind or SloganKind
	Context string // the first sentence it occurs in
	Count   int    // occurrences in the article
}

// Kinds of Name.
const (
	NameKind   = "name"
	SloganKind = "slogan"
)

// Sentence is a segment of an article as FindNames reads it.
type Sentence struct {
	Text    string // plain text
	Heading bool
}

// FindNames proposes the proper names of an English article: people,
// places and organisations written as two or more capitalised words
// ("Keir Starmer", "JD Vance", "Simón Bolívar"), the surnames of those
// names when the article also uses them alone ("Trump"), and foreign
// slogans — capitalised runs or short quotations in Spanish or Portuguese
// ("Nuestra América", “¡Venceremos!”). It leaves out runs that are titles,
// institutions and the like, which translators do translate ("White
// House", "Vice President", "Latin America", "Monroe Doctrine"), words
// capitalised only because they open a sentence (a word the article also
// writes in lower case is a common word), and headings in title case.
// Names are in order of first occurrence. Other source languages get
// none: the rules are English.
func FindNames(lang string, sentences []Sentence) []Name {
	if base(lang) != "en" {
		return nil
	}
	lower := lowerVocabulary(sentences)
	var out []Name
	index := map[string]int{}
	add := func(text, kind, context string) {
		k := nameKey(text)
		if _, ok := index[k]; ok {
			return
		}
		index[k] = len(out)
		out = append(out, Name{Text: text, Kind: kind, Context: clip(context, 200)})
	}
	var people []Name
	for _, s := range sentences {
		if s.Heading && titleCase(s.Text) {
			continue
		}
		for _, run := range capitalisedRuns(s.Text, lower) {
			kind := NameKind
			if foreign(run) {
				kind = SloganKind
			}
			add(run, kind, s.Text)
			if kind == NameKind {
				people = append(people, Name{Text: run, Context: s.Text})
			}
		}
		for _, q := range quotations(s.Text) {
			if foreign(q) && !strings.Contains(q, "\n") {
				add(q, SloganKind, s.Text)
			}
		}
	}
	// Surnames used alone ("Trump" after "Donald Trump").
	toks := make([][]token, len(sentences))
	for i, s := range sentences {
		toks[i] = tokenize(s.Text)
	}
	for _, p := range people {
		full := tokenize(p.Text)
		last := full[len(full)-1].text
		if !isCapitalised(last) || utf8.RuneCountInString(last) < 3 || lower[strings.ToLower(last)] {
			continue
		}
		for i, s := range sentences {
			if aloneIn(toks[i], last, full) {
				add(last, NameKind, s.Text)
				break
			}
		}
	}
	for i := range out {
		for _, s := range sentences {
			out[i].Count += countWord(s.Text, out[i].Text)
		}
		if out[i].Count == 0 {
			out[i].Count = 1
		}
	}
	return out
}

// capitalisedRuns returns the runs of two or more capitalised words in a
// sentence, split at titles and common nouns, without words capitalised
// only because they open the sentence.
func capitalisedRuns(text string, lower map[string]bool) []string {
	toks := tokenize(text)
	var out []string
	var run []token
	flush := func() {
		for _, part := range splitRun(run) {
			if len(part) >= 2 && hasTitleWord(part) {
				out = append(out, text[part[0].start:part[len(part)-1].end])
			}
		}
		run = run[:0]
	}
	for i, t := range toks {
		if len(run) > 0 {
			if g := normGap(text[toks[i-1].end:t.start]); g != " " && g != "-" {
				flush()
			}
		}
		w, suffix := englishPossessive(t.text)
		if suffix != "" {
			t = token{t.start, t.end - len(suffix), w}
		}
		switch {
		case connector(w) && len(run) > 0 && i+1 < len(toks) && nameWord(toks[i+1].text):
			run = append(run, t)
		case nameWord(w):
			if sentenceStart(text, t.start) && (commonWord(w) || lower[strings.ToLower(w)] || inflected(w)) {
				flush()
				continue
			}
			run = append(run, t)
		default:
			flush()
			continue
		}
		if suffix != "" {
			flush() // a possessive ends its name: "Mexico’s Benito Juárez"
		}
	}
	flush()
	return out
}

// splitRun cuts a run at words that make it a title, an institution or a
// common noun phrase, and keeps what can be a name: the part after the
// last such word, since titles come before names ("Prime Minister Keir
// Starmer") while the parts before one belong to the institution
// ("Palestinian Youth Movement"). Leading English function words ("Our
// Hemisphere") and connectors at either end are trimmed.
func splitRun(run []token) [][]token {
	var part []token
	for _, t := range run {
		if breakWord(t.text) {
			part = nil
			continue
		}
		part = append(part, t)
	}
	for len(part) > 0 && (connector(part[0].text) || commonWord(part[0].text)) {
		part = part[1:]
	}
	for len(part) > 0 && connector(part[len(part)-1].text) {
		part = part[:len(part)-1]
	}
	return [][]token{part}
}

// inflected: a capitalised word with an English inflectional ending that
// names rarely have ("Underestimating", "Clearly"), which at the start of
// a sentence is a common word.
func inflected(w string) bool {
	l := strings.ToLower(w)
	return len(l) > 5 && (strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ed"))
}

// hasTitleWord: at least one word of the part is a capitalised word with
// lower-case letters (not only initials and acronyms).
func hasTitleWord(part []token) bool {
	for _, t := range part {
		if isCapitalised(t.text) && !isAcronym(t.text) {
			return true
		}
	}
	return false
}

// nameWord: a word that can be part of a name — capitalised with lower-case
// letters after ("Starmer", "O'Brien"), or initials of at most three
// capitals ("JD").
func nameWord(w string) bool {
	if !isCapitalised(w) {
		return false
	}
	if isAcronym(w) {
		return utf8.RuneCountInString(w) <= 3 && !commonWord(w)
	}
	return strings.IndexFunc(w, unicode.IsLower) >= 0
}

// sentenceStart reports whether the word at byte i opens a sentence:
// nothing but punctuation and spaces before it, or an end of sentence.
func sentenceStart(text string, i int) bool {
	if q, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(text[:i], unicode.IsSpace)); strings.ContainsRune(`"“‘«(`, q) {
		return true // the first word of a quotation
	}
	before := strings.TrimRightFunc(text[:i], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"“‘'(«¿¡—–-`, r)
	})
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".!?…", r)
}

// lowerVocabulary is every word the article writes in lower case.
func lowerVocabulary(sentences []Sentence) map[string]bool {
	out := map[string]bool{}
	for _, s := range sentences {
		for _, t := range tokenize(s.Text) {
			if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsLower(r) {
				out[t.text] = true
			}
		}
	}
	return out
}

// titleCase: a heading with most of its words capitalised.
func titleCase(s string) bool {
	toks := tokenize(s)
	caps, words := 0, 0
	for _, t := range toks {
		if connector(t.text) || commonWord(t.text) && !isCapitalised(t.text) {
			continue
		}
		words++
		if isCapitalised(t.text) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*6
}

// quotations returns the texts between quotation marks in a sentence.
func quotations(s string) []string {
	var out []string
	for _, q := range [][2]string{{"“", "”"}, {"«", "»"}, {"‘", "’"}, {`"`, `"`}} {
		rest := s
		for {
			i := strings.Index(rest, q[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(q[0]):]
			j := strings.Index(rest, q[1])
			if j < 0 {
				break
			}
			inner := strings.Trim(strings.TrimSpace(rest[:j]), ".,;:!¡?¿")
			if n := len(tokenize(inner)); n >= 1 && n <= 8 {
				out = append(out, inner)
			}
			rest = rest[j+len(q[1]):]
		}
	}
	return out
}

// foreign reports whether a phrase reads as Spanish or Portuguese: most of
// its words are common words of those languages or have their letters
// (ñ, ã, ç, accents), none is an English function word, and it has inverted
// marks or, if every word is capitalised, at least one common word — a
// personal name like "Simón Bolívar" is a name, not a slogan.
func foreign(s string) bool {
	if strings.ContainsAny(s, "¡¿") {
		return true
	}
	toks := tokenize(s)
	common, score := 0, 0
	allCaps := true
	for _, t := range toks {
		w := strings.ToLower(t.text)
		allCaps = allCaps && isCapitalised(t.text)
		switch {
		case iberianWords[w]:
			if !connector(w) {
				common++
			}
			score++
		case englishWords[w]:
			return false
		case strings.ContainsAny(w, "ñãõçáéíóúâêô"):
			score++
		}
	}
	if len(toks) == 0 || score*2 <= len(toks) {
		return false
	}
	return !allCaps || common > 0
}

// aloneIn reports whether word occurs in a sentence's words (toks) as a
// word that is not part of the full name (fulls).
func aloneIn(toks []token, word string, fulls []token) bool {
	for i, t := range toks {
		if !strings.HasPrefix(t.text, word) {
			continue // neither word nor its possessive
		}
		if w, _ := englishPossessive(t.text); w != word {
			continue
		}
		// Part of the full name if the words before it are the name's.
		k := len(fulls) - 1
		if i >= k {
			in := true
			for j := 0; j < k; j++ {
				if toks[i-k+j].text != fulls[j].text {
					in = false
					break
				}
			}
			if in {
				continue
			}
		}
		return true
	}
	return false
}

// countWord counts whole-word, case-sensitive occurrences of phrase in s.
func countWord(s, phrase string) int {
	n := 0
	for rest := s; ; {
		i := strings.Index(rest, phrase)
		if i < 0 {
			return n
		}
		before, _ := utf8.DecodeLastRuneInString(rest[:i])
		after, _ := utf8.DecodeRuneInString(rest[i+len(phrase):])
		if (i == 0 || !isWordRune(before)) && !isWordRune(after) {
			n++
		}
		rest = rest[i+len(phrase):]
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func connector(w string) bool { return connectors[w] }

func commonWord(w string) bool { return englishWords[strings.ToLower(w)] }

// breakWord: a word that turns a capitalised run into a title, an
// institution, a place description or a common noun phrase.
func breakWord(w string) bool { return breakWords[strings.ToLower(w)] }

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Word lists (read-only after initialisation).
var (
	connectors = wordSet(`de del da das do dos van von der den di du la le bin ibn al y e`)

	englishWords = wordSet(`a an the of and or in on at to for from by with as but not no nor is was are were be been
 this that these those his her its their our my your he she it we they i you me him them us who whom whose which what
 when where why how while after before since until though although because if then than so yet also even indeed
 having being there here all any some many most more much such each every both either neither other another
 one two three four five six seven eight nine ten first second third last next new old
 mr mrs ms dr st sir madam lord lady
 yes mr said says will would can could may might must shall should do does did done has had have
 however meanwhile today tomorrow yesterday now later earlier still just only already again
 under over against between among through during without within across about above below around
 let we're it's don't can't`)

	breakWords = wordSet(`america american americas americans states united kingdom union nations republic federation
 sea ocean river mountains island islands gulf bay coast north south east west northern southern eastern western
 new central latin middle great greater
 president presidents minister ministers prime secretary general chancellor king queen prince princess senator
 governor mayor vice deputy chief director chairman leader commander ambassador pope saint
 house white court supreme congress senate parliament council department ministry office party army navy force
 forces guard police university bank company corporation church state city county province district region
 government administration agency commission committee foundation institute association federal national
 international world global european african asian
 january february march april may june july august september october november december
 monday tuesday wednesday thursday friday saturday sunday
 doctrine plan act law treaty war revolution revolutionary agreement accord crisis movement day summit conference
 strategy charter policy big uncle
 street avenue square road airport station port
 poet author writer journalist activist professor liberator hero organiser organizer spokesman spokeswoman
 spokesperson candidate member lawyer judge reporter correspondent editor`)

	iberianWords = wordSet(`el la los las lo un una unos unas de del y o que en no es son por para con sin su sus se
 nuestra nuestro nuestras nuestros patria pueblo pueblos unido unidos jamás será vencido vencida hasta siempre
 victoria venceremos muerte libre libres sí puede todos todas nada ni paz tierra libertad vida viva vivan abajo
 fuera yanqui yanquis lucha luchas compañero compañeros compañeras revolución socialismo muerte mañana pan trabajo
 o a os as do da dos das nossa nosso nossas nossos povo luta não é com sem pra terra fora vai ter golpe nunca mais
 companheiro companheiros trabalhadores trabalhadoras trabajadores trabajadoras ya basta adelante
 ni una menos`)
)
