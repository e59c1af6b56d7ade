package reports

import (
	"cmp"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/joiningforces/impact"
)

// PairedPlot draws the pairs of a paired change as two panels side by
// side: on the left each participant's score before and after as two
// columns of dots joined by a thin line (a slope chart), with the average
// change as a bold line; on the right the distribution of the changes
// (post − pre) as a histogram, with the average change, the target change
// and zero marked. A result without pairs to show (another kind, a
// suppressed result, fewer pairs than min_cell) is an error with code
// ENOTFOUND.
func PairedPlot(ev *impact.Evaluation, id, lang, format string) ([]byte, error) {
	return pairedPlot(nil, ev, id, lang, format)
}

// pairedPlot is PairedPlot with the project, when there is one.
func pairedPlot(p *impact.Project, ev *impact.Evaluation, id, lang, format string) ([]byte, error) {
	r, ok := ev.Result(id)
	if !ok {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_indicator", id)
	}
	pr, err := newPrinter(lang, p, ev)
	if err != nil {
		return nil, err
	}
	pairs := shownPairs(pr, p, r)
	if len(pairs) == 0 {
		return nil, refuse(impact.ENOTFOUND, nil, "refuse.no_pairs", id, pr.minCell)
	}
	h, paint := pairedPanels(pr, r, pairs)
	return render(plotWidth, h, format, paint)
}

// shownPairs returns the pairs of a paired change that a plot may show:
// none for a result that is masked or rests on fewer than min_cell pairs.
// The evaluation leaves them out already; a report checks again, because
// a leak in print cannot be taken back.
func shownPairs(pr *printer, p *impact.Project, r *impact.Result) []impact.Pair {
	if r.Kind != impact.KindPairedChange || impact.CountPairs(r.Pairs) < pr.minCell || pr.maskedPeople(p, r) {
		return nil
	}
	return r.Pairs
}

