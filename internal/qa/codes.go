package qa

import (
	"sort"
	"strings"
)

// Finding codes. They are part of the API and of the locales (message id
// "QA_"+code): never rename one.
const (
	CodeTagMissing          = "tag_missing"
	CodeTagExtra            = "tag_extra"
	CodeTagMisnested        = "tag_misnested"
	CodeNumberMissing       = "number_missing"
	CodeNumberExtra         = "number_extra"
	CodeNumberFormat        = "number_format"
	CodeURLMissing          = "url_missing"
	CodeEmailMissing        = "email_missing"
	CodeTermMissing         = "term_missing"
	CodeTermForbidden       = "term_forbidden"
	CodeTermChanged         = "term_changed"
	CodeSameAsSource        = "same_as_source"
	CodeEmptyTarget         = "empty_target"
	CodeLengthRatio         = "length_ratio"
	CodeSentenceCount       = "sentence_count"
	CodeEndPunctuation      = "end_punctuation"
	CodeLeadingSpace        = "leading_space"
	CodeTrailingSpace       = "trailing_space"
	CodeDoubleSpace         = "double_space"
	CodeSpaceBeforePunct    = "space_before_punctuation"
	CodeQuotesUnpaired      = "quotes_unpaired"
	CodeQuoteStyle          = "quote_style"
	CodeInvertedMark        = "inverted_mark_missing"
	CodeRepeatedWord        = "repeated_word"
	CodeUntranslated        = "untranslated_word"
	CodeSpanishInPortuguese = "spanish_word"
	CodeGluedWords          = "glued_words"
	CodeDoubledPunctuation  = "doubled_punctuation"
	CodeSpelling            = "spelling"
)

// check is a code's default severity and English message ({arg} is
// replaced by the argument).
type check struct {
	severity Severity
	en       string
}

var checks = map[string]check{
	CodeTagMissing:          {Error, "the tag {tag} of the source is missing"},
	CodeTagExtra:            {Error, "the tag {tag} is not in the source"},
	CodeTagMisnested:        {Error, "the tag {tag} is opened and closed out of order"},
	CodeNumberMissing:       {Error, "the number {number} of the source is missing"},
	CodeNumberExtra:         {Error, "the number {number} is not in the source"},
	CodeNumberFormat:        {Warning, "write {number} as {want} in this language"},
	CodeURLMissing:          {Error, "the address {url} of the source is missing"},
	CodeEmailMissing:        {Error, "the e-mail address {email} of the source is missing"},
	CodeTermMissing:         {Warning, "the glossary translates “{term}” as “{target}”"},
	CodeTermForbidden:       {Error, "the glossary forbids “{target}” for “{term}”"},
	CodeTermChanged:         {Error, "“{term}” must stay as it is (glossary: do not translate)"},
	CodeSameAsSource:        {Warning, "the translation is the same as the source"},
	CodeEmptyTarget:         {Error, "the translation is empty"},
	CodeLengthRatio:         {Warning, "the translation is {ratio} times as long as the source (expected {min}–{max})"},
	CodeSentenceCount:       {Warning, "the source has {source} sentences, the translation {target}"},
	CodeEndPunctuation:      {Warning, "the source ends with {source}, the translation with {target}"},
	CodeLeadingSpace:        {Warning, "the translation starts with a space"},
	CodeTrailingSpace:       {Warning, "the translation ends with a space"},
	CodeDoubleSpace:         {Warning, "the translation has a double space"},
	CodeSpaceBeforePunct:    {Warning, "space before “{mark}”"},
	CodeQuotesUnpaired:      {Warning, "the quotation mark {mark} is not closed or not opened"},
	CodeQuoteStyle:          {Warning, "quotation marks {found}: this language uses {want}"},
	CodeInvertedMark:        {Error, "Spanish needs an opening {mark}"},
	CodeRepeatedWord:        {Warning, "the word “{word}” is repeated"},
	CodeUntranslated:        {Warning, "“{word}” looks untranslated"},
	CodeSpanishInPortuguese: {Warning, "“{word}” is Spanish, not Portuguese"},
	CodeGluedWords:          {Warning, "“{word}” looks like words run together"},
	CodeDoubledPunctuation:  {Warning, "doubled punctuation “{mark}”"},
	CodeSpelling:            {Warning, "“{word}” may be misspelt"},
}

// Codes lists every finding code, sorted.
func Codes() []string {
	out := make([]string, 0, len(checks))
	for c := range checks {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// DefaultSeverity is a code's severity when the config does not set one.
func DefaultSeverity(code string) Severity { return checks[code].severity }

// message renders a finding in English.
func message(f Finding) string {
	m := checks[f.Code].en
	if m == "" {
		m = f.Code
	}
	if strings.IndexByte(m, '{') < 0 {
		return m // no placeholder to fill: every ReplaceAll would be a no-op
	}
	for k, v := range f.Args {
		m = strings.ReplaceAll(m, "{"+k+"}", v)
	}
	return m
}
