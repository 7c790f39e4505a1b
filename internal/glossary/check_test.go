package glossary

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCheck(t *testing.T) {
	terms := []Term{
		term("union", Preferred, "union", "sindicato", false),
		term("union-bad", Forbidden, "union", "unión", false),
		term("spear", DoNotTranslate, "Jess Spear", "", true),
		term("roller", Preferred, "steamroller", "apisonadora", false),
		term("gringo", Forbidden, "", "gringo", false),
	}
	for _, tc := range []struct {
		name, source, target string
		want                 []Finding
	}{
		{"all good", "The unions backed Jess Spear.", "Los sindicatos apoyaron a Jess Spear.", nil},
		{"inflected target is fine", "The steamroller of empire.", "Las apisonadoras del imperio.", nil},
		{"preferred missing", "The union voted.", "La organización votó.",
			[]Finding{{Code: CodePreferredMissing, Severity: SeverityWarning, TermID: "union", Source: "union", Expected: "sindicato"}}},
		{"forbidden used for the term", "The unions voted.", "Las uniones votaron.",
			[]Finding{
				{Code: CodePreferredMissing, Severity: SeverityWarning, TermID: "union", Source: "unions", Expected: "sindicato"},
				{Code: CodeForbiddenUsed, Severity: SeverityError, TermID: "union-bad", Source: "unions", Found: "uniones"},
			}},
		{"forbidden word without a source term", "The Americans left.", "Los gringos se fueron.",
			[]Finding{{Code: CodeForbiddenUsed, Severity: SeverityError, TermID: "gringo", Found: "gringos"}}},
		{"name altered", "Jess Spear spoke.", "Jess Lanza habló.",
			[]Finding{{Code: CodeDNTAltered, Severity: SeverityError, TermID: "spear", Source: "Jess Spear", Expected: "Jess Spear"}}},
		{"tagged text", "<1>Jess Spear</1> spoke.", "<1>Jess Spear</1> habló.", nil},
		{"name kept once, altered once", "Jess Spear said Jess Spear's team won.", "Jess Spéar dijo que el equipo de Jess Spear ganó.",
			[]Finding{{Code: CodeDNTAltered, Severity: SeverityError, TermID: "spear", Source: "Jess Spear", Expected: "Jess Spear", Found: "Jess Spéar"}}},
		{"name kept, its words in lower case elsewhere", "Jess Spear said so.", "Jess Spear lo dijo; jess spear no.", nil},
		{"name kept twice", "Jess Spear said Jess Spear's team won.", "Jess Spear dijo que el equipo de Jess Spear ganó.", nil},
		{"forbidden needs its source term", "The Europeans met.", "La Unión Europea se reunió.", nil},
		{"empty target", "The union.", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Check("en", "es", tc.source, tc.target, terms)
			if d := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(Finding{}, "Message")); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			for _, f := range got {
				if f.Message == "" || f.QAIssue().Code != f.Code {
					t.Errorf("finding %+v: no message or QA shape", f)
				}
			}
		})
	}
}
