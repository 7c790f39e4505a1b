package qa_test

import (
	"context"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/qa"
)

// FuzzCheck: any source and target, well-formed or not, give findings
// without panicking, each with a known code and a severity.
func FuzzCheck(f *testing.F) {
	for _, s := range [][2]string{
		{"They left over 3,000 dead.", "Dejaron más de 3.000 muertos."},
		{"Read <1>the report</1>.", "Lea <1>el informe</1>."},
		{"What next?", "Qué sigue?"},
		{"A 4.5-month course at https://x.org/a-1.5.", "Una formaciónde4,5 meses en https://x.org/a-1.5.."},
		{"“total and complete”", "«total y completo"},
		{"$100 billion", "100 mil millones 1 2 3 4 5 6 7 8 9 0"},
		{"1.2.3 12,500.75 3 000 19th 1980s", "1,2,3 12.500,75 3000 XIX 80"},
	} {
		f.Add("en", "es", s[0], s[1])
		f.Add("en", "pt-BR", s[0], s[1])
	}
	c := qa.New(qa.Config{})
	f.Fuzz(func(t *testing.T, from, to, src, tgt string) {
		for _, fd := range c.Check(context.Background(), qa.Segment{From: from, To: to, Source: src, Target: tgt}) {
			if qa.DefaultSeverity(fd.Code) == "" || (fd.Severity != qa.Error && fd.Severity != qa.Warning) || fd.Message == "" {
				t.Fatalf("finding %+v", fd)
			}
		}
	})
}
