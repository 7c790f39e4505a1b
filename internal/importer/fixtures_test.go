package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/segment"
)

// segmented is how a translator sees a document: one line per segment,
// prefixed with its block kind.
type segmented struct {
	Kind   document.Kind
	Tagged string
}

func parseFixture(t *testing.T, name, format string) document.Document {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("../../testdata/importer", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := importer.Parse(format, body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func segmentsOf(doc document.Document, lang string) []segmented {
	var out []segmented
	for _, s := range segment.SplitDocument(lang, doc) {
		out = append(out, segmented{s.Kind, s.Tagged})
	}
	return out
}

// TestFixtures imports each fixture article and checks the segments a
// careful human would make: headings alone, the date as metadata, links and
// emphasis as tags, no split inside "U.S.", "e.g." or a quotation.
func TestFixtures(t *testing.T) {
	P, H, L, Q := document.Paragraph, document.Heading, document.ListItem, document.Quote
	tests := []struct {
		file, format string
		date, title  string
		want         []segmented
	}{
		{"article.txt", "text", "2025-11-03", "The harbour reopened on Monday after a week of repairs", []segmented{
			{H, "The harbour reopened on Monday after a week of repairs"},
			{P, "Officials said the storm had damaged three of the five piers."},
			{P, "Work crews from the U.S. Army Corps of Engineers arrived on Wednesday, and by Friday two piers were usable again."},
			{P, "Dr. Helen Marsh, who leads the port authority, called the effort “a small miracle.”"},
			{H, "What happens to the fishing fleet?"},
			{P, "Most boats returned within hours."},
			{P, "Some owners, e.g. those with larger trawlers, waited for the deeper berths on pier 4."},
			{P, "“We lost four days of catch. That is money we will not see again,” said one captain."},
			{H, "Costs and insurance"},
			{P, "The authority estimates the damage at $2.5 million."},
			{P, "Insurers have paid about 40% so far (the rest is expected by March)."},
			{P, "A full report is due on 15 Jan. 2026 at 10 a.m. in the town hall."},
			{P, "Readers can send questions to harbour.desk@example.org."},
			{P, "Updates appear at https://example.org/harbour/updates."},
			{P, "Thanks to everyone who helped…"},
			{P, "The harbour is open again!"},
		}},
		{"scraped.md", "markdown", "", "", []segmented{
			{P, "On 5 March — two days after the U.S. delegation left — the council published a statement on its <1>website</1>."},
			{P, "It said: “This is OUR decision.”"},
			{P, "Three days later, the mayor announced a vote “within the month”, under pressure from <1>local traders</1> and <2>residents</2>."},
			{P, "The message was clear."},
			{P, "But it should be read, as the poet put it, as “a promise, not a threat.”"},
			{P, "That is why the coalition is meeting in the town hall to organise [a response from residents, traders and schools."},
			{P, "On 24 and 25 March, it will present a plan."},
			{P, "Sign up <1>here</1> to follow the meeting, or read the <2>agenda.pdf</2> file."},
		}},
		{"commonmark.md", "markdown", "", "Harbour reopens", []segmented{
			{H, "Harbour reopens"},
			{P, "The harbour reopened on Monday after a week of repairs."},
			{P, "Crews from the U.S. Army Corps of Engineers arrived on <1>Wednesday</1>."},
			{Q, "“We lost four days of catch.”"},
			{Q, "That is money we will not see again."},
			{H, "What comes next"},
			{L, "Repair pier 4 by <1>March</1>."},
			{L, "Publish the <1>report</1>."},
			{L, "Include the costs."},
			{P, "<1/>"},
			{P, "Write to <1>harbour.desk@example.org</1> or call.<2/>"},
			{P, "Thanks to everyone* who helped."},
		}},
		{"article.html", "html", "", "Harbour reopens", []segmented{
			{H, "Harbour reopens"},
			{P, "The harbour reopened on Monday."},
			{P, "Crews from the <1>U.S.</1> Army arrived on <2>Wednesday</2>, and by <3>Friday</3> two piers were usable."},
			{P, "Read the <4>full report</4>."},
			{Q, "“We lost four days of catch.”"},
			{L, "Pier 2 is <1>open</1>."},
			{L, "Pier 4 opens in <1>March</1>."},
			{L, "Then pier 5."},
			{P, "<1/>"},
			{document.Caption, "A crane at work."},
			{document.Caption, "It arrived on Sunday."},
			{P, "Loose text in a div<1/>with a line break and <2>x &lt; 5</2>."},
			{P, "Unknown element text."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := parseFixture(t, tt.file, tt.format)
			if doc.Date != tt.date || doc.Title != tt.title {
				t.Errorf("date, title = %q, %q; want %q, %q", doc.Date, doc.Title, tt.date, tt.title)
			}
			if d := cmp.Diff(tt.want, segmentsOf(doc, "en")); d != "" {
				t.Errorf("segments (-want +got):\n%s", d)
			}
			checkDocument(t, doc)
		})
	}
}

// checkDocument asserts the invariants every importer promises: each block
// is well-formed tagged text whose placeholders are exactly its tags,
// numbered from 1, and its segments join back to it.
func checkDocument(t *testing.T, doc document.Document) {
	t.Helper()
	for i, b := range doc.Blocks {
		if err := inline.Check(b.Text, b.Text); err != nil {
			t.Fatalf("block %d %q: %v", i, b.Text, err)
		}
		ids, _ := inline.IDs(b.Text)
		if len(ids) != len(b.Tags) {
			t.Fatalf("block %d %q uses %d placeholders but has %d tags", i, b.Text, len(ids), len(b.Tags))
		}
		for k, tag := range b.Tags {
			if tag.ID != k+1 {
				t.Fatalf("block %d: tag %d has id %d", i, k, tag.ID)
			}
		}
		if pieces := segment.Split("en", b.Text); segment.Join(pieces) != b.Text {
			t.Fatalf("block %d does not round-trip through Split", i)
		}
	}
}
