package reports

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/joiningforces/impact"
)

// countryCode is the municipality code Kolada gives the whole country.
const countryCode = "0000"

// KPIPlot draws every Kolada key figure loaded for the project, one panel
// row per key figure: on the left the municipality's trend beside the
// country's (solid line with dots, dashed line with squares; years Kolada
// has no figure for are gaps), on the right the project's result on the
// indicator linked to that key figure, with its interval, target and
// baseline.
func KPIPlot(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, p, ev)
	if err != nil {
		return nil, err
	}
	panels := kpiPanels(p, ev)
	if len(panels) == 0 {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_kpi", municipalityName(pr, p, ev))
	}
	const panelHeight = vg.Length(200)
	return render(plotWidth, panelHeight*vg.Length(len(panels)), format, func(c draw.Canvas) {
		for i, panel := range panels {
			row := c
			row.Max.Y = c.Max.Y - panelHeight*vg.Length(i)
			row.Min.Y = row.Max.Y - panelHeight
			drawKPIPanel(pr, p, ev, panel, row)
		}
	})
}

// kpiPanel is one key figure: the municipality's and the country's series
// and the indicator that names it.
type kpiPanel struct {
	kpi          string
	municipality *impact.KPISeries
	country      *impact.KPISeries
	// compare are the municipalities of the key figure's comparison group
	// (kpi: [{id, compare: [codes]}]), in the order the project names them.
	compare   []*impact.KPISeries
	indicator *impact.Result
}

// kpiPanels picks, for each key figure in the evaluation's order, the
// municipality's and the country's total (gender T, or the first loaded).
func kpiPanels(p *impact.Project, ev *impact.Evaluation) []kpiPanel {
	code := ""
	if p != nil {
		code = p.Info.Municipality.Code
	}
	var panels []kpiPanel
	find := func(kpi string) *kpiPanel {
		for i := range panels {
			if panels[i].kpi == kpi {
				return &panels[i]
			}
		}
		panels = append(panels, kpiPanel{kpi: kpi})
		return &panels[len(panels)-1]
	}
	for i := range ev.KPIs {
		s := &ev.KPIs[i]
		var slot **impact.KPISeries
		switch {
		case s.Municipality == countryCode:
			slot = &find(s.KPI).country
		case code == "" || s.Municipality == code:
			slot = &find(s.KPI).municipality
		case compares(p, s.KPI, s.Municipality):
			panel := find(s.KPI)
			if i := slices.IndexFunc(panel.compare, func(c *impact.KPISeries) bool { return c.Municipality == s.Municipality }); i >= 0 {
				slot = &panel.compare[i]
			} else {
				panel.compare = append(panel.compare, nil)
				slot = &panel.compare[len(panel.compare)-1]
			}
		default:
			continue
		}
		if *slot == nil || ((*slot).Gender != "T" && s.Gender == "T") {
			*slot = s
		}
	}
	for i := range panels {
		if p == nil {
			continue
		}
		for _, ind := range p.Indicators {
			if ind.KPI == panels[i].kpi {
				if r, ok := ev.Result(ind.ID); ok {
					panels[i].indicator = r
					break
				}
			}
		}
	}
	return panels
}

// municipalityName names the project's municipality, or "the municipality".
func municipalityName(pr *printer, p *impact.Project, ev *impact.Evaluation) string {
	if p != nil && p.Info.Municipality.Name != "" {
		return p.Info.Municipality.Name
	}
	return pr.T("kpi.municipality")
}

// The styles of the Kolada lines.
var (
	ourLine     = draw.LineStyle{Color: estimateColor, Width: vg.Points(1.5)}
	ourDot      = draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	countryLine = draw.LineStyle{Color: baselineColor, Width: vg.Points(1.5), Dashes: targetDash}
	countryDot  = draw.GlyphStyle{Color: baselineColor, Radius: vg.Points(3), Shape: draw.BoxGlyph{}}
	compareLine = draw.LineStyle{Color: color.Gray{Y: 150}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}
	compareDot  = draw.GlyphStyle{Color: color.Gray{Y: 150}, Radius: vg.Points(2.5), Shape: draw.TriangleGlyph{}}
)

