package reports

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Plot sizes: the width fits an A4 page with its margins, and PNGs are
// drawn at a resolution that stays sharp in a Markdown viewer.
const (
	plotWidth = 16 * vg.Centimeter
	pngDPI    = 110
	// printDPI is the resolution of the plots in a Word document (memo.md:
	// 200 dpi or more).
	printDPI = 220
	// pngPrint is the format name of a PNG at printDPI.
	pngPrint = "png-print"
)

// The palette. Every distinction a plot makes is carried by a shape or a
// dash pattern as well, so that it reads in greyscale and for people who
// do not see colour; the colours only help.
var (
	inkColor      = color.Gray{Y: 0x20}
	estimateColor = color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff}
	targetColor   = color.Gray{Y: 0x00}
	baselineColor = color.Gray{Y: 0x70}
	bandColor     = color.Gray{Y: 0xdd}
	lightBar      = color.Gray{Y: 0xd0}
	darkBar       = color.RGBA{R: 0x2b, G: 0x3f, B: 0x55, A: 0xff}
	gridColor     = color.Gray{Y: 0xe6}
)

// Dash patterns, in points.
var (
	targetDash   = []vg.Length{vg.Points(6), vg.Points(3)}
	baselineDash = []vg.Length{vg.Points(1.5), vg.Points(2)}
	forecastDash = []vg.Length{vg.Points(4), vg.Points(2), vg.Points(1), vg.Points(2)}
)

// plotFont is Liberation Sans, regular or bold: metric-compatible with
// Arial, embedded in the binary by gonum/plot and in the HTML by FontCSS.
func plotFont(bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// textStyle returns a text style in the plot font.
func textStyle(size vg.Length, bold bool) text.Style {
	return text.Style{
		Color:   inkColor,
		Font:    font.From(plotFont(bold), size),
		Handler: plot.DefaultTextHandler,
	}
}

// titleStyle is the style of a panel's title, centred above it.
func titleStyle() text.Style {
	sty := textStyle(9, true)
	sty.XAlign = draw.XCenter
	sty.YAlign = draw.YTop
	return sty
}

// newPlot returns a plot in the house style: sans-serif text, light grid,
// no title (the document's caption is the title).
func newPlot() *plot.Plot {
	p := plot.New()
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		// Only font and colour change: the styles' alignments place the
		// labels beside their axis.
		ax.Label.TextStyle.Font = font.From(plotFont(false), 9)
		ax.Label.TextStyle.Color = inkColor
		ax.Tick.Label.Font = font.From(plotFont(false), 8)
		ax.Tick.Label.Color = inkColor
		ax.Color = inkColor
		ax.Tick.Color = inkColor
		ax.Padding = vg.Points(4)
	}
	p.Legend.TextStyle = textStyle(8, false)
	return p
}

// grid is a light vertical and/or horizontal grid behind the data.
type grid struct {
	vertical, horizontal bool
}

// Plot draws the grid lines at the major ticks.
func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	if g.vertical {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if t.IsMinor() {
				continue
			}
			x := trX(t.Value)
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		}
	}
	if g.horizontal {
		for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			if t.IsMinor() {
				continue
			}
			y := trY(t.Value)
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}

// legendItem is one entry of a legend drawn under a plot.
type legendItem struct {
	Label string
	Thumb plot.Thumbnailer
}

// legendHeight returns the height the legend needs when its entries flow
// in rows across width.
func legendHeight(items []legendItem, width vg.Length) vg.Length {
	if len(items) == 0 {
		return 0
	}
	return vg.Length(len(legendRows(items, width))) * legendRowHeight
}

const (
	legendRowHeight = vg.Length(13)
	legendThumb     = vg.Length(20)
	legendGap       = vg.Length(12)
)