// The marks of the paired plots. A person's line is thin, grey and
// translucent, so that where many overlap it darkens; the average change
// is a bold line in the estimate's colour on a white halo, which tells it
// apart in greyscale by its weight. Zero is a solid grey line, unlike the
// dashed target and the dotted baseline.
var (
	meanChangeLine = draw.LineStyle{Color: estimateColor, Width: vg.Points(2.5)}
	meanChangeHalo = draw.LineStyle{Color: color.White, Width: vg.Points(5)}
	meanChangeDot  = draw.GlyphStyle{Color: estimateColor, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	zeroLine       = draw.LineStyle{Color: baselineColor, Width: vg.Points(1)}
	changeBarFill  = lightBar
	changeBarEdge  = draw.LineStyle{Color: inkColor, Width: vg.Points(0.6)}
)

// pairStyle returns the line and dot of one person: the more people, the
// more translucent, so that a crowd reads as shades rather than a blot.
func pairStyle(n int) (draw.LineStyle, draw.GlyphStyle) {
	alpha := math.Min(0.85, math.Max(0.12, 3/math.Sqrt(float64(n))))
	ink := color.NRGBA{R: 0x50, G: 0x50, B: 0x50, A: uint8(math.Round(alpha * 255))}
	return draw.LineStyle{Color: ink, Width: vg.Points(0.7)},
		draw.GlyphStyle{Color: ink, Radius: vg.Points(1.8), Shape: draw.CircleGlyph{}}
}

// pairJitter is how far, in columns, a dot may move sideways off its
// column, so that equal scores do not hide one another.
const pairJitter = 0.06

// pairsHeight is the height of the two panels without their legend.
const pairsHeight = vg.Length(210)

// titlePadding keeps a panel's title clear of the lines that cross the
// whole height of its data area (zero, the target, the average change).
const titlePadding = vg.Length(9)

// pairedPanels returns the height and the painter of the slope chart and
// the histogram of changes side by side, over a legend they share.
func pairedPanels(pr *printer, r *impact.Result, pairs []impact.Pair) (vg.Length, func(c draw.Canvas)) {
	people := impact.CountPairs(pairs)
	line, dot := pairStyle(people)
	slope := newPlot()
	slope.Title.Text = pr.T("plot.pairs_title")
	slope.Title.TextStyle = titleStyle()
	slope.Title.Padding = titlePadding
	slope.Add(grid{horizontal: true})
	drawn, alpha := drawnPairs(pairs)
	lines := slopeLines{pairs: drawn, alpha: alpha, jitter: jitter(len(drawn)), line: line, dot: dot}
	items := []legendItem{{pr.T("plot.pair"), glyphThumb{glyph: dot, line: &line}}}
	if r.Estimate != nil {
		// The average change is drawn from the average score before,
		// with the evaluation's estimate as its rise, so that the line
		// shows the very figure the text gives.
		var pre float64
		for _, p := range pairs {
			pre += p.Pre * float64(p.Count())
		}
		lines.mean = &[2]float64{pre / float64(people), pre/float64(people) + *r.Estimate}
		items = append(items, legendItem{pr.T("plot.mean_change", pr.Value(r, *r.Estimate)), glyphThumb{glyph: meanChangeDot, line: &meanChangeLine}})
	}
	slope.Add(lines)
	slope.NominalX(pr.T("plot.pre"), pr.T("plot.post"))
	slope.Y.Label.Text = pr.T("plot.score")
	slope.Y.Tick.Marker = numberTicks{pr: pr}
	padRange(&slope.Y, 0.05)

	bars := newChangeBars(pairs)
	hist := newPlot()
	hist.Title.Text = pr.T("plot.changes_title")
	hist.Title.TextStyle = titleStyle()
	hist.Title.Padding = titlePadding
	hist.Add(grid{horizontal: true}, bars, refLine{value: 0, vertical: true, style: zeroLine})
	if r.Target != nil {
		hist.Add(refLine{value: *r.Target, vertical: true, style: targetLine})
		items = append(items, legendItem{pr.T("plot.target", pr.Value(r, *r.Target)), lineThumb{targetLine}})
	}
	if r.Estimate != nil {
		hist.Add(refLine{value: *r.Estimate, vertical: true, style: meanChangeLine})
	}
	items = append(items, legendItem{pr.T("plot.no_change"), lineThumb{zeroLine}})
	hist.X.Label.Text = pr.T("plot.value." + r.Kind)
	hist.X.Tick.Marker = roundTicks{pr: pr, unit: bars.width}
	hist.Y.Label.Text = pr.T("plot.people")
	hist.Y.Tick.Marker = roundTicks{pr: pr, unit: 1}
	hist.Y.Min = 0
	padRange(&hist.X, 0.04)
	// Room above the tallest bar, none below zero.
	hist.Y.Max += math.Max(1, hist.Y.Max*0.08)

	// A margin on top keeps the titles off the edge of the picture.
	const top = vg.Length(6)
	h := top + pairsHeight + legendHeight(items, plotWidth-10)
	return h, func(c draw.Canvas) {
		c.Max.X -= 10
		c.Max.Y -= top
		if lh := legendHeight(items, c.Max.X-c.Min.X); lh > 0 {
			legend := c
			legend.Max.Y = c.Min.Y + lh
			drawLegend(legend, items)
			c.Min.Y += lh + 4
		}
		left, right := c, c
		left.Max.X = c.Min.X + (c.Max.X-c.Min.X)*0.46
		right.Min.X = left.Max.X + 18
		slope.Draw(left)
		hist.Draw(right)
	}
}

// maxPeopleDrawn is the most people the slope chart draws one line each
// for, as many as a project's own survey has. Above it each distinct pair
// is one line, as dark as its share of the people.
const maxPeopleDrawn = 2000

// drawnPairs returns the lines the slope chart draws and, when each
// stands for many people, the opacity of each: a line per person up to
// maxPeopleDrawn people (the opacities nil), else a line per distinct
// pair whose opacity grows with the square root of its count, so that a
// million people draw no more lines than their distinct scores and the
// common changes stand out from the rare.
func drawnPairs(pairs []impact.Pair) ([]impact.Pair, []float64) {
	if impact.CountPairs(pairs) <= maxPeopleDrawn {
		var drawn []impact.Pair
		for _, p := range pairs {
			for range p.Count() {
				drawn = append(drawn, impact.Pair{Pre: p.Pre, Post: p.Post, N: 1})
			}
		}
		return drawn, nil
	}
	most := 1
	for _, p := range pairs {
		most = max(most, p.Count())
	}
	alpha := make([]float64, len(pairs))
	for i, p := range pairs {
		alpha[i] = 0.04 + 0.81*math.Sqrt(float64(p.Count())/float64(most))
	}
	return pairs, alpha
}

// jitter returns two sideways offsets per pair, the same on every call:
// a seeded source, so that the same evaluation gives the same picture.
func jitter(n int) []float64 {
	rng := rand.New(rand.NewPCG(0x1a7ac7, 0x9a12ed))
	offsets := make([]float64, 2*n)
	for i := range offsets {
		offsets[i] = (rng.Float64()*2 - 1) * pairJitter
	}
	return offsets
}

// slopeLines draws each pair as a dot in the column before (x = 0) and
// one in the column after (x = 1) joined by a line, and the average
// change over them.
type slopeLines struct {
	pairs []impact.Pair
	// alpha is the opacity of each pair's line and dots, or nil for the
	// opacity of line and dot.
	alpha  []float64
	jitter []float64
	line   draw.LineStyle
	dot    draw.GlyphStyle
	// mean is the average score before and that plus the average change,
	// or nil.
	mean *[2]float64
}

// Plot draws the people's lines, their dots, then the average on top.
func (s slopeLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ends := make([][2]vg.Point, len(s.pairs))
	for i, pair := range s.pairs {
		ends[i] = [2]vg.Point{
			{X: trX(s.jitter[2*i]), Y: trY(pair.Pre)},
			{X: trX(1 + s.jitter[2*i+1]), Y: trY(pair.Post)},
		}
		line, _ := s.style(i)
		c.StrokeLine2(line, ends[i][0].X, ends[i][0].Y, ends[i][1].X, ends[i][1].Y)
	}
	for i, e := range ends {
		_, dot := s.style(i)
		c.DrawGlyphNoClip(dot, e[0])
		c.DrawGlyphNoClip(dot, e[1])
	}
	if s.mean == nil {
		return
	}
	from := vg.Point{X: trX(0), Y: trY(s.mean[0])}
	to := vg.Point{X: trX(1), Y: trY(s.mean[1])}
	c.StrokeLine2(meanChangeHalo, from.X, from.Y, to.X, to.Y)
	c.StrokeLine2(meanChangeLine, from.X, from.Y, to.X, to.Y)
	c.DrawGlyphNoClip(meanChangeDot, from)
	c.DrawGlyphNoClip(meanChangeDot, to)
}

// style returns the line and dot of the i-th pair.
func (s slopeLines) style(i int) (draw.LineStyle, draw.GlyphStyle) {
	if s.alpha == nil {
		return s.line, s.dot
	}
	line, dot := s.line, s.dot
	ink := color.NRGBAModel.Convert(line.Color).(color.NRGBA)
	ink.A = uint8(math.Round(s.alpha[i] * 255))
	line.Color, dot.Color = ink, ink
	return line, dot
}

// DataRange spans both columns with room for the jitter, and every score.
func (s slopeLines) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, pair := range s.pairs {
		ymin, ymax = math.Min(ymin, math.Min(pair.Pre, pair.Post)), math.Max(ymax, math.Max(pair.Pre, pair.Post))
	}
	return -0.3, 1.3, ymin, ymax
}

