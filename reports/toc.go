package reports

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/joiningforces/impact"
)

// TheoryOfChangeSVG draws the project's theory of change as a layered graph,
// activities → outputs → outcomes → impact from left to right, each node
// marked with the status of every indicator that measures it as a drawn
// symbol and a word (never colour alone); a node no indicator measures
// says so. The SVG has no ids, so several can share one page.
func TheoryOfChangeSVG(p *impact.Project, ev *impact.Evaluation, lang string) ([]byte, error) {
	return theoryOfChange(p, ev, lang, "svg")
}

// theoryOfChange draws the graph as "svg" or "png".
func theoryOfChange(p *impact.Project, ev *impact.Evaluation, lang, format string) ([]byte, error) {
	pr, err := newPrinter(lang, p, ev)
	if err != nil {
		return nil, err
	}
	g := layoutTheoryOfChange(pr, p, ev)
	return render(plotWidth, g.height, format, g.draw)
}

// Geometry of the graph, in points.
const (
	tocMargin     = vg.Length(4)
	tocGap        = vg.Length(20)
	tocHeader     = vg.Length(18)
	tocPad        = vg.Length(4)
	tocNodeGap    = vg.Length(9)
	tocNameSize   = vg.Length(7.5)
	tocNameLead   = vg.Length(9.5)
	tocStatusSize = vg.Length(7)
	tocStatusLead = vg.Length(10)
)

// tocNode is one placed node: its box, its wrapped name and its indicators'
// statuses.
type tocNode struct {
	node     impact.Node
	column   int
	lines    []string
	statuses []impact.Status
	box      vg.Rectangle
}

// tocGraph is the laid-out graph.
type tocGraph struct {
	pr      *printer
	nodes   []*tocNode
	byID    map[string]*tocNode
	columns int
	width   vg.Length
	colW    vg.Length
	height  vg.Length
}

// layoutTheoryOfChange places the nodes: a column per level, the nodes of
// a column stacked in the project's order and centred vertically.
func layoutTheoryOfChange(pr *printer, p *impact.Project, ev *impact.Evaluation) *tocGraph {
	g := &tocGraph{pr: pr, byID: map[string]*tocNode{}, columns: len(impact.Levels), width: plotWidth}
	g.colW = (g.width - 2*tocMargin - tocGap*vg.Length(g.columns-1)) / vg.Length(g.columns)
	name := textStyle(tocNameSize, false)
	heights := make([]vg.Length, g.columns)
	for _, n := range p.TheoryOfChange.Nodes {
		col := impact.LevelRank(n.Level)
		if col < 0 {
			continue
		}
		tn := &tocNode{node: n, column: col, lines: wrapText(name, n.Name, g.colW-2*tocPad)}
		for _, ind := range p.Indicators {
			if ind.Node != n.ID {
				continue
			}
			status := impact.StatusNoData
			if r, ok := ev.Result(ind.ID); ok {
				status = r.Status
			}
			tn.statuses = append(tn.statuses, status)
		}
		statusLines := max(len(tn.statuses), 1)
		h := 2*tocPad + tocNameLead*vg.Length(len(tn.lines)) + 2 + tocStatusLead*vg.Length(statusLines)
		tn.box.Max.Y = h // the height for now; placed below
		heights[col] += h + tocNodeGap
		g.nodes = append(g.nodes, tn)
		g.byID[n.ID] = tn
	}
	tallest := vg.Length(0)
	for _, h := range heights {
		tallest = max(tallest, h)
	}
	g.height = tocHeader + tallest + 2*tocMargin
	// Place each column's nodes from the top of its centred stack.
	tops := make([]vg.Length, g.columns)
	for col := range tops {
		tops[col] = g.height - tocMargin - tocHeader - (tallest-heights[col])/2
	}
	for _, tn := range g.nodes {
		h := tn.box.Max.Y
		x := tocMargin + (g.colW+tocGap)*vg.Length(tn.column)
		top := tops[tn.column]
		tn.box = vg.Rectangle{Min: vg.Point{X: x, Y: top - h}, Max: vg.Point{X: x + g.colW, Y: top}}
		tops[tn.column] = top - h - tocNodeGap
	}
	return g
}

