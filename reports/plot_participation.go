package reports

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/joiningforces/impact"
)

// barRow is one row of a horizontal bar chart: a label on the axis, one
// value per series (nil draws no bar) and a note written after the bars.
type barRow struct {
	label  string
	values []*float64
	note   string
}

// barSeries is how one series of bars looks.
type barSeries struct {
	fill    color.Color
	outline draw.LineStyle
}

// barRows draws grouped horizontal bars from origin (zero, or the central
// value of a tornado chart), one row each from the top, with the row's
// note after its bars.
type barRows struct {
	rows   []barRow
	series []barSeries
	origin float64
}

// y returns the vertical position of row i, the first at the top.
func (b barRows) y(i int) float64 { return float64(len(b.rows) - 1 - i) }

// Plot draws the bars and notes.
func (b barRows) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	rowHeight := trY(1) - trY(0)
	barHeight := rowHeight * 0.7 / vg.Length(len(b.series))
	note := textStyle(8, false)
	note.YAlign = draw.YCenter
	for i, row := range b.rows {
		centre := trY(b.y(i))
		top := centre + rowHeight*0.35
		end := trX(b.origin)
		for s, v := range row.values {
			if v == nil {
				continue
			}
			y0 := top - barHeight*vg.Length(s+1)
			x0, x1 := trX(math.Min(b.origin, *v)), trX(math.Max(b.origin, *v))
			pts := []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y0 + barHeight}, {X: x1, Y: y0 + barHeight}, {X: x1, Y: y0}}
			c.FillPolygon(b.series[s].fill, pts)
			c.StrokeLines(b.series[s].outline, append(pts, pts[0]))
			end = max(end, x1)
		}
		if row.note != "" {
			c.FillText(note, vg.Point{X: end + 4, Y: centre}, row.note)
		}
	}
}

// DataRange spans the origin, the values and the rows.
func (b barRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = b.origin, b.origin
	for _, row := range b.rows {
		for _, v := range row.values {
			if v != nil && finite(*v) {
				xmin, xmax = math.Min(xmin, *v), math.Max(xmax, *v)
			}
		}
	}
	return xmin, xmax, -0.5, float64(len(b.rows)) - 0.5
}

// drawBarRows lays out a horizontal bar chart: labels on the left, the
// value axis below, room on the right for the notes.
// Extra plotters (reference lines) are drawn under the bars.
func drawBarRows(pr *printer, bars barRows, axisLabel string, ticks plot.Ticker, items []legendItem, rowHeight vg.Length, format string, extra ...plot.Plotter) ([]byte, error) {
	plt := newPlot()
	plt.Add(grid{vertical: true})
	plt.Add(extra...)
	plt.Add(bars)
	labels := make([]string, len(bars.rows))
	for i, row := range bars.rows {
		labels[len(bars.rows)-1-i] = row.label
	}
	plt.NominalY(labels...)
	plt.X.Tick.Marker = ticks
	plt.X.Label.Text = axisLabel
	if plt.X.Max <= plt.X.Min {
		plt.X.Max = plt.X.Min + 1
	}
	if bars.origin != 0 {
		// Bars that start from a central value reach both ways; keep
		// them off the labels.
		padRange(&plt.X, 0.04)
	}
	// Room for the notes after the longest bar.
	plt.X.Max += (plt.X.Max - plt.X.Min) * 0.28
	h := vg.Points(50) + rowHeight*vg.Length(len(bars.rows)) + legendHeight(items, plotWidth)
	return render(plotWidth, h, format, func(c draw.Canvas) {
		drawPlotWithLegend(c, plt, items)
	})
}