// changeBars is the histogram of the changes: bars of equal width
// centred on multiples of the width, so that one bar is centred on no
// change at all.
type changeBars struct {
	width float64
	bins  []changeBin
}

// changeBin is one bar: the multiple of the width it is centred on, and
// how many people changed by about that much.
type changeBin struct {
	at, n int
}

// newChangeBars bins the changes of the pairs: about a dozen bins over
// their range, of a round width (1, 2 or 5 times a power of ten), and at
// least 1 when every change is a whole number.
func newChangeBars(pairs []impact.Pair) changeBars {
	low, high := math.Inf(1), math.Inf(-1)
	whole := true
	for _, p := range pairs {
		d := p.Post - p.Pre
		low, high = math.Min(low, d), math.Max(high, d)
		whole = whole && d == math.Trunc(d)
	}
	width := roundWidth((high - low) / 12)
	if whole {
		width = math.Max(1, math.Round(width))
	}
	counts := map[int]int{}
	for _, p := range pairs {
		counts[int(math.Round((p.Post-p.Pre)/width))] += p.Count()
	}
	// In order, so that the same pairs give the same bytes of SVG.
	b := changeBars{width: width}
	for at, n := range counts {
		b.bins = append(b.bins, changeBin{at: at, n: n})
	}
	slices.SortFunc(b.bins, func(x, y changeBin) int { return cmp.Compare(x.at, y.at) })
	return b
}

