package importer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/document"
)

func para(text string) document.Block { return document.Block{Kind: document.Paragraph, Text: text} }

func heading(level int, text string) document.Block {
	return document.Block{Kind: document.Heading, Level: level, Text: text}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in string
		want     document.Document
	}{
		{"date line is metadata, a short sentence after it the headline",
			" date 2026-01-29 2026 has begun.\n\nSecond paragraph.",
			document.Document{Title: "2026 has begun", Date: "2026-01-29", Blocks: []document.Block{heading(1, "2026 has begun"), para("Second paragraph.")}}},
		{"date line alone",
			"Date: 2025-12-31\nFirst line.\nSecond line.",
			document.Document{Date: "2025-12-31", Blocks: []document.Block{para("First line."), para("Second line.")}}},
		{"not a date",
			"date night was fun.",
			document.Document{Blocks: []document.Block{para("date night was fun.")}}},
		{"headings stand alone",
			"Intro text here.\n\nA short heading\n\nBody text.\n\nWhat comes next?\n\nMore text.",
			document.Document{Blocks: []document.Block{
				para("Intro text here."), heading(2, "A short heading"), para("Body text."),
				heading(2, "What comes next?"), para("More text."),
			}}},
		{"headline on the scraped date line",
			"date 2026-01-29 2026 has begun with US imperialism on the offensive.\n\nThe juggernaut dominated 2025.\n\nA section\n\nMore.",
			document.Document{Title: "2026 has begun with US imperialism on the offensive", Date: "2026-01-29", Blocks: []document.Block{
				heading(1, "2026 has begun with US imperialism on the offensive"), para("The juggernaut dominated 2025."),
				heading(2, "A section"), para("More."),
			}}},
		{"byline under the headline is metadata",
			"Harbour reopens\n\nBy Jane Doe\n\nThe harbour reopened.",
			document.Document{Title: "Harbour reopens", Byline: "Jane Doe", Blocks: []document.Block{heading(1, "Harbour reopens"), para("The harbour reopened.")}}},
		{"a date line under the byline is the date, not a section heading",
			"DRAUGHT FORCES RATIONING\r\n\r\nBy Samuel Achebe\r\n\r\nNov. 27, 2026\r\n\r\nFARMINGTON, N.M. - Farms cut water.\r\n\r\nMore.",
			document.Document{Title: "DRAUGHT FORCES RATIONING", Byline: "Samuel Achebe", Date: "2026-11-27", Blocks: []document.Block{
				heading(1, "DRAUGHT FORCES RATIONING"), para("FARMINGTON, N.M. - Farms cut water."), para("More."),
			}}},
		{"a date line before the byline, with a weekday and a time",
			"Harbour reopens\n\nTuesday, Sept. 8, 2026, 11:15 p.m. EST\n\nBy Jane Doe\n\nThe harbour reopened.\n\nMore.",
			document.Document{Title: "Harbour reopens", Byline: "Jane Doe", Date: "2026-09-08", Blocks: []document.Block{
				heading(1, "Harbour reopens"), para("The harbour reopened."), para("More."),
			}}},
		{"a date further down stays text",
			"Harbour reopens\n\nThe harbour reopened.\n\n27 November 2026\n\nMore.",
			document.Document{Title: "Harbour reopens", Blocks: []document.Block{
				heading(1, "Harbour reopens"), para("The harbour reopened."), heading(2, "27 November 2026"), para("More."),
			}}},
		{"a byline opening the body is metadata, not the headline",
			"By Joaquín Pérez-Ortúzar\n\nAround 2,800 dock workers walked out.\n\nTalks broke down.",
			document.Document{Byline: "Joaquín Pérez-Ortúzar", Blocks: []document.Block{para("Around 2,800 dock workers walked out."), para("Talks broke down.")}}},
		{"a byline opening the body, then the headline",
			"By Jane Doe\n\nHarbour reopens\n\nThe harbour reopened.",
			document.Document{Title: "Harbour reopens", Byline: "Jane Doe", Blocks: []document.Block{heading(1, "Harbour reopens"), para("The harbour reopened.")}}},
		{"a byline with initials is metadata",
			"Harbour reopens\n\nBy Michael S. Schmidt and D.K. O'Brien Jr.\n\nThe harbour reopened.",
			document.Document{Title: "Harbour reopens", Byline: "Michael S. Schmidt and D.K. O'Brien Jr.", Blocks: []document.Block{heading(1, "Harbour reopens"), para("The harbour reopened.")}}},
		{"a sentence starting with By is not a byline, even with an initial",
			"Harbour reopens\n\nBy Monday, J. Smith had left.\n\nMore.",
			document.Document{Title: "Harbour reopens", Blocks: []document.Block{heading(1, "Harbour reopens"), para("By Monday, J. Smith had left."), para("More.")}}},
		{"a sentence starting with By is not a byline",
			"Harbour reopens\n\nBy Monday the harbour reopened.\n\nMore.",
			document.Document{Title: "Harbour reopens", Blocks: []document.Block{heading(1, "Harbour reopens"), para("By Monday the harbour reopened."), para("More.")}}},
		{"two sentences on the date line are the body",
			"date 2026-01-29 It began. Then it went on.\n\nMore text here.",
			document.Document{Date: "2026-01-29", Blocks: []document.Block{para("It began. Then it went on."), para("More text here.")}}},
		{"first block heading is level 1",
			"Harbour reopens\n\nThe harbour reopened.",
			document.Document{Title: "Harbour reopens", Blocks: []document.Block{heading(1, "Harbour reopens"), para("The harbour reopened.")}}},
		{"single newlines separate paragraphs",
			"One sentence here.\nAnother paragraph.\nA third one.",
			document.Document{Blocks: []document.Block{para("One sentence here."), para("Another paragraph."), para("A third one.")}}},
		{"wrapped sentence is rejoined",
			"It was a cold \nnight in the city.",
			document.Document{Blocks: []document.Block{para("It was a cold night in the city.")}}},
		{"short lines without an ending stay apart",
			"features\ncontact manager\nevents, activities\n",
			document.Document{Blocks: []document.Block{para("features"), para("contact manager"), para("events, activities")}}},
		{"e-mail wrapped paragraph is one block",
			"The committee met on Tuesday to discuss the budget for the coming\nyear. Members agreed on most points. A final vote is planned for the\nend of the month.\n\nNext paragraph.",
			document.Document{Blocks: []document.Block{
				para("The committee met on Tuesday to discuss the budget for the coming year. Members agreed on most points. A final vote is planned for the end of the month."),
				para("Next paragraph."),
			}}},
		{"decoration lines are dropped",
			"First.\n\n* * *\n\nSecond.\n____\nThird.",
			document.Document{Blocks: []document.Block{para("First."), para("Second."), para("Third.")}}},
		{"markup characters are escaped",
			"Use <b> & x > 5.",
			document.Document{Blocks: []document.Block{para("Use &lt;b&gt; &amp; x &gt; 5.")}}},
		{"bullet lines are separate paragraphs",
			"• 1. Read the brief \n• 2. Ask questions",
			document.Document{Blocks: []document.Block{para("• 1. Read the brief"), para("• 2. Ask questions")}}},
		{"CRLF and BOM",
			"\uFEFFFirst line.\r\nSecond line.\r\n",
			document.Document{Blocks: []document.Block{para("First line."), para("Second line.")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("text", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
