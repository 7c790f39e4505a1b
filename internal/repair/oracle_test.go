package repair

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// The functions below are the implementations the hand-written scanners
// replaced (regexp-based, allocating), kept as oracles: the new ones must
// give the same answers on every text.

var oldTokenRE = regexp.MustCompile(`[^\s]+`)

func oldSplitGlued(s, source, lang string) (string, []note.Note) {
	var notes []note.Note
	out := oldTokenRE.ReplaceAllStringFunc(s, func(tok string) string {
		core := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" || strings.Contains(source, core) || strings.ContainsAny(core, "@/#_&") {
			return tok
		}
		split := splitToken(core, lang)
		if split == core {
			return tok
		}
		notes = append(notes, note.New(note.GluedWordsSplit, "from", core, "to", split))
		return strings.Replace(tok, core, split, 1)
	})
	return out, notes
}

func oldPlaceholderLen(s string) int {
	if l := placeholderRE.FindStringIndex(s); l != nil && l[0] == 0 {
		return l[1]
	}
	return 0
}

func oldPlaceholders(s string) [][2]int {
	var out [][2]int
	for _, l := range placeholderRE.FindAllStringIndex(s, -1) {
		out = append(out, [2]int{l[0], l[1]})
	}
	return out
}

func oldSimilarFolded(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	short := min(len(ra), len(rb))
	return n >= 5 || (n >= 4 && n == short)
}

// oracleTexts are the seed articles' and testdata/repair's lines, as
// written and pseudo-localised (accents, placeholders), with glued and
// tagged variants and a few hand-made edge cases.
func oracleTexts(t testing.TB) []string {
	var bodies []string
	for _, a := range testenv.Seeds(t) {
		bodies = append(bodies, string(a.Body))
	}
	own, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", "repair", "drafts_en.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bodies = append(bodies, string(own))
	out := []string{"", " ", "\t\f\r\n", "<1>", "</12/>", "<0>", "<1", "<1/2>", "a<1>b</1>c<2/>", "\xff\xfe abc\xffDef",
		"liganoOccidental operacionesdeCIA formaciónde4.5 4.5meses", "3,000 4.5 1.2.3 v2.5 www.x.com/4.5 a@b.co 12,500.75",
		"un “bloqueo total y” completo", "«rápida» \"x\" “ï”", "x\u00a0y\u2028z", "EE.UU.. ... a..b"}
	for _, b := range bodies {
		for _, l := range strings.Split(b, "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			out = append(out, l, translate.Pseudolocalize(l), "<1>"+l+"</1>", strings.ReplaceAll(l, " ", ""), strings.ReplaceAll(l, " o", "O"))
		}
	}
	return out
}

func checkOracle(t *testing.T, s, source string) {
	t.Helper()
	for _, lang := range []string{"es", "pt"} {
		got, gotN := splitGlued(s, source, lang)
		want, wantN := oldSplitGlued(s, source, lang)
		if got != want || !cmp.Equal(gotN, wantN) {
			t.Fatalf("splitGlued(%q, %q): %q %v, want %q %v", s, lang, got, gotN, want, wantN)
		}
	}
	if diff := cmp.Diff(oldPlaceholders(s), placeholders(s)); diff != "" {
		t.Fatalf("placeholders(%q): %s", s, diff)
	}
	for i := range len(s) {
		if got, want := placeholderLen(s[i:]), oldPlaceholderLen(s[i:]); got != want {
			t.Fatalf("placeholderLen(%q) = %d, want %d", s[i:], got, want)
		}
	}
	if !digitSepDigit(s) && englishNumberRE.MatchString(s) {
		t.Fatalf("digitSepDigit(%q) is false but englishNumberRE matches", s)
	}
	ws := strings.Fields(fold(s))
	for i := 1; i < len(ws); i++ {
		for _, p := range [][2]string{{ws[i-1], ws[i]}, {ws[i], ws[i][:len(ws[i])/2]}, {ws[i], ws[i] + "x"}} {
			if got, want := similarFolded(p[0], p[1]), oldSimilarFolded(p[0], p[1]); got != want {
				t.Fatalf("similarFolded(%q, %q) = %v, want %v", p[0], p[1], got, want)
			}
		}
	}
}

// TestScannersMatchOracles compares the hand-written scanners with the
// implementations they replaced over the seed texts.
func TestScannersMatchOracles(t *testing.T) {
	texts := oracleTexts(t)
	for i, s := range texts {
		checkOracle(t, s, texts[(i+1)%len(texts)])
		checkOracle(t, s, s[:len(s)/2])
	}
}

// FuzzScannersMatchOracles is the same comparison on any text.
func FuzzScannersMatchOracles(f *testing.F) {
	for _, s := range oracleTexts(f)[:40] {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, source string) { checkOracle(t, s, source) })
}

// oldFold is fold before its table: the oracle for foldLatin.
func oldFold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestFoldMatchesOracle folds every rune below foldBelow in pairs (a
// mark between them, too) and the seed texts' words.
func TestFoldMatchesOracle(t *testing.T) {
	for r := rune(0); r < foldBelow+0x40; r++ {
		for _, s := range []string{string(r), "A" + string(r) + "é", string(r) + "\u0301", "ñ" + string(r) + string(r) + "Ŧ"} {
			if got, want := fold(s), oldFold(s); got != want {
				t.Fatalf("fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range oracleTexts(t) {
		for _, w := range append(strings.Fields(s), s) {
			if got, want := fold(w), oldFold(w); got != want {
				t.Fatalf("fold(%q) = %q, want %q", w, got, want)
			}
		}
	}
}

func FuzzFoldMatchesOracle(f *testing.F) {
	for _, s := range []string{"Rápida", "ŦĥÉ", "İstanbul", "Ⱥb", "a\u0301", "\xffé", "ǅ", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), oldFold(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}

// oldQuotations is quotations before it jumped to the opening marks.
func oldQuotations(s string) []qspan {
	var out []qspan
	for i := 0; i < len(s); {
		found := false
		for _, p := range quotePairs {
			if !strings.HasPrefix(s[i:], p[0]) {
				continue
			}
			j := strings.Index(s[i+len(p[0]):], p[1])
			if j < 0 {
				break
			}
			c := i + len(p[0]) + j
			out = append(out, qspan{i, c, len(p[0]), len(p[1])})
			i = c + len(p[1])
			found = true
			break
		}
		if !found {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	return out
}

func checkQuotations(t *testing.T, s string) {
	t.Helper()
	if diff := cmp.Diff(oldQuotations(s), quotations(s), cmp.AllowUnexported(qspan{})); diff != "" {
		t.Fatalf("quotations(%q): %s", s, diff)
	}
}

func TestQuotationsMatchOracle(t *testing.T) {
	for _, s := range oracleTexts(t) {
		checkQuotations(t, s)
	}
}

func FuzzQuotationsMatchOracle(f *testing.F) {
	for _, s := range []string{"un “bloqueo total y” completo", "«a» \"b\" “c", "\xe2\x80“x”", "”“", "\"\"\""} {
		f.Add(s)
	}
	f.Fuzz(checkQuotations)
}
