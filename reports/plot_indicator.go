package reports

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/joiningforces/impact"
)

// IndicatorPlot draws one indicator of the evaluation as "svg" or "png" in
// the language lang ("sv" or "en"): a census figure measured over time (a
// count, a cost per) as its points with the target line and the forecast
// to the deadline with its band; any other as its estimate and interval,
// overall and per disaggregated group, against the target and the baseline. A
// suppressed group is named with "fewer than 5" and drawn without a mark.
// A paired change with pairs to show has its PairedPlot below, so that
// one picture holds all an indicator's plots (the workshop report draws
// the two as separate figures, so that a page may break between them).
func IndicatorPlot(ev *impact.Evaluation, id string, lang string, format string) ([]byte, error) {
	return indicatorPlot(nil, ev, id, lang, format, true)
}

// indicatorPlot is IndicatorPlot with the project, when there is one, for
// the names of target groups; withPairs asks for the PairedPlot below.
func indicatorPlot(p *impact.Project, ev *impact.Evaluation, id, lang, format string, withPairs bool) ([]byte, error) {
	r, ok := ev.Result(id)
	if !ok {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_indicator", id)
	}
	pr, err := newPrinter(lang, p, ev)
	if err != nil {
		return nil, err
	}
	// A census measured over time is drawn as its points; a sampled
	// measure as its estimate and interval, which is what its status
	// rests on (its forecast is told in words).
	if points := shownPoints(pr, p, r); len(points) >= 2 && !impact.Sampled(r.Kind) {
		return seriesPlot(pr, r, points, format)
	}
	h, paint := intervalPainter(pr, p, r)
	if pairs := shownPairs(pr, p, r); withPairs && len(pairs) > 0 {
		// The pairs under the interval, a gap between them.
		const gap = vg.Length(18)
		ph, paintPairs := pairedPanels(pr, r, pairs)
		return render(plotWidth, h+gap+ph, format, func(c draw.Canvas) {
			top, bottom := c, c
			top.Min.Y = c.Max.Y - h
			bottom.Max.Y = c.Min.Y + ph
			paint(top)
			paintPairs(bottom)
		})
	}
	return render(plotWidth, h, format, paint)
}

// shownPoints returns the measurement points a plot may show: none that
// rests on fewer people than min_cell.
func shownPoints(pr *printer, p *impact.Project, r *impact.Result) []impact.Point {
	var shown []impact.Point
	for _, pt := range r.Series {
		if pt.N != nil && *pt.N > 0 && *pt.N < pr.minCell {
			continue
		}
		if r.Kind == impact.KindCount && pt.Value > 0 && pt.Value < float64(pr.minCell) && countsPeople(p, r.ID) {
			continue
		}
		shown = append(shown, pt)
	}
	return shown
}

// valueTicks returns the tick labeller for an indicator's values.
func valueTicks(pr *printer, r *impact.Result) numberTicks {
	return numberTicks{pr: pr, percent: r.Kind == impact.KindProportion, money: r.Kind == impact.KindCostPer}
}

// intervalRow is one row of an interval plot: a label, and an estimate
// with its interval where they may be shown.
type intervalRow struct {
	label          string
	est, low, high *float64
}

// intervalRows draws estimates as dots and intervals as capped lines, one
// row each from the top.
type intervalRows struct {
	rows  []intervalRow
	dot   draw.GlyphStyle
	line  draw.LineStyle
	label bool
}

// y returns the vertical position of row i, the first at the top.
func (ir intervalRows) y(i int) float64 { return float64(len(ir.rows) - 1 - i) }

// Plot draws the rows.
func (ir intervalRows) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, row := range ir.rows {
		y := trY(ir.y(i))
		if row.low != nil && row.high != nil {
			x0, x1 := trX(*row.low), trX(*row.high)
			c.StrokeLine2(ir.line, x0, y, x1, y)
			c.StrokeLine2(ir.line, x0, y-4, x0, y+4)
			c.StrokeLine2(ir.line, x1, y-4, x1, y+4)
		}
		if row.est != nil {
			c.DrawGlyphNoClip(ir.dot, vg.Point{X: trX(*row.est), Y: y})
		}
	}
}