// roundWidth returns the smallest of 1, 2 and 5 times a power of ten that
// is at least x, and 1 for no spread.
func roundWidth(x float64) float64 {
	if !(x > 0) || !finite(x) {
		return 1
	}
	power := math.Pow(10, math.Floor(math.Log10(x)))
	for _, step := range []float64{1, 2, 5, 10} {
		if step*power >= x*(1-1e-9) {
			return step * power
		}
	}
	return 10 * power
}

// Plot draws one outlined bar per bin with people in it.
func (b changeBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, bin := range b.bins {
		centre := float64(bin.at) * b.width
		x0, x1 := trX(centre-b.width/2), trX(centre+b.width/2)
		y0, y1 := trY(0), trY(float64(bin.n))
		pts := []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}
		c.FillPolygon(changeBarFill, pts)
		c.StrokeLines(changeBarEdge, append(pts, pts[0]))
	}
}

// DataRange spans the bins and zero to the tallest bar.
func (b changeBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, bin := range b.bins {
		centre := float64(bin.at) * b.width
		xmin, xmax = math.Min(xmin, centre-b.width/2), math.Max(xmax, centre+b.width/2)
		ymax = math.Max(ymax, float64(bin.n))
	}
	return xmin, xmax, 0, ymax
}

// roundTicks labels multiples of a round step that gives about six
// labels: a round number (1, 2 or 5 times a power of ten) times unit when
// unit is set, so that the labels of a histogram fall on the centres of
// its bars and a count of people, with unit 1, has no halves.
type roundTicks struct {
	pr   *printer
	unit float64
}

// Ticks returns a labelled tick at every multiple of the step in range.
func (t roundTicks) Ticks(low, high float64) []plot.Tick {
	step := roundWidth((high - low) / 6)
	if t.unit > 0 {
		step = t.unit * math.Max(1, math.Round(roundWidth((high-low)/6/t.unit)))
	}
	decimals := max0(int(-math.Floor(math.Log10(step) + 1e-9)))
	if t.unit > 0 {
		decimals = max(decimals, max0(int(-math.Floor(math.Log10(t.unit)+1e-9))))
	}
	var ticks []plot.Tick
	for i := math.Ceil(low / step); i*step <= high; i++ {
		// The multiple, not a running sum, so that no rounding error
		// builds up along the axis.
		v := i * step
		ticks = append(ticks, plot.Tick{Value: v, Label: t.pr.Num(v, decimals)})
	}
	return ticks
}
