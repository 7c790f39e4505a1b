package app

import (
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/qa/hunspell"
	"github.com/pressroom-dev/pressroom/internal/translate/backends"
)

// qaChecker builds the quality checks from the config file's [qa] table,
// with Hunspell's spelling check when Hunspell is installed (Debian
// hunspell, hunspell-es, hunspell-pt-br) and not turned off.
func (a *App) qaChecker(file *backends.File) *qa.Checker {
	var cfg qa.Config
	if file != nil {
		cfg = file.QA
	}
	opts := []qa.Option{qa.WithLogger(a.log)}
	if cfg.Severity[qa.CodeSpelling] != qa.Off {
		sp, err := hunspell.New(hunspell.Options{Logger: a.log})
		if err != nil {
			a.log.Info("qa: no spelling check", "why", err)
		} else {
			a.speller = sp
			opts = append(opts, qa.WithSpeller(sp))
			a.log.Info("qa: spelling checked with hunspell", "es", sp.Has("es"), "pt-BR", sp.Has("pt-BR"))
		}
	}
	return qa.New(cfg, opts...)
}
