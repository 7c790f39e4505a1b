package web

import (
	"sort"

	"github.com/pressroom-dev/pressroom/internal/i18n"
	"github.com/pressroom-dev/pressroom/internal/note"
	"github.com/pressroom-dev/pressroom/internal/store"
)

// Notes and QA findings are stored as codes with arguments; these render
// them in the reader's language (message ids "Note_"+code and "QA_"+code),
// falling back to the stored English for a code the locales do not know.

func argsKV(args map[string]string) []any {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	kv := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		kv = append(kv, k, args[k])
	}
	return kv
}

// noteText is a note in the reader's language.
func noteText(loc *i18n.Localizer, n note.Note) string {
	id := "Note_" + n.Code
	if s := loc.T(id, argsKV(n.Args)...); s != id {
		return s
	}
	return n.English()
}

// qaText is a finding in the reader's language.
func qaText(loc *i18n.Localizer, q store.QAIssue) string {
	id := "QA_" + q.Code
	if s := loc.T(id, argsKV(q.Args)...); s != id {
		return s
	}
	return q.Message
}

func noteTexts(loc *i18n.Localizer, ns []note.Note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = noteText(loc, n)
	}
	return out
}
