package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/importer"
)

// maxInput bounds what segment and translate read from one file or stdin.
const maxInput = importer.MaxSize

// formatHelp is the --format help of segment and translate.
const formatHelp = `input format: text, markdown, html, or auto (from the file name: .md/.markdown,
.html/.htm, .txt; else from the content: Markdown links, emphasis, code or
# headings mean markdown, a leading HTML element means html, anything else text)`

// input is one document to work on: a FILE argument or stdin ("-").
type input struct {
	name   string // the file name, or "-" for stdin
	format string // text, markdown or html, resolved
	doc    document.Document
}

// checkFormat refuses a --format value other than auto and the importer's.
func checkFormat(format string) error {
	switch format {
	case "auto", "text", "markdown", "html":
		return nil
	}
	return usagef("--format %q: want auto, text, markdown or html", format)
}

// readInputs reads and imports each FILE, or stdin when there are none (or
// for the name "-"), like cat. Every failure to read or import is a usage
// error naming the input.
func readInputs(env Env, files []string, format string) ([]input, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	var out []input
	for _, name := range files {
		body, err := readInput(env, name)
		if err != nil {
			return nil, err
		}
		f := format
		if f == "auto" {
			if f = importer.FormatOfName(name); f == "" {
				f = importer.Detect(body)
			}
		}
		doc, err := importer.Parse(f, body)
		if errors.Is(err, importer.ErrInput) {
			return nil, usagef("%s: %w", display(name), err)
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", display(name), err)
		}
		out = append(out, input{name: name, format: f, doc: doc})
	}
	return out, nil
}

func display(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

func readInput(env Env, name string) ([]byte, error) {
	r := env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageError{err}
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, usagef("%s: %w", display(name), err)
	}
	if len(b) > maxInput {
		return nil, usagef("%s is larger than %d MiB", display(name), maxInput>>20)
	}
	return b, nil
}
