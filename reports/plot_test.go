package reports_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// plotCase is one plot drawn from the fixture.
type plotCase struct {
	name string
	lang string
	draw func(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error)
}

// indicator draws one indicator's plot.
func indicator(id string) func(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
	return func(_ *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
		return reports.IndicatorPlot(ev, id, lang, format)
	}
}

// pairs draws the pairs of one paired change.
func pairs(id string) func(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
	return func(_ *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
		return reports.PairedPlot(ev, id, lang, format)
	}
}

// evOnly adapts a plot function that needs only the evaluation.
func evOnly(fn func(ev *impact.Evaluation, lang, format string) ([]byte, error)) func(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
	return func(_ *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
		return fn(ev, lang, format)
	}
}

// plotCases are the golden plots: every kind of plot, each kind of
// indicator, and both languages.
var plotCases = []plotCase{
	{"indicator-work_or_study_6m", "sv", indicator("work_or_study_6m")},
	{"indicator-wellbeing_change", "sv", indicator("wellbeing_change")},
	{"indicator-new_contacts_mean", "en", indicator("new_contacts_mean")},
	{"indicator-meetup_participants", "sv", indicator("meetup_participants")},
	{"indicator-meetup_participants-forecast", "sv", func(_ *impact.Project, _ *impact.Evaluation, lang, format string) ([]byte, error) {
		return reports.IndicatorPlot(forecastEvaluation(), "meetup_participants", lang, format)
	}},
	{"indicator-medfoljande_work_3m", "sv", indicator("medfoljande_work_3m")},
	{"indicator-hire_rate", "en", indicator("hire_rate")},
	{"indicator-cost_per_meetup_participant", "sv", indicator("cost_per_meetup_participant")},
	{"pairs-wellbeing_change", "sv", pairs("wellbeing_change")},
	{"pairs-wellbeing_change", "en", pairs("wellbeing_change")},
	{"funnel", "sv", evOnly(reports.FunnelPlot)},
	{"events", "en", evOnly(reports.EventsPlot)},
	{"costs", "sv", reports.ProjectCostPlot},
	{"sroi", "en", evOnly(reports.SROIPlot)},
	{"tornado", "sv", evOnly(reports.TornadoPlot)},
	{"kolada", "sv", reports.KPIPlot},
	{"theory-of-change", "sv", func(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
		if format == "svg" {
			return reports.TheoryOfChangeSVG(p, ev, lang)
		}
		return nil, errors.New("the theory of change is drawn as PNG only inside a Markdown report")
	}},
}

// TestPlotsGolden draws every plot as PNG and compares it with its golden
// image pixel by pixel, allowing for anti-aliasing. Run with -update to
// rewrite the golden images after a deliberate change, and look at them.
func TestPlotsGolden(t *testing.T) {
	p := MustExampleProject(t)
	ev := exampleEvaluation()
	for _, tc := range plotCases {
		if tc.name == "theory-of-change" {
			continue // compared through the Markdown report's images below
		}
		t.Run(tc.name+"."+tc.lang, func(t *testing.T) {
			got, err := tc.draw(p, ev, tc.lang, "png")
			if err != nil {
				t.Fatal(err)
			}
			MustMatchGoldenPNG(t, filepath.Join(goldenDir, "plots", tc.name+"."+tc.lang+".png"), got)
		})
	}
	t.Run("theory-of-change", func(t *testing.T) {
		for _, lang := range []string{"sv", "en"} {
			_, images, err := reports.RenderMarkdown(reports.DocWorkshop, exampleInput(t, lang))
			if err != nil {
				t.Fatal(err)
			}
			got, ok := images["workshop_files/theory-of-change.png"]
			if !ok {
				t.Fatalf("the workshop report has no theory-of-change image; it has %d images", len(images))
			}
			MustMatchGoldenPNG(t, filepath.Join(goldenDir, "plots", "theory-of-change."+lang+".png"), got)
		}
	})
}

// MustMatchGoldenPNG compares a PNG with the golden file, or writes it
// with -update. A mismatch writes the new image to a temporary file and
// names it, so that it can be looked at.
func MustMatchGoldenPNG(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read the golden image (run go test ./reports -update to make it): %v", err)
	}
	differing, total, err := comparePNG(want, got)
	if err != nil || differing*1000 > total*2 {
		out := filepath.Join(t.TempDir(), filepath.Base(golden))
		os.WriteFile(out, got, 0o644)
		if err != nil {
			t.Fatalf("%s: %v; the new image is %s", golden, err, out)
		}
		t.Fatalf("%s: %d of %d pixels differ (more than 0.2 %%); the new image is %s", golden, differing, total, out)
	}
}

// comparePNG decodes two PNGs and counts the pixels whose colour differs
// by more than a tenth of the range in any channel, which tolerates
// anti-aliasing and rounding between rasterisers but not a moved mark.
func comparePNG(a, b []byte) (differing, total int, err error) {
	imgA, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, 0, err
	}
	imgB, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, 0, err
	}
	if imgA.Bounds() != imgB.Bounds() {
		return 0, 0, errors.New("the images differ in size: " + imgA.Bounds().String() + " and " + imgB.Bounds().String())
	}
	bounds := imgA.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			total++
			if colourDistance(imgA, imgB, x, y) > 0x1900 {
				differing++
			}
		}
	}
	return differing, total, nil
}

// colourDistance is the largest difference of one channel at (x, y).
func colourDistance(a, b image.Image, x, y int) uint32 {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	largest := uint32(0)
	for _, pair := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		d := pair[0] - pair[1]
		if pair[1] > pair[0] {
			d = pair[1] - pair[0]
		}
		largest = max(largest, d)
	}
	return largest
}

