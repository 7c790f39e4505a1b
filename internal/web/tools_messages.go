package web

import "github.com/pressroom-dev/pressroom/internal/i18n"

// toolMessages are the strings the editor's tools scripts (editor-*.js)
// show, in the page's language; the scripts fill {name}-style slots.
func toolMessages(l *i18n.Localizer) map[string]string {
	m := map[string]string{}
	for _, id := range []string{"FindNone", "ReplaceNothing", "ReplaceDone", "ReplaceUndone", "ConcordanceNone",
		"ConcordanceBusy", "PreviewLoading", "ApproveMemoryDone", "ToolsFailed"} {
		m[id] = l.T(id)
	}
	m["FilterShown"] = l.T("FilterShown", "Shown", "{shown}", "Total", "{total}")
	m["FindCount"] = l.T("FindCount", "N", "{n}")
	m["ReplaceSummary"] = l.T("ReplaceSummary", "N", "{n}")
	m["ReplaceResult"] = l.T("ReplaceResult", "Saved", "{saved}", "Failed", "{failed}")
	m["ConcordanceCount"] = l.T("ConcordanceCount", "N", "{n}")
	m["ApproveMemoryResult"] = l.T("ApproveMemoryResult", "Approved", "{approved}", "Failed", "{failed}")
	m["ApproveMemory"] = l.T("ApproveMemory", "N", "{n}")
	m["ApproveMemoryConfirm"] = l.T("ApproveMemoryConfirm", "N", "{n}")
	return m
}