// DataRange spans the estimates and intervals and the rows.
func (ir intervalRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, row := range ir.rows {
		for _, v := range []*float64{row.est, row.low, row.high} {
			if v != nil && finite(*v) {
				xmin, xmax = math.Min(xmin, *v), math.Max(xmax, *v)
			}
		}
	}
	return xmin, xmax, -0.6, float64(len(ir.rows)) - 0.4
}

// refLine is a vertical or horizontal reference line across the plot: a
// target, a baseline, a break-even.
type refLine struct {
	value    float64
	vertical bool
	style    draw.LineStyle
}

// Plot draws the line across the data area.
func (l refLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if l.vertical {
		x := trX(l.value)
		c.StrokeLine2(l.style, x, c.Min.Y, x, c.Max.Y)
		return
	}
	y := trY(l.value)
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}

// DataRange includes the line's value on its axis only.
func (l refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	if l.vertical {
		return l.value, l.value, math.Inf(1), math.Inf(-1)
	}
	return math.Inf(1), math.Inf(-1), l.value, l.value
}

// The styles of the marks every indicator plot shares.
var (
	estimateDot  = draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	intervalLine = draw.LineStyle{Color: estimateColor, Width: vg.Points(1.5)}
	targetLine   = draw.LineStyle{Color: targetColor, Width: vg.Points(1.2), Dashes: targetDash}
	baselineLine = draw.LineStyle{Color: baselineColor, Width: vg.Points(1.2), Dashes: baselineDash}
)

// groupLabel names a disaggregation group in words: "Kön: kvinna".
func groupLabel(pr *printer, p *impact.Project, g impact.Group) string {
	dim := g.Dimension
	if key := "dim." + g.Dimension; pr.Has(key) {
		dim = pr.T(key)
	}
	return dim + ": " + groupName(pr, p, g)
}

// groupName names a group's value: a target group by its name in the
// project, a gender or a missing value ("unknown") in words.
func groupName(pr *printer, p *impact.Project, g impact.Group) string {
	// The project's own name first: a target group the project calls
	// "unknown" is its, not the register's missing value.
	if g.Dimension == "target_group" && p != nil {
		for _, tg := range p.TargetGroups {
			if tg.ID == g.Group && tg.Name != "" {
				return tg.Name
			}
		}
	}
	if key := "group." + g.Dimension + "." + g.Group; pr.Has(key) {
		return pr.T(key)
	}
	return g.Group
}

// intervalPainter returns the height and the painter of the estimate and
// interval overall and per group against the target and the baseline.
func intervalPainter(pr *printer, p *impact.Project, r *impact.Result) (vg.Length, func(c draw.Canvas)) {
	plt, items, rows := intervalParts(pr, p, r, true)
	h := vg.Points(62) + vg.Points(26)*vg.Length(rows) + legendHeight(items, plotWidth)
	return h, func(c draw.Canvas) {
		drawPlotWithLegend(c, plt, items)
	}
}

