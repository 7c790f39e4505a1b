package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/testenv"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// strike is the sentence of issue 8's done-when check.
const strike = "The workers called a [general strike](https://example.org/strike) on *Saturday*.\n"

func TestTranslateFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	md := write("strike.md", "# Port strike\n\n"+strike+"\n- one\n- two\n\n> A quote.\n")
	html := write("strike.html", `<h2>Harbour</h2><p>Ships <a href="https://example.org/">wait</a> <em>here</em>.</p>`)
	txt := write("note.txt", "Prices [rose] 5% *today*.")
	noext := write("note", strike)

	pseudo := []string{"translate", "--backend", "pseudo", "--to", "es"}
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"markdown from stdin", strike, []string{"--format", "markdown"},
			"\\[es\\] Ţĥé ŵöŕķéŕš çáļļéď á [ĝéñéŕáļ šţŕíķé](https://example.org/strike) öñ *Šáţúŕďáý*.\n"},
		{"markdown detected on stdin", strike, nil,
			"\\[es\\] Ţĥé ŵöŕķéŕš çáļļéď á [ĝéñéŕáļ šţŕíķé](https://example.org/strike) öñ *Šáţúŕďáý*.\n"},
		{"html from stdin", `<p>Ships <a href="https://example.org/">wait</a> <em>here</em>.</p>`, []string{"--format", "html"},
			"<p>[es] Šĥípš <a href=\"https://example.org/\" rel=\"noopener\">ŵáíţ</a> <em>ĥéŕé</em>.</p>\n"},
		{"markdown file: headings, lists, quotes", "", []string{md},
			"# \\[es\\] Pöŕţ šţŕíķé\n\n\\[es\\] Ţĥé ŵöŕķéŕš çáļļéď á [ĝéñéŕáļ šţŕíķé](https://example.org/strike) öñ *Šáţúŕďáý*.\n\n- \\[es\\] öñé\n- \\[es\\] ţŵö\n\n> \\[es\\] Á qúöţé.\n"},
		{"html file", "", []string{html},
			"<h2>[es] Ĥáŕƀöúŕ</h2>\n<p>[es] Šĥípš <a href=\"https://example.org/\" rel=\"noopener\">ŵáíţ</a> <em>ĥéŕé</em>.</p>\n"},
		{"text file keeps its words", "", []string{txt}, "[es] Pŕíçéš [ŕöšé] 5% *ţöďáý*.\n"},
		{"a file without extension is detected", "", []string{noext},
			"\\[es\\] Ţĥé ŵöŕķéŕš çáļļéď á [ĝéñéŕáļ šţŕíķé](https://example.org/strike) öñ *Šáţúŕďáý*.\n"},
		{"files and stdin in order", "Stdin.", []string{txt, "-"}, "[es] Pŕíçéš [ŕöšé] 5% *ţöďáý*.\n\n[es] Šţďíñ.\n"},
		// The Markdown syntax goes as words; the address in it is left as
		// it is, as engines do (and the QA checks want).
		{"explicit text sends Markdown as words", strike, []string{"--format", "text"},
			"[es] Ţĥé ŵöŕķéŕš çáļļéď á [ĝéñéŕáļ šţŕíķé](https://example.org/strike) öñ *Šáţúŕďáý*.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.stdin, nil, append(pseudo, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if d := cmp.Diff(tc.want, out); d != "" {
				t.Errorf("output (-want +got):\n%s", d)
			}
			if !strings.Contains(errOut, "translated en→es by pseudo") {
				t.Errorf("stderr does not say which backend answered: %q", errOut)
			}
		})
	}
}

