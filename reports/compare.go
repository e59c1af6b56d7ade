package reports

import (
	"math"
	"strings"

	"github.com/joiningforces/impact"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Who dropped out, and compared with whom (statistics.md): the words and
// the plot of an attrition test and of a comparison group. A difference
// from a comparison group is called an effect only when the groups were
// drawn by lot (compare.design: randomised).

// attritionWords says in words when those who answered only before
// differed from those who answered both times (p < 1 − conf), and which
// way that bends the change; nothing otherwise.
func (r *reporter) attritionWords(res *impact.Result) []string {
	pr := r.pr
	a := res.AttritionTest
	if !a.Differs(pr.conf) || pr.maskedPeople(r.p, res) {
		return nil
	}
	way := "lower"
	if a.Difference < 0 {
		way = "higher"
	}
	size := pr.Num(abs(a.Difference), decimals(res))
	return []string{pr.T("attrition.words."+way, size, pr.Num(a.MeanOnly, decimals(res)), pr.Num(a.MeanBoth, decimals(res)), r.pValue(*a.PValue))}
}

// pValue formats a p-value: three decimals, "< 0.001" below that.
func (r *reporter) pValue(p float64) string {
	if p < 0.001 {
		return "< " + r.pr.Num(0.001, 3)
	}
	return r.pr.Num(p, 3)
}

// comparisonKey returns the key of a sentence about the comparison people
// and their name: a cohort's sentence names it as a cohort ("the cohort
// Jämförelse 2025"), a target group's by the group's name, each a whole
// message.
func (r *reporter) comparisonKey(key string, c *impact.Comparison) (string, string) {
	if c.Cohort != "" {
		return key + "_cohort", c.Cohort
	}
	return key, r.targetGroupName(c.TargetGroup)
}

// difference formats a difference in the unit of the indicator: a share's
// in percentage points, signed.
func (r *reporter) difference(res *impact.Result, x float64) string {
	if res.Kind == impact.KindProportion {
		points := math.Round(x * 100)
		return r.pr.Plural("comparison.points", int(math.Abs(points)), r.pr.Signed(x*100, 0))
	}
	return r.pr.Signed(x, decimals(res))
}

// comparisonWords are the sentences about an indicator's comparison
// group: who they are and their figure, the difference with its interval
// and p-value, and what the difference may be read as. Nothing when the
// indicator's own figures are hidden, since the difference would tell them.
func (r *reporter) comparisonWords(res *impact.Result) []string {
	pr := r.pr
	c := res.Comparison
	if c == nil || pr.maskedPeople(r.p, res) || res.Estimate == nil {
		return nil
	}
	if c.Suppressed || c.N == nil || *c.N < pr.minCell || c.Estimate == nil {
		key, name := r.comparisonKey("comparison.suppressed", c)
		return []string{pr.T(key, name, pr.Fewer())}
	}
	key, name := r.comparisonKey("comparison.who", c)
	out := []string{pr.Plural(key, *c.N, pr.Count(c.N), name, pr.Value(res, *c.Estimate), pr.Interval(res, c.CILow, c.CIHigh), pr.Conf())}
	if c.Difference != nil {
		if c.DiffLow != nil && c.DiffHigh != nil && c.PValue != nil {
			out = append(out, pr.T("comparison.difference", r.difference(res, *c.Difference),
				pr.T("fmt.interval", r.difference(res, *c.DiffLow), r.difference(res, *c.DiffHigh)), r.pValue(*c.PValue)))
		} else {
			out = append(out, pr.T("comparison.difference_point", r.difference(res, *c.Difference), pr.Int(r.minN())))
		}
	}
	if c.Randomised() {
		return append(out, pr.T("comparison.randomised"))
	}
	return append(out, pr.T("comparison.observational"))
}

// comparisonBlocks are the paragraph and the plot of an indicator's
// comparison, for its section of the workshop report.
func (r *reporter) comparisonBlocks(res *impact.Result) []block {
	words := r.comparisonWords(res)
	if len(words) == 0 {
		return nil
	}
	blocks := []block{para{Text: strings.Join(words, " ")}}
	if c := res.Comparison; !c.Suppressed && c.Estimate != nil {
		pr := r.pr
		blocks = append(blocks, figure{
			Name:    "comparison-" + fileName(res.ID),
			Caption: pr.T("figure.comparison", r.name(res)),
			Alt:     strings.Join(words, " "),
			Render: func(format string) ([]byte, error) {
				return comparisonPlot(pr, res, format)
			},
		})
	}
	return blocks
}

// comparisonPlot draws the indicator's estimate and the comparison's side
// by side, each with its interval, and to the right the difference with its
// interval against zero.
func comparisonPlot(pr *printer, res *impact.Result, format string) ([]byte, error) {
	c := res.Comparison
	rows := []intervalRow{
		{label: pr.T("plot.participants_n", pr.Count(res.N)), est: res.Estimate, low: res.CILow, high: res.CIHigh},
		{label: pr.T("plot.comparison_n", pr.Count(c.N)), est: c.Estimate, low: c.CILow, high: c.CIHigh},
	}
	both := newPlot()
	both.Add(grid{vertical: true})
	both.Add(intervalRows{rows: rows, dot: estimateDot, line: intervalLine})
	both.NominalY(rows[1].label, rows[0].label)
	valueAxis(pr, both, res)

	diff := newPlot()
	diff.Add(grid{vertical: true})
	diff.Add(refLine{value: 0, vertical: true, style: baselineLine})
	diffRow := []intervalRow{{label: pr.T("plot.difference"), est: c.Difference, low: c.DiffLow, high: c.DiffHigh}}
	diff.Add(intervalRows{rows: diffRow, dot: estimateDot, line: intervalLine})
	diff.NominalY(diffRow[0].label)
	diff.X.Label.Text = pr.T("plot.difference_axis")
	if res.Kind == impact.KindProportion {
		diff.X.Tick.Marker = valueTicks(pr, res)
	}
	padRange(&diff.X, 0.15)
	if diff.X.Min > 0 {
		diff.X.Min = 0
	}
	if diff.X.Max < 0 {
		diff.X.Max = 0
	}
	items := []legendItem{
		{pr.T("plot.estimate"), glyphThumb{glyph: estimateDot}},
		{pr.T("plot.interval", pr.Conf()), intervalThumb{intervalLine}},
		{pr.T("plot.no_difference"), lineThumb{baselineLine}},
	}
	h := vg.Points(62) + vg.Points(26)*2 + legendHeight(items, plotWidth)
	return render(plotWidth, h, format, func(cv draw.Canvas) {
		legend := cv
		legend.Max.Y = cv.Min.Y + legendHeight(items, plotWidth)
		drawLegend(legend, items)
		cv.Min.Y = legend.Max.Y + 4
		left, right := cv, cv
		split := cv.Min.X + (cv.Max.X-cv.Min.X)*0.62
		left.Max.X, right.Min.X = split-6, split+6
		right.Max.X -= 10
		both.Draw(left)
		diff.Draw(right)
	})
}

// valueAxis sets the horizontal axis of an interval plot in the unit of
// the indicator: a share from 0 to 100 %, any other figure padded around
// what the plot holds.
func valueAxis(pr *printer, plt *plot.Plot, r *impact.Result) {
	plt.X.Tick.Marker = valueTicks(pr, r)
	plt.X.Label.Text = pr.T("plot.value." + r.Kind)
	if r.Kind == impact.KindProportion {
		plt.X.Min, plt.X.Max = 0, 1
	} else {
		padRange(&plt.X, 0.08)
	}
}