// wrapText breaks text into lines no wider than width in the style,
// breaking between words (and inside a word too long for a line).
func wrapText(sty text.Style, s string, width vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for sty.Width(word) > width && len([]rune(word)) > 1 {
			// Cut a word that fills more than a line.
			runes := []rune(word)
			cut := len(runes) - 1
			for cut > 1 && sty.Width(string(runes[:cut])+"-") > width {
				cut--
			}
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, string(runes[:cut])+"-")
			word = string(runes[cut:])
		}
		switch {
		case line == "":
			line = word
		case sty.Width(line+" "+word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// draw paints the graph: headers, edges under the boxes, then the boxes.
func (g *tocGraph) draw(c draw.Canvas) {
	header := textStyle(8, true)
	header.XAlign = draw.XCenter
	header.YAlign = draw.YTop
	for col, level := range impact.Levels {
		x := tocMargin + (g.colW+tocGap)*vg.Length(col) + g.colW/2
		c.FillText(header, vg.Point{X: x, Y: g.height - tocMargin}, g.pr.T("level."+level))
	}
	edge := draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(0.8)}
	for _, tn := range g.nodes {
		for _, from := range tn.node.From {
			if src, ok := g.byID[from]; ok {
				g.drawEdge(c, edge, src, tn)
			}
		}
	}
	for _, tn := range g.nodes {
		g.drawNode(c, tn)
	}
}

// drawEdge draws a curved arrow from the right side of src to the left
// side of dst, or around the right side when both are in one column.
func (g *tocGraph) drawEdge(c draw.Canvas, sty draw.LineStyle, src, dst *tocNode) {
	from := vg.Point{X: src.box.Max.X, Y: (src.box.Min.Y + src.box.Max.Y) / 2}
	var to, c1, c2 vg.Point
	if dst.column > src.column {
		to = vg.Point{X: dst.box.Min.X, Y: (dst.box.Min.Y + dst.box.Max.Y) / 2}
		bend := (to.X - from.X) / 2
		c1, c2 = vg.Point{X: from.X + bend, Y: from.Y}, vg.Point{X: to.X - bend, Y: to.Y}
	} else {
		to = vg.Point{X: dst.box.Max.X, Y: (dst.box.Min.Y + dst.box.Max.Y) / 2}
		c1, c2 = vg.Point{X: from.X + tocGap*0.8, Y: from.Y}, vg.Point{X: to.X + tocGap*0.8, Y: to.Y}
	}
	var path vg.Path
	path.Move(from)
	path.CubeTo(c1, c2, to)
	c.SetLineStyle(sty)
	c.Stroke(path)
	// The arrowhead points along the curve's last tangent.
	angle := math.Atan2(float64(to.Y-c2.Y), float64(to.X-c2.X))
	const size = 4.5
	var head vg.Path
	head.Move(to)
	head.Line(vg.Point{X: to.X - vg.Length(size*math.Cos(angle-0.45)), Y: to.Y - vg.Length(size*math.Sin(angle-0.45))})
	head.Line(vg.Point{X: to.X - vg.Length(size*math.Cos(angle+0.45)), Y: to.Y - vg.Length(size*math.Sin(angle+0.45))})
	head.Close()
	c.SetColor(sty.Color)
	c.Fill(head)
}

// drawNode draws a box with the node's name and its statuses.
func (g *tocGraph) drawNode(c draw.Canvas, tn *tocNode) {
	b := tn.box
	var box vg.Path
	box.Move(b.Min)
	box.Line(vg.Point{X: b.Min.X, Y: b.Max.Y})
	box.Line(b.Max)
	box.Line(vg.Point{X: b.Max.X, Y: b.Min.Y})
	box.Close()
	c.SetColor(color.White)
	c.Fill(box)
	border := draw.LineStyle{Color: inkColor, Width: vg.Points(0.8)}
	if len(tn.statuses) == 0 {
		// A node nothing measures is drawn dashed: a gap in the plan.
		border.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
	}
	c.SetLineStyle(border)
	c.Stroke(box)

	name := textStyle(tocNameSize, false)
	name.YAlign = draw.YTop
	y := b.Max.Y - tocPad
	for _, line := range tn.lines {
		c.FillText(name, vg.Point{X: b.Min.X + tocPad, Y: y}, line)
		y -= tocNameLead
	}
	y -= 2
	status := textStyle(tocStatusSize, false)
	status.YAlign = draw.YCenter
	if len(tn.statuses) == 0 {
		status.Color = color.Gray{Y: 0x60}
		c.FillText(status, vg.Point{X: b.Min.X + tocPad, Y: y - tocStatusLead/2}, g.pr.T("toc.unmeasured"))
		return
	}
	for _, s := range tn.statuses {
		centre := vg.Point{X: b.Min.X + tocPad + 3.5, Y: y - tocStatusLead/2}
		drawStatusGlyph(c, s, centre, 3.5)
		c.FillText(status, vg.Point{X: b.Min.X + tocPad + 10, Y: centre.Y}, g.pr.T("status."+string(s)))
		y -= tocStatusLead
	}
}

// statusColors tint the status glyphs; the shape alone tells them apart.
var statusColors = map[impact.Status]color.Color{
	impact.StatusMet:          color.RGBA{R: 0x1b, G: 0x6e, B: 0x3a, A: 0xff},
	impact.StatusLikelyMet:    color.RGBA{R: 0x3d, G: 0x73, B: 0x2a, A: 0xff},
	impact.StatusLikelyNotMet: color.RGBA{R: 0x9a, G: 0x5b, B: 0x00, A: 0xff},
	impact.StatusNotMet:       color.RGBA{R: 0xa1, G: 0x1d, B: 0x1d, A: 0xff},
}

// drawStatusGlyph draws the status symbol of impact.Status.Symbol as
// vector shapes, so that it looks the same in SVG and PNG whatever fonts
// are installed: ✔ a tick, ◔ a quarter-filled ring, ◑ a half-filled ring,
// ✘ a cross, … three dots, ∅ a struck ring, ? a ring with a dot.
func drawStatusGlyph(c draw.Canvas, s impact.Status, centre vg.Point, r vg.Length) {
	ink, ok := statusColors[s]
	if !ok {
		ink = color.Gray{Y: 0x50}
	}
	stroke := draw.LineStyle{Color: ink, Width: vg.Points(1.1)}
	ring := func() {
		var p vg.Path
		p.Move(vg.Point{X: centre.X + r, Y: centre.Y})
		p.Arc(centre, r, 0, 2*math.Pi)
		p.Close()
		c.SetLineStyle(stroke)
		c.Stroke(p)
	}
	sector := func(start, sweep float64) {
		var p vg.Path
		p.Move(centre)
		p.Line(vg.Point{X: centre.X + r*vg.Length(math.Cos(start)), Y: centre.Y + r*vg.Length(math.Sin(start))})
		p.Arc(centre, r, start, sweep)
		p.Close()
		c.SetColor(ink)
		c.Fill(p)
	}
	switch s {
	case impact.StatusMet:
		c.StrokeLines(stroke, []vg.Point{
			{X: centre.X - r, Y: centre.Y},
			{X: centre.X - r*0.3, Y: centre.Y - r*0.8},
			{X: centre.X + r, Y: centre.Y + r*0.9},
		})
	case impact.StatusLikelyMet:
		ring()
		sector(math.Pi/2, -math.Pi/2)
	case impact.StatusLikelyNotMet:
		ring()
		sector(math.Pi/2, -math.Pi)
	case impact.StatusNotMet:
		c.StrokeLine2(stroke, centre.X-r, centre.Y-r, centre.X+r, centre.Y+r)
		c.StrokeLine2(stroke, centre.X-r, centre.Y+r, centre.X+r, centre.Y-r)
	case impact.StatusInsufficientData:
		dot := draw.GlyphStyle{Color: ink, Radius: vg.Points(0.9), Shape: draw.CircleGlyph{}}
		for _, dx := range []vg.Length{-r * 0.8, 0, r * 0.8} {
			c.DrawGlyphNoClip(dot, vg.Point{X: centre.X + dx, Y: centre.Y - r*0.6})
		}
	case impact.StatusNoData:
		ring()
		c.StrokeLine2(stroke, centre.X-r*1.1, centre.Y-r*1.1, centre.X+r*1.1, centre.Y+r*1.1)
	default:
		ring()
		c.DrawGlyphNoClip(draw.GlyphStyle{Color: ink, Radius: vg.Points(1), Shape: draw.CircleGlyph{}}, centre)
	}
}