// legendRows splits the entries into rows that fit the width.
func legendRows(items []legendItem, width vg.Length) [][]legendItem {
	sty := textStyle(8, false)
	var rows [][]legendItem
	var current []legendItem
	x := vg.Length(0)
	for _, it := range items {
		w := legendThumb + 4 + sty.Width(it.Label) + legendGap
		if len(current) > 0 && x+w > width {
			rows = append(rows, current)
			current, x = nil, 0
		}
		current = append(current, it)
		x += w
	}
	return append(rows, current)
}

// drawLegend draws the entries in rows from the top of c: a thumbnail of
// the line, glyph or bar, then its label.
func drawLegend(c draw.Canvas, items []legendItem) {
	sty := textStyle(8, false)
	sty.YAlign = draw.YCenter
	y := c.Max.Y - legendRowHeight/2
	for _, rowItems := range legendRows(items, c.Max.X-c.Min.X) {
		x := c.Min.X
		for _, it := range rowItems {
			thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - 4.5},
				Max: vg.Point{X: x + legendThumb, Y: y + 4.5},
			}}
			it.Thumb.Thumbnail(&thumb)
			c.FillText(sty, vg.Point{X: x + legendThumb + 4, Y: y}, it.Label)
			x += legendThumb + 4 + sty.Width(it.Label) + legendGap
		}
		y -= legendRowHeight
	}
}

// drawPlotWithLegend draws p over the legend, which takes the bottom of c.
// A small right margin keeps the last tick label inside the canvas.
func drawPlotWithLegend(c draw.Canvas, p *plot.Plot, items []legendItem) {
	c.Max.X -= 10
	h := legendHeight(items, c.Max.X-c.Min.X)
	if h > 0 {
		legend := c
		legend.Max.Y = c.Min.Y + h
		drawLegend(legend, items)
		c.Min.Y += h + 4
	}
	p.Draw(c)
}

// render draws onto a canvas of the given size and encodes it as "svg" or
// "png".
func render(w, h vg.Length, format string, paint func(c draw.Canvas)) ([]byte, error) {
	var (
		canvas vg.CanvasWriterTo
		svg    *vgsvg.Canvas
	)
	switch format {
	case "svg":
		svg = vgsvg.New(w, h)
		canvas = svg
	case "png":
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))}
	case pngPrint:
		// Word documents are printed: the plots go in at print resolution.
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(printDPI), vgimg.UseBackgroundColor(color.White))}
	default:
		return nil, refuse(impact.EINVALID, nil, "refuse.plot_format", format)
	}
	dc := draw.New(canvas)
	if format == "svg" {
		// A white page under the plot, so that it reads the same on a
		// dark background as on paper.
		dc.SetColor(color.White)
		var page vg.Path
		page.Move(vg.Point{})
		page.Line(vg.Point{X: w})
		page.Line(vg.Point{X: w, Y: h})
		page.Line(vg.Point{Y: h})
		page.Close()
		dc.Fill(page)
	}
	if err := paintSafely(dc, paint); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("reports: encode a plot as %s: %w", format, err)
	}
	if format == "svg" {
		return cleanSVG(buf.Bytes()), nil
	}
	return buf.Bytes(), nil
}

// paintSafely runs paint, turning a panic of the plotting library (it
// panics on impossible ranges) into an error for the caller.
func paintSafely(dc draw.Canvas, paint func(c draw.Canvas)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = impact.Errorf(impact.EINTERNAL, "reports: drawing a plot failed: %v; this is a bug in impact, report it", r)
		}
	}()
	paint(dc)
	return nil
}

// svgFonts names fonts that look like Liberation Sans where it is missing:
// Arial and Helvetica have the same metrics.
var svgFonts = strings.NewReplacer(
	"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;",
)

// cleanSVG makes gonum's SVG fit for inlining in HTML: without the XML
// declaration and the generator comment, with fallback fonts.
func cleanSVG(svg []byte) []byte {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return []byte(svgFonts.Replace(s))
}

// numberTicks labels the default ticks in the language's number format,
// as percentages when percent is set.
type numberTicks struct {
	pr      *printer
	percent bool
	money   bool
}