// TestPlotsSVG checks that every plot is well-formed SVG without an XML
// declaration (it is inlined in HTML), the same bytes on every call, and
// free of ids that would clash when several share a page.
func TestPlotsSVG(t *testing.T) {
	p := MustExampleProject(t)
	ev := exampleEvaluation()
	for _, tc := range plotCases {
		t.Run(tc.name, func(t *testing.T) {
			first, err := tc.draw(p, ev, tc.lang, "svg")
			if err != nil {
				t.Fatal(err)
			}
			second, err := tc.draw(p, exampleEvaluation(), tc.lang, "svg")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, second) {
				t.Errorf("two draws of the same evaluation differ")
			}
			if !bytes.HasPrefix(first, []byte("<svg")) {
				t.Errorf("the SVG starts with %q, want <svg", first[:min(len(first), 20)])
			}
			if bytes.Contains(first, []byte(` id="`)) {
				t.Errorf("the SVG has an id attribute, which would clash on a page with another plot")
			}
			dec := xml.NewDecoder(bytes.NewReader(first))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("the SVG is not well-formed: %v", err)
				}
			}
		})
	}
}

// TestPlotErrors checks that a missing indicator, an unknown language or
// format, and an evaluation without the data a plot needs give errors for a
// person, not a panic or an empty image.
func TestPlotErrors(t *testing.T) {
	ev := exampleEvaluation()
	for name, draw := range map[string]func() ([]byte, error){
		"unknown indicator": func() ([]byte, error) { return reports.IndicatorPlot(ev, "nope", "sv", "svg") },
		"unknown language":  func() ([]byte, error) { return reports.IndicatorPlot(ev, "hire_rate", "fi", "svg") },
		"unknown format":    func() ([]byte, error) { return reports.FunnelPlot(ev, "sv", "gif") },
		"no funnel":         func() ([]byte, error) { return reports.FunnelPlot(&impact.Evaluation{}, "sv", "svg") },
		"no costs":          func() ([]byte, error) { return reports.CostPlot(&impact.Evaluation{}, "sv", "svg") },
		"no value":          func() ([]byte, error) { return reports.SROIPlot(&impact.Evaluation{}, "sv", "svg") },
		"no sensitivity":    func() ([]byte, error) { return reports.TornadoPlot(&impact.Evaluation{}, "sv", "svg") },
		"no kolada":         func() ([]byte, error) { return reports.KPIPlot(nil, &impact.Evaluation{}, "sv", "svg") },
		"no pairs":          func() ([]byte, error) { return reports.PairedPlot(ev, "hire_rate", "sv", "svg") },
		"pairs of nothing":  func() ([]byte, error) { return reports.PairedPlot(ev, "nope", "en", "png") },
	} {
		t.Run(name, func(t *testing.T) {
			img, err := draw()
			if err == nil {
				t.Fatalf("no error, %d bytes", len(img))
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) < 20 {
				t.Errorf("error %q is not one line for a person", msg)
			}
		})
	}
}

// TestIndicatorPlotWithoutData draws a goal with no data and no target:
// an empty but valid plot.
func TestIndicatorPlotWithoutData(t *testing.T) {
	ev := &impact.Evaluation{Indicators: []impact.Result{{ID: "x", Kind: "mean", Status: impact.StatusNoData}}}
	for _, format := range []string{"svg", "png"} {
		if _, err := reports.IndicatorPlot(ev, "x", "en", format); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
}

// TestPairsOnlyWhenShown checks that the pairs of a paired change are
// drawn only where they may be shown: never for a result on fewer people
// than min_cell (marked suppressed, or with too few pairs), whatever the
// evaluation carries, in the plots and in the workshop report.
func TestPairsOnlyWhenShown(t *testing.T) {
	for name, change := range map[string]func(r *impact.Result){
		"suppressed": func(r *impact.Result) {
			r.N, r.Suppressed, r.Pairs = n(4), true, r.Pairs[:4]
		},
		"n under min_cell": func(r *impact.Result) {
			r.N, r.Pairs = n(3), r.Pairs[:3]
		},
		"fewer pairs than min_cell": func(r *impact.Result) {
			r.Pairs = r.Pairs[:4]
		},
		"not a paired change": func(r *impact.Result) {
			r.Kind = impact.KindMean
		},
	} {
		t.Run(name, func(t *testing.T) {
			in := exampleInput(t, "sv")
			r, ok := in.Evaluation.Result("wellbeing_change")
			if !ok {
				t.Fatal("the fixture has no wellbeing_change")
			}
			change(r)
			if img, err := reports.PairedPlot(in.Evaluation, r.ID, "sv", "svg"); err == nil {
				t.Errorf("PairedPlot drew %d bytes", len(img))
			} else if impact.ErrorCode(err) != impact.ENOTFOUND {
				t.Errorf("PairedPlot: %v, want code ENOTFOUND", err)
			}
			svg, err := reports.IndicatorPlot(in.Evaluation, r.ID, "sv", "svg")
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(svg, []byte("Före och efter")) {
				t.Errorf("the indicator's plot draws the pairs")
			}
			md, images, err := reports.RenderMarkdown(reports.DocWorkshop, in)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := images["workshop_files/pairs-wellbeing_change.png"]; ok || bytes.Contains(md, []byte("pairs-wellbeing_change")) {
				t.Errorf("the workshop report shows the pairs")
			}
		})
	}
}