// TestTranslateJSON: the engine gets placeholders, never Markdown syntax
// or URLs, and --json says so segment by segment.
func TestTranslateJSON(t *testing.T) {
	code, out, errOut := runCLI(t, strike, nil, "translate", "--backend", "pseudo", "--to", "pt-br", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var segs []translatedSegment
	if err := json.Unmarshal([]byte(out), &segs); err != nil {
		t.Fatal(err)
	}
	want := []translatedSegment{{Block: 0, Source: "The workers called a <1>general strike</1> on <2>Saturday</2>.",
		Target: "[pt-BR] Ţĥé ŵöŕķéŕš çáļļéď á <1>ĝéñéŕáļ šţŕíķé</1> öñ <2>Šáţúŕďáý</2>.", Backend: "pseudo", Engine: "pseudo"}}
	if d := cmp.Diff(want, segs); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
}

// TestTranslateApertium is issue 8's done-when check on the real engine:
// the link and the emphasis come back in place, in Markdown and in HTML.
func TestTranslateApertium(t *testing.T) {
	if chain, why := translate.DefaultChain(context.Background(), translate.ListApertiumModes); chain[0] != "apertium" {
		testenv.Require(t, "Apertium", why)
	}
	mdRE := regexp.MustCompile(`^[^\[*]+ \[[^\]]+\]\(https://example\.org/strike\) [^\[*]*\*[^*]+\*\.\n$`)
	htmlRE := regexp.MustCompile(`^<p>[^<]+ <a href="https://example\.org/strike" rel="noopener">[^<]+</a> [^<]*<em>[^<]+</em>\.</p>\n$`)
	for _, tc := range []struct {
		format, in string
		want       *regexp.Regexp
	}{
		{"markdown", strike, mdRE},
		{"html", `<p>The workers called a <a href="https://example.org/strike">general strike</a> on <em>Saturday</em>.</p>`, htmlRE},
	} {
		code, out, errOut := runCLI(t, tc.in, nil, "translate", "--backend", "apertium", "--to", "es", "--format", tc.format)
		if code != 0 || !tc.want.MatchString(out) || !strings.Contains(errOut, "by apertium") {
			t.Errorf("--format %s: exit %d, output %q (want %v), stderr %q", tc.format, code, out, tc.want, errOut)
		}
		if strings.Contains(out, "strike") && !strings.Contains(out, "example.org/strike") {
			t.Errorf("--format %s: untranslated words in %q", tc.format, out)
		}
	}
}

func TestSegment(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "a.md")
	if err := os.WriteFile(md, []byte("# Title\n\nOne *two*. Three [four](https://example.org/)."), 0o644); err != nil {
		t.Fatal(err)
	}
	in := "Dr. Chen met Mr. Smith in the U.S. on Monday. They talked.\n\nA [link](https://example.org/) here."
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"stdin, markdown", in, []string{"--format", "markdown"}, "Dr. Chen met Mr. Smith in the U.S. on Monday.\nThey talked.\nA link here.\n"},
		{"stdin, detected", in, nil, "Dr. Chen met Mr. Smith in the U.S. on Monday.\nThey talked.\nA link here.\n"},
		{"stdin, text", in, []string{"--format", "text"}, "Dr. Chen met Mr. Smith in the U.S. on Monday.\nThey talked.\nA [link](https://example.org/) here.\n"},
		{"file", "", []string{md}, "Title\nOne two.\nThree four.\n"},
		{"file and stdin", "Last one.", []string{md, "-"}, "Title\nOne two.\nThree four.\nLast one.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.stdin, nil, append([]string{"segment"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if d := cmp.Diff(tc.want, out); d != "" {
				t.Errorf("segments (-want +got):\n%s", d)
			}
		})
	}
	code, out, _ := runCLI(t, "Last one.", nil, "segment", "--json", md, "-")
	var segs []segmentOut
	if err := json.Unmarshal([]byte(out), &segs); err != nil || code != 0 {
		t.Fatalf("--json: exit %d %v: %s", code, err, out)
	}
	want := []segmentOut{
		{File: md, Block: 0, Kind: "heading", Index: 0, Text: "Title", Tagged: "Title"},
		{File: md, Block: 1, Kind: "paragraph", Index: 1, Text: "One two.", Tagged: "One <1>two</1>."},
		{File: md, Block: 1, Kind: "paragraph", Index: 2, Text: "Three four.", Tagged: "Three <2>four</2>."},
		{File: "-", Block: 0, Kind: "paragraph", Index: 3, Text: "Last one.", Tagged: "Last one."},
	}
	if d := cmp.Diff(want, segs); d != "" {
		t.Errorf("--json (-want +got):\n%s", d)
	}
}