// Ticks returns the default ticks relabelled, every label with as many
// decimals as the most precise one needs.
func (t numberTicks) Ticks(low, high float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(low, high)
	digits := 0
	for _, tick := range ticks {
		if tick.IsMinor() {
			continue
		}
		if _, err := strconv.ParseFloat(tick.Label, 64); err != nil {
			continue
		}
		if _, frac, ok := strings.Cut(tick.Label, "."); ok && !strings.ContainsAny(frac, "eE") {
			digits = max(digits, len(strings.TrimRight(frac, "0")))
		}
	}
	for i := range ticks {
		if ticks[i].IsMinor() {
			continue
		}
		switch {
		case t.percent:
			ticks[i].Label = t.pr.Percent(ticks[i].Value, max0(digits-2))
		case t.money:
			ticks[i].Label = t.pr.Num(ticks[i].Value, 0)
		default:
			ticks[i].Label = t.pr.Num(ticks[i].Value, digits)
		}
	}
	return ticks
}

// max0 returns n, or 0 when n is negative.
func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// monthTicks marks months on a time axis in seconds since 1970, labelled
// with the language's month abbreviations ("mar 2025"), at a step that
// keeps the labels apart.
type monthTicks struct {
	pr *printer
}

// Ticks returns a tick at the first of every month, labelled every step months.
func (t monthTicks) Ticks(min, max float64) []plot.Tick {
	start := time.Unix(int64(min), 0).UTC()
	end := time.Unix(int64(max), 0).UTC()
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	if first.Before(start) {
		first = first.AddDate(0, 1, 0)
	}
	months := (end.Year()-first.Year())*12 + int(end.Month()-first.Month()) + 1
	step := 1
	for _, s := range []int{1, 2, 3, 6, 12, 24} {
		step = s
		if months/s <= 7 {
			break
		}
	}
	var ticks []plot.Tick
	for m := first; !m.After(end); m = m.AddDate(0, 1, 0) {
		label := ""
		if (int(m.Month())-1)%step == 0 {
			label = i18n.MonthYear(t.pr.lang, m)
		}
		ticks = append(ticks, plot.Tick{Value: float64(m.Unix()), Label: label})
	}
	return ticks
}

// unixDay returns a date as seconds since 1970, the x of a time axis.
func unixDay(d impact.Date) float64 { return float64(d.Unix()) }

// lineThumb is a legend thumbnail of a line style.
type lineThumb struct{ draw.LineStyle }

// Thumbnail draws a horizontal line across the middle.
func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.LineStyle, c.Min.X, y, c.Max.X, y)
}

// glyphThumb is a legend thumbnail of a glyph, with an optional line.
type glyphThumb struct {
	glyph draw.GlyphStyle
	line  *draw.LineStyle
}

// Thumbnail draws the line and the glyph in the middle.
func (g glyphThumb) Thumbnail(c *draw.Canvas) {
	if g.line != nil {
		y := c.Center().Y
		c.StrokeLine2(*g.line, c.Min.X, y, c.Max.X, y)
	}
	c.DrawGlyphNoClip(g.glyph, c.Center())
}

// barThumb is a legend thumbnail of a filled bar.
type barThumb struct {
	fill    color.Color
	outline draw.LineStyle
}

// Thumbnail draws a filled box.
func (b barThumb) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{
		{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y},
		{X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y},
	}
	c.FillPolygon(b.fill, pts)
	c.StrokeLines(b.outline, append(pts, pts[0]))
}

// intervalThumb is a legend thumbnail of an interval with caps.
type intervalThumb struct{ style draw.LineStyle }

// Thumbnail draws a capped horizontal line.
func (i intervalThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(i.style, c.Min.X+2, y, c.Max.X-2, y)
	c.StrokeLine2(i.style, c.Min.X+2, y-3, c.Min.X+2, y+3)
	c.StrokeLine2(i.style, c.Max.X-2, y-3, c.Max.X-2, y+3)
}

// finite reports whether every value is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