// FunnelPlot draws the participation funnel (meetup → job market →
// interview → offer → hired) as horizontal bars with each step's count and
// its conversion from the step before. A suppressed step has no bar and
// reads "fewer than 5".
func FunnelPlot(ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, nil, ev)
	if err != nil {
		return nil, err
	}
	if ev.Participation == nil || len(ev.Participation.Funnel) == 0 {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_funnel")
	}
	bars := barRows{series: []barSeries{{fill: darkBar, outline: draw.LineStyle{Color: darkBar, Width: vg.Points(0.5)}}}}
	for _, step := range ev.Participation.Funnel {
		row := barRow{label: pr.T("funnel." + step.Step)}
		if step.N == nil || (*step.N > 0 && *step.N < pr.minCell) {
			row.values = []*float64{nil}
			row.note = pr.Fewer()
		} else {
			row.values = []*float64{impact.Float(float64(*step.N))}
			row.note = pr.Count(step.N)
			if step.Conversion != nil {
				row.note = pr.T("funnel.note", pr.Count(step.N), pr.Percent(*step.Conversion, 0))
			}
		}
		bars.rows = append(bars.rows, row)
	}
	return drawBarRows(pr, bars, pr.T("plot.people"), numberTicks{pr: pr}, nil, vg.Points(24), format)
}

// eventGlyphs gives each kind of event its own shape, so that kinds are
// told apart without colour.
var eventGlyphs = map[string]draw.GlyphDrawer{
	"meetup":     draw.CircleGlyph{},
	"impact_day": draw.BoxGlyph{},
	"job_market": draw.TriangleGlyph{},
	"workshop":   draw.PyramidGlyph{},
	"other":      draw.RingGlyph{},
}

// EventsPlot draws every event over time as a stem as tall as its
// attendees (respondents for an impact-measurement day), with a shape per
// kind of event. Events with fewer attendees than min_cell are left out.
func EventsPlot(ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, nil, ev)
	if err != nil {
		return nil, err
	}
	if ev.Participation == nil || len(ev.Participation.Events) == 0 {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_events")
	}
	stems := eventStems{}
	var kinds []string
	for _, e := range ev.Participation.Events {
		if e.Attendees == nil || *e.Attendees < pr.minCell || e.Date.IsZero() {
			continue
		}
		stems.events = append(stems.events, e)
		if !slices.Contains(kinds, e.Kind) {
			kinds = append(kinds, e.Kind)
		}
	}
	plt := newPlot()
	plt.Add(grid{horizontal: true}, stems)
	var items []legendItem
	for _, kind := range kinds {
		items = append(items, legendItem{pr.T("event." + kind), glyphThumb{glyph: eventGlyph(kind)}})
	}
	plt.X.Tick.Marker = monthTicks{pr: pr}
	plt.Y.Tick.Marker = numberTicks{pr: pr}
	plt.Y.Label.Text = pr.T("plot.attendees")
	plt.Y.Min = 0
	if len(stems.events) == 0 {
		plt.X.Min, plt.X.Max = unixDay(ev.AsOf)-86400*30, unixDay(ev.AsOf)
		plt.Y.Max = float64(pr.minCell)
	}
	padRange(&plt.X, 0.04)
	plt.Y.Max *= 1.08
	h := vg.Points(170) + legendHeight(items, plotWidth)
	return render(plotWidth, h, format, func(c draw.Canvas) {
		drawPlotWithLegend(c, plt, items)
	})
}

// eventGlyph returns the glyph style of a kind of event.
func eventGlyph(kind string) draw.GlyphStyle {
	shape, ok := eventGlyphs[kind]
	if !ok {
		shape = eventGlyphs["other"]
	}
	return draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3.5), Shape: shape}
}

// eventStems draws one stem per event from zero to its attendees.
type eventStems struct {
	events []impact.EventSummary
}

// Plot draws the stems and their heads.
func (s eventStems) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	stem := draw.LineStyle{Color: estimateColor, Width: vg.Points(1.2)}
	for _, e := range s.events {
		x, y := trX(unixDay(e.Date)), trY(float64(*e.Attendees))
		c.StrokeLine2(stem, x, trY(0), x, y)
		c.DrawGlyphNoClip(eventGlyph(e.Kind), vg.Point{X: x, Y: y})
	}
}

// DataRange spans the events' dates and attendees.
func (s eventStems) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, e := range s.events {
		x := unixDay(e.Date)
		xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		ymax = math.Max(ymax, float64(*e.Attendees))
	}
	return xmin, xmax, 0, ymax
}