// intervalParts builds the interval plot of an indicator and its legend,
// with a row per disaggregated group when groups is set, and returns the
// number of rows.
func intervalParts(pr *printer, p *impact.Project, r *impact.Result, groups bool) (*plot.Plot, []legendItem, int) {
	masked := pr.maskedPeople(p, r)
	all := intervalRow{label: pr.T("plot.all")}
	if r.N != nil && !masked {
		all.label = pr.T("plot.all_n", pr.Count(r.N))
	}
	if masked {
		all.label = pr.T("plot.all_fewer", pr.Fewer())
	} else {
		all.est, all.low, all.high = r.Estimate, r.CILow, r.CIHigh
	}
	rows := []intervalRow{all}
	for _, g := range r.Disaggregation {
		if !groups {
			break
		}
		row := intervalRow{label: groupLabel(pr, p, g)}
		if g.Suppressed || g.N == nil || (*g.N > 0 && *g.N < pr.minCell) {
			row.label = pr.T("plot.group_fewer", row.label, pr.Fewer())
		} else {
			row.label = pr.T("plot.group_n", row.label, pr.Count(g.N))
			row.est, row.low, row.high = g.Estimate, g.CILow, g.CIHigh
		}
		rows = append(rows, row)
	}
	ir := intervalRows{rows: rows, dot: estimateDot, line: intervalLine}

	plt := newPlot()
	plt.Add(grid{vertical: true})
	var items []legendItem
	if r.Estimate != nil && !masked {
		items = append(items, legendItem{pr.T("plot.estimate"), glyphThumb{glyph: estimateDot}})
	}
	if r.CILow != nil && r.CIHigh != nil && !masked {
		items = append(items, legendItem{pr.T("plot.interval", pr.Conf()), intervalThumb{intervalLine}})
	}
	if r.Target != nil {
		plt.Add(refLine{value: *r.Target, vertical: true, style: targetLine})
		items = append(items, legendItem{pr.T("plot.target", pr.Value(r, *r.Target)), lineThumb{targetLine}})
	}
	if r.Baseline != nil {
		plt.Add(refLine{value: *r.Baseline, vertical: true, style: baselineLine})
		items = append(items, legendItem{pr.T("plot.baseline", pr.Value(r, *r.Baseline)), lineThumb{baselineLine}})
	}
	plt.Add(ir)
	labels := make([]string, len(rows))
	for i, row := range rows {
		labels[len(rows)-1-i] = row.label
	}
	plt.NominalY(labels...)
	valueAxis(pr, plt, r)
	if !finite(plt.X.Min, plt.X.Max) {
		// Nothing to place on the axis (no data, no target): a unit
		// range keeps the plot drawable.
		plt.X.Min, plt.X.Max = 0, 1
	}
	return plt, items, len(rows)
}

// padRange widens an axis by a share of its span on both sides, so that a
// mark at the edge is not cut, and gives a zero span a width.
func padRange(ax *plot.Axis, share float64) {
	if !finite(ax.Min, ax.Max) {
		return
	}
	span := ax.Max - ax.Min
	if span == 0 {
		span = math.Max(math.Abs(ax.Max), 1)
	}
	ax.Min -= span * share
	ax.Max += span * share
}

// seriesPlot draws measurement points over time with the target line and,
// when there is a forecast, the line and band to the deadline.
func seriesPlot(pr *printer, r *impact.Result, points []impact.Point, format string) ([]byte, error) {
	plt := newPlot()
	plt.Add(grid{horizontal: true})
	measured := draw.LineStyle{Color: estimateColor, Width: vg.Points(1.5)}
	dot := draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	items := []legendItem{{pr.T("plot.measured"), glyphThumb{glyph: dot, line: &measured}}}

	if f := r.Forecast; f != nil && finite(f.Value, f.PILow, f.PIHigh) {
		last := points[len(points)-1]
		band := forecastBand{
			from: unixDay(last.Date), fromY: last.Value,
			to: unixDay(f.At), low: f.PILow, mid: f.Value, high: f.PIHigh,
		}
		plt.Add(band)
		items = append(items,
			legendItem{pr.T("plot.forecast", pr.Date(f.At)), glyphThumb{glyph: forecastDot, line: &forecastLine}},
			legendItem{pr.T("plot.forecast_band", pr.Conf()), barThumb{fill: bandColor, outline: forecastEdge}},
		)
	}
	if r.Target != nil {
		plt.Add(refLine{value: *r.Target, style: targetLine})
		items = append(items, legendItem{pr.T("plot.target", pr.Value(r, *r.Target)), lineThumb{targetLine}})
	}
	if r.Deadline != nil {
		plt.Add(refLine{value: unixDay(*r.Deadline), vertical: true, style: baselineLine})
		items = append(items, legendItem{pr.T("plot.deadline", pr.Date(*r.Deadline)), lineThumb{baselineLine}})
	}
	plt.Add(seriesLine{points: points, line: measured, dot: dot})

	plt.X.Tick.Marker = monthTicks{pr: pr}
	plt.Y.Tick.Marker = valueTicks(pr, r)
	plt.Y.Label.Text = pr.T("plot.value." + r.Kind)
	if r.Kind == impact.KindCount || r.Kind == impact.KindProportion {
		plt.Y.Min = math.Min(plt.Y.Min, 0)
	}
	padRange(&plt.X, 0.03)
	padRange(&plt.Y, 0.05)
	if r.Kind == impact.KindCount || r.Kind == impact.KindProportion {
		plt.Y.Min = math.Max(plt.Y.Min, 0)
	}
	h := vg.Points(190) + legendHeight(items, plotWidth)
	return render(plotWidth, h, format, func(c draw.Canvas) {
		drawPlotWithLegend(c, plt, items)
	})
}

