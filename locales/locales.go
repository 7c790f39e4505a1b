// Package locales embeds the go-i18n message files of the UI and of the
// chrome around published editions: one TOML file per language.
package locales

import "embed"

// FS holds en.toml, es.toml and pt.toml.
//
//go:embed *.toml
var FS embed.FS
