package reports

import (
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/joiningforces/impact"
)

// The bar styles of budget (light, outlined) and actual (dark): told apart
// by lightness and outline, not by hue.
var (
	budgetBars = barSeries{fill: lightBar, outline: draw.LineStyle{Color: inkColor, Width: vg.Points(0.6)}}
	actualBars = barSeries{fill: darkBar, outline: draw.LineStyle{Color: darkBar, Width: vg.Points(0.6)}}
)

// CostPlot draws the cost of every activity, partner and category as a pair
// of bars, budget against actual, labelled by their ids. ProjectCostPlot
// names them from the project.
func CostPlot(ev *impact.Evaluation, lang, format string) ([]byte, error) {
	return ProjectCostPlot(nil, ev, lang, format)
}

// ProjectCostPlot is CostPlot with the activities and partners named as the
// project names them.
func ProjectCostPlot(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, p, ev)
	if err != nil {
		return nil, err
	}
	if ev.Costs == nil || len(ev.Costs.Lines) == 0 {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_costs")
	}
	bars := barRows{series: []barSeries{budgetBars, actualBars}}
	for _, line := range ev.Costs.Lines {
		row := barRow{
			label:  costLineLabel(pr, p, line),
			values: []*float64{nil, nil},
		}
		if line.Budget != 0 {
			row.values[0] = impact.Float(line.Budget)
		}
		if line.Actual != 0 {
			row.values[1] = impact.Float(line.Actual)
			row.note = pr.Money(line.Actual)
		}
		bars.rows = append(bars.rows, row)
	}
	items := []legendItem{
		{pr.T("cost.budget"), barThumb{fill: budgetBars.fill, outline: budgetBars.outline}},
		{pr.T("cost.actual"), barThumb{fill: actualBars.fill, outline: actualBars.outline}},
	}
	return drawBarRows(pr, bars, pr.T("plot.money", pr.CurrencyUnit()), numberTicks{pr: pr, money: true}, items, vg.Points(30), format)
}

// costLineLabel names a cost line on two lines: the activity, then the
// partner and the category.
func costLineLabel(pr *printer, p *impact.Project, line impact.CostLine) string {
	activity, partner := line.Activity, line.Partner
	if p != nil {
		if n, ok := p.Node(line.Activity); ok && n.Name != "" {
			activity = n.Name
		}
		if pt, ok := p.Partner(line.Partner); ok && pt.Name != "" {
			partner = pt.Name
		}
	}
	if activity == "" {
		activity = pr.T("cost.no_activity")
	}
	category := line.Category
	if key := "category." + line.Category; pr.Has(key) {
		category = pr.T(key)
	}
	second := strings.Trim(partner+" · "+category, " ·")
	return shorten(activity, 34) + "\n" + shorten(second, 34)
}

// shorten cuts text to at most n characters, ending with an ellipsis.
func shorten(text string, n int) string {
	runes := []rune(text)
	if len(runes) <= n {
		return text
	}
	return strings.TrimSpace(string(runes[:n-1])) + "…"
}

// The marks of the SROI plot.
var (
	medianDot = draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	midMark   = draw.GlyphStyle{Color: targetColor, Radius: vg.Points(4), Shape: draw.PyramidGlyph{}}
	breakEven = draw.LineStyle{Color: targetColor, Width: vg.Points(1.2), Dashes: targetDash}
)

// SROIPlot draws the social return on investment: the range from the 5th to
// the 95th percentile of the simulations, the median, the figure with every
// parameter at its middle value, and the break-even line at 1.
func SROIPlot(ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, nil, ev)
	if err != nil {
		return nil, err
	}
	v := ev.Value
	if v == nil || v.SROIMid == nil {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_sroi")
	}
	ir := intervalRows{rows: []intervalRow{{label: pr.T("sroi.label"), est: v.SROIMedian, low: v.SROIP05, high: v.SROIP95}}, dot: medianDot, line: intervalLine}
	mid := intervalRows{rows: []intervalRow{{est: v.SROIMid}}, dot: midMark}
	plt := newPlot()
	plt.Add(grid{vertical: true}, refLine{value: 1, vertical: true, style: breakEven}, ir, mid)
	plt.NominalY(pr.T("sroi.label"))
	plt.X.Tick.Marker = numberTicks{pr: pr}
	plt.X.Label.Text = pr.T("sroi.axis")
	plt.X.Min = min(plt.X.Min, 0)
	padRange(&plt.X, 0.06)
	var items []legendItem
	if v.SROIMedian != nil {
		items = append(items, legendItem{pr.T("sroi.median"), glyphThumb{glyph: medianDot}})
	}
	if v.SROIP05 != nil && v.SROIP95 != nil {
		items = append(items, legendItem{pr.T("sroi.range"), intervalThumb{intervalLine}})
	}
	items = append(items,
		legendItem{pr.T("sroi.mid"), glyphThumb{glyph: midMark}},
		legendItem{pr.T("sroi.break_even_line"), lineThumb{breakEven}},
	)
	h := vg.Points(95) + legendHeight(items, plotWidth)
	return render(plotWidth, h, format, func(c draw.Canvas) {
		drawPlotWithLegend(c, plt, items)
	})
}

// TornadoPlot draws how the SROI moves when one parameter at a time is at
// its low and at its high value, the others at their middle: two bars per
// parameter from the middle figure, light for low and dark for high.
func TornadoPlot(ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, nil, ev)
	if err != nil {
		return nil, err
	}
	v := ev.Value
	if v == nil || v.SROIMid == nil || len(v.Sensitivity) == 0 {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_sensitivity")
	}
	bars := barRows{series: []barSeries{budgetBars, actualBars}, origin: *v.SROIMid}
	for _, s := range v.Sensitivity {
		row := barRow{label: parameterLabel(pr, ev, s.Parameter), values: []*float64{impact.Float(s.Low), impact.Float(s.High)}}
		if s.Low == s.High {
			row.note = pr.T("tornado.fixed")
		} else {
			row.note = pr.T("fmt.interval", pr.Num(min(s.Low, s.High), 2), pr.Num(max(s.Low, s.High), 2))
		}
		bars.rows = append(bars.rows, row)
	}
	midLine := draw.LineStyle{Color: estimateColor, Width: vg.Points(1.2)}
	items := []legendItem{
		{pr.T("tornado.low"), barThumb{fill: budgetBars.fill, outline: budgetBars.outline}},
		{pr.T("tornado.high"), barThumb{fill: actualBars.fill, outline: actualBars.outline}},
		{pr.T("tornado.mid", pr.Num(*v.SROIMid, 2)), lineThumb{midLine}},
		{pr.T("sroi.break_even_line"), lineThumb{breakEven}},
	}
	return drawBarRows(pr, bars, pr.T("sroi.axis"), numberTicks{pr: pr}, items, vg.Points(30), format,
		refLine{value: 1, vertical: true, style: breakEven},
		refLine{value: *v.SROIMid, vertical: true, style: midLine})
}

// parameterLabel names a sensitivity parameter ("work_or_study_6m.deadweight")
// in words: the parameter, then the indicator it belongs to.
func parameterLabel(pr *printer, ev *impact.Evaluation, parameter string) string {
	id, name, ok := strings.Cut(parameter, ".")
	if !ok {
		id, name = "", parameter
	}
	word := name
	if key := "param." + name; pr.Has(key) {
		word = pr.T(key)
	}
	if id == "" {
		return word
	}
	indicator := id
	if r, ok := ev.Result(id); ok && r.Name != "" {
		indicator = r.Name
	}
	return word + "\n" + shorten(indicator, 34)
}