// drawKPIPanel draws one key figure's trend and, beside it, the project's
// result.
func drawKPIPanel(pr *printer, p *impact.Project, ev *impact.Evaluation, panel kpiPanel, c draw.Canvas) {
	left := c
	if panel.indicator != nil {
		left.Max.X = c.Min.X + (c.Max.X-c.Min.X)*0.56
	}
	trend := newPlot()
	trend.Title.Text = pr.T("kpi.title", panel.kpi)
	if _, unit := kpiInfo(p, ev, panel.kpi); unit != "" {
		trend.Y.Label.Text = unit
	}
	trend.Title.TextStyle = titleStyle()
	trend.Add(grid{horizontal: true})
	var items []legendItem
	if s := panel.country; s != nil {
		trend.Add(kpiLine{series: s, line: countryLine, dot: countryDot})
		items = append(items, legendItem{pr.T("kpi.country"), glyphThumb{glyph: countryDot, line: &countryLine}})
	}
	for _, s := range panel.compare {
		trend.Add(kpiLine{series: s, line: compareLine, dot: compareDot})
	}
	if len(panel.compare) > 0 {
		items = append(items, legendItem{pr.T("kpi.compare"), glyphThumb{glyph: compareDot, line: &compareLine}})
	}
	if s := panel.municipality; s != nil {
		trend.Add(kpiLine{series: s, line: ourLine, dot: ourDot})
		items = append([]legendItem{{municipalityName(pr, p, ev), glyphThumb{glyph: ourDot, line: &ourLine}}}, items...)
	}
	trend.X.Tick.Marker = yearTicks{}
	trend.Y.Tick.Marker = numberTicks{pr: pr}
	if trend.Y.Label.Text == "" {
		trend.Y.Label.Text = pr.T("kpi.axis")
	}
	if !finite(trend.X.Min, trend.X.Max, trend.Y.Min, trend.Y.Max) {
		trend.X.Min, trend.X.Max, trend.Y.Min, trend.Y.Max = 0, 1, 0, 1
	}
	padRange(&trend.X, 0.05)
	padRange(&trend.Y, 0.08)
	drawPlotWithLegend(left, trend, items)
	if panel.indicator == nil {
		return
	}
	right := c
	right.Min.X = left.Max.X + 10
	result, resultItems, _ := intervalParts(pr, p, panel.indicator, false)
	result.Title.Text = shorten(panel.indicator.Name, 40)
	result.Title.TextStyle = titleStyle()
	// The row label repeats the title; the n is in the text beside it.
	result.HideY()
	drawPlotWithLegend(right, result, resultItems)
}

// kpiLine draws a key figure's points joined where consecutive years both
// have a figure; a missing year is a gap, never a zero.
type kpiLine struct {
	series *impact.KPISeries
	line   draw.LineStyle
	dot    draw.GlyphStyle
}

// Plot draws the segments and the dots.
func (k kpiLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var segment []vg.Point
	flush := func() {
		if len(segment) > 1 {
			c.StrokeLines(k.line, segment)
		}
		segment = nil
	}
	var dots []vg.Point
	for _, pt := range k.series.Points {
		if pt.Value == nil {
			flush()
			continue
		}
		q := vg.Point{X: trX(float64(pt.Period)), Y: trY(*pt.Value)}
		segment = append(segment, q)
		dots = append(dots, q)
	}
	flush()
	for _, q := range dots {
		c.DrawGlyphNoClip(k.dot, q)
	}
}

// DataRange spans the years and the figures.
func (k kpiLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, pt := range k.series.Points {
		xmin, xmax = math.Min(xmin, float64(pt.Period)), math.Max(xmax, float64(pt.Period))
		if pt.Value != nil {
			ymin, ymax = math.Min(ymin, *pt.Value), math.Max(ymax, *pt.Value)
		}
	}
	return
}

// yearTicks marks whole years, every year or every second when there are many.
type yearTicks struct{}

// Ticks returns a labelled tick per shown year.
func (yearTicks) Ticks(min, max float64) []plot.Tick {
	first, last := int(math.Ceil(min)), int(math.Floor(max))
	step := 1
	if last-first > 8 {
		step = 2
	}
	var ticks []plot.Tick
	for y := first; y <= last; y++ {
		label := ""
		if (y-first)%step == 0 {
			label = strconv.Itoa(y)
		}
		ticks = append(ticks, plot.Tick{Value: float64(y), Label: label})
	}
	return ticks
}

// kpiInfo returns a key figure's title and unit: from the project's kpi:
// entry, else from the Kolada metadata loaded (kind kpi_meta), else empty.
func kpiInfo(p *impact.Project, ev *impact.Evaluation, id string) (title, unit string) {
	if p != nil {
		for _, k := range p.KPIs {
			if k.ID == id {
				title, unit = k.Title, k.Unit
			}
		}
	}
	if ev != nil {
		for _, m := range ev.KPIMeta {
			if m.ID == id {
				if title == "" {
					title = m.Title
				}
				if unit == "" {
					unit = m.Unit
				}
			}
		}
	}
	// Kolada writes the unit at the end of the title; the figure carries
	// it, so the title goes without.
	if unit != "" {
		title = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(title, unit)), ",")
	}
	return title, unit
}

// hasCountry reports whether any key figure has the national series loaded.
func hasCountry(panels []kpiPanel) bool {
	for _, panel := range panels {
		if panel.country != nil {
			return true
		}
	}
	return false
}

// compares reports whether the project names municipality as one to
// compare the key figure with (kpi: [{id, compare: [codes]}]); the country
// is shown wherever it is loaded and is not part of the group.
func compares(p *impact.Project, kpi, municipality string) bool {
	if p == nil || municipality == countryCode {
		return false
	}
	for _, k := range p.KPIs {
		if k.ID == kpi && slices.Contains(k.Compare, municipality) {
			return true
		}
	}
	return false
}
