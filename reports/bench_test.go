package reports_test

import (
	"testing"

	"github.com/joiningforces/impact/reports"
)

// BenchmarkWorkshopReport renders the workshop report of the example-sized
// evaluation (twelve goals, the participation, costs, value, Kolada and
// quality sections) as HTML with all its SVG plots. The goal is well under
// a second, so that the dashboard can make it on request.
func BenchmarkWorkshopReport(b *testing.B) {
	in := exampleInput(b, "sv")
	for b.Loop() {
		if _, err := reports.RenderHTML(reports.DocWorkshop, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkshopMarkdown renders the same report as Markdown with its
// PNG plots, the slowest format short of PDF.
func BenchmarkWorkshopMarkdown(b *testing.B) {
	in := exampleInput(b, "sv")
	for b.Loop() {
		if _, _, err := reports.RenderMarkdown(reports.DocWorkshop, in); err != nil {
			b.Fatal(err)
		}
	}
}
