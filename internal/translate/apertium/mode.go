package apertium

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// stage is one program of a mode's pipeline, as argv.
type stage []string

// loadStages returns the programs of an installed mode with null-flush on.
//
// The stock `apertium` wrapper cannot serve a long-lived process: its
// deformatter and awk helpers buffer until end of input. Running the mode's
// stages ourselves, each with -z, makes every stage flush at each NUL, so one
// set of processes serves any number of segments. apertium-wblank-mode
// prints the stage list with -z and the word-bound-blank helpers
// (wblank-attach/detach) in place, which is what carries inline tags through
// word reordering; without it we read the .mode file and add -z ourselves.
func loadStages(ctx context.Context, modesDir, mode string, marks bool) ([]stage, error) {
	file := filepath.Join(modesDir, mode+".mode")
	if _, err := os.Stat(file); err != nil {
		return nil, fmt.Errorf("apertium mode %s: %w", mode, err)
	}
	var text string
	if out, err := exec.CommandContext(ctx, "apertium-wblank-mode", "-z", file).Output(); err == nil {
		text = string(out)
	} else {
		raw, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("apertium mode %s: %w", mode, err)
		}
		text = addNullFlush(string(raw))
	}
	stages, err := parsePipeline(text, marks)
	if err != nil {
		return nil, fmt.Errorf("apertium mode %s: %w", mode, err)
	}
	return stages, nil
}

// addNullFlush inserts -z after each program name of a pipeline.
func addNullFlush(pipeline string) string {
	parts := strings.Split(pipeline, "|")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if name, rest, ok := strings.Cut(p, " "); ok && !strings.Contains(" "+rest+" ", " -z ") {
			p = name + " -z " + rest
		}
		parts[i] = p
	}
	return strings.Join(parts, " | ")
}

// parsePipeline splits a mode's shell pipeline into stages. Mode files use
// only single quotes, pipes and the two positional parameters: $1 is the
// generator's option, $2 the tagger's (empty). With marks, $1 is -g, which
// marks unknown words with '*' (we report and strip them); without, -n. A
// pivot route marks only in its last mode, so the second mode's tagger never
// sees the first one's marks.
func parsePipeline(s string, marks bool) ([]stage, error) {
	gen := "-n"
	if marks {
		gen = "-g"
	}
	var stages []stage
	var cur stage
	var word strings.Builder
	inWord, quoted := false, false
	flush := func() {
		if inWord {
			w := word.String()
			switch w {
			case "$1":
				w = gen
			case "$2":
				w = ""
			}
			if w != "" {
				cur = append(cur, w)
			}
		}
		word.Reset()
		inWord = false
	}
	for _, r := range s {
		switch {
		case quoted:
			if r == '\'' {
				quoted = false
			} else {
				word.WriteRune(r)
			}
		case r == '\'':
			quoted, inWord = true, true
		case r == '|':
			flush()
			if len(cur) == 0 {
				return nil, fmt.Errorf("empty stage in %q", s)
			}
			stages = append(stages, cur)
			cur = nil
		case r == ' ' || r == '\t' || r == '\n':
			flush()
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote in %q", s)
	}
	flush()
	if len(cur) > 0 {
		stages = append(stages, cur)
	}
	if len(stages) == 0 {
		return nil, fmt.Errorf("no stages in %q", s)
	}
	return stages, nil
}