// seriesLine draws the measurement points joined by a line.
type seriesLine struct {
	points []impact.Point
	line   draw.LineStyle
	dot    draw.GlyphStyle
}

// Plot draws the line, then the dots over it.
func (s seriesLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, len(s.points))
	for i, pt := range s.points {
		pts[i] = vg.Point{X: trX(unixDay(pt.Date)), Y: trY(pt.Value)}
	}
	c.StrokeLines(s.line, pts)
	for _, pt := range pts {
		c.DrawGlyphNoClip(s.dot, pt)
	}
}

// DataRange spans the points.
func (s seriesLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, pt := range s.points {
		x := unixDay(pt.Date)
		xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		ymin, ymax = math.Min(ymin, pt.Value), math.Max(ymax, pt.Value)
	}
	return
}

// The styles of a forecast.
var (
	forecastLine = draw.LineStyle{Color: estimateColor, Width: vg.Points(1.2), Dashes: forecastDash}
	forecastEdge = draw.LineStyle{Color: baselineColor, Width: vg.Points(0.6), Dashes: forecastDash}
	forecastDot  = draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3.5), Shape: draw.RingGlyph{}}
)

// forecastBand draws the forecast from the last measured point to the
// deadline: a band that opens to the prediction interval, the line to the
// forecast value and an open ring at it.
type forecastBand struct {
	from, fromY        float64
	to, low, mid, high float64
}

// Plot draws the band, its edges, the line and the ring.
func (f forecastBand) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	start := vg.Point{X: trX(f.from), Y: trY(f.fromY)}
	upper := vg.Point{X: trX(f.to), Y: trY(f.high)}
	lower := vg.Point{X: trX(f.to), Y: trY(f.low)}
	end := vg.Point{X: trX(f.to), Y: trY(f.mid)}
	// A wide interval can reach past the axis (below zero for a count):
	// the band is cut at the edge of the plot, not drawn over the labels.
	c.FillPolygon(bandColor, c.ClipPolygonXY([]vg.Point{start, upper, lower}))
	c.StrokeLines(forecastEdge, c.ClipLinesXY([]vg.Point{start, upper}, []vg.Point{start, lower}, []vg.Point{lower, upper})...)
	c.StrokeLines(forecastLine, c.ClipLinesXY([]vg.Point{start, end})...)
	if c.Contains(end) {
		c.DrawGlyphNoClip(forecastDot, end)
	}
}

// DataRange spans the band.
func (f forecastBand) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Min(f.from, f.to), math.Max(f.from, f.to),
		math.Min(f.fromY, f.low), math.Max(f.fromY, f.high)
}
