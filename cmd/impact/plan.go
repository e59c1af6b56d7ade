package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/joiningforces/impact"
)

// isTerminal reports whether stdout is a terminal, where colour is used.
func (m *Main) isTerminal() bool {
	f, ok := m.Stdout.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// newTable returns a go-pretty table writing to w, coloured only on a terminal.
func newTable(w io.Writer, colour bool) table.Writer {
	t := table.NewWriter()
	t.SetOutputMirror(w)
	t.SetStyle(table.StyleLight)
	if colour {
		t.Style().Color.Header = text.Colors{text.Bold}
	}
	return t
}

// printPlan prints a summary of the collaboration plan: who, what for whom,
// the theory of change and the goals.
func printPlan(w io.Writer, p *impact.Project, colour bool, lang string) {
	in := p.Info
	fmt.Fprintf(w, "%s (%s)\n", in.Name, in.ID)
	if in.Municipality.Name != "" {
		fmt.Fprintln(w, msg(lang, "plan.municipality", in.Municipality.Name, in.Municipality.Code))
	}
	if !in.Period.Start.IsZero() {
		fmt.Fprintln(w, msg(lang, "plan.period", in.Period.Start.String(), in.Period.End.String()))
	}
	var partners []string
	for _, pa := range in.Partners {
		partners = append(partners, fmt.Sprintf("%s (%s)", pa.Name, pa.Role))
	}
	fmt.Fprintln(w, msg(lang, "plan.partners", strings.Join(partners, ", ")))
	var groups []string
	for _, tg := range p.TargetGroups {
		groups = append(groups, tg.Name)
	}
	fmt.Fprintln(w, msg(lang, "plan.groups", strings.Join(groups, ", ")))
	counts := map[string]int{}
	for _, n := range p.TheoryOfChange.Nodes {
		counts[n.Level]++
	}
	var levels []string
	for _, l := range impact.Levels {
		levels = append(levels, msg(lang, "plan.level."+l, counts[l]))
	}
	fmt.Fprintln(w, msg(lang, "plan.theory", strings.Join(levels, ", "), len(p.TheoryOfChange.Assumptions)))
	fmt.Fprintf(w, "%s\n\n", msg(lang, "plan.counts", len(p.Instruments), len(p.Sources), len(p.Costs)))

	t := newTable(w, colour)
	t.SetTitle(msg(lang, "plan.goals"))
	t.AppendHeader(table.Row{msg(lang, "plan.indicator"), msg(lang, "plan.measure"), msg(lang, "plan.node"), msg(lang, "plan.baseline"),
		msg(lang, "plan.target"), msg(lang, "plan.deadline"), msg(lang, "plan.responsible")})
	for _, ind := range p.Indicators {
		kind := ""
		if ind.Measure != nil {
			kind = ind.Measure.Kind
		}
		baseline, target, deadline := "–", "–", "–"
		if ind.Baseline != nil {
			baseline = strconv.FormatFloat(ind.Baseline.Value, 'f', -1, 64)
		}
		if ind.Target != nil {
			arrow := "↑"
			if ind.Direction == impact.Decrease {
				arrow = "↓"
			}
			target = arrow + " " + strconv.FormatFloat(*ind.Target, 'f', -1, 64)
		}
		if ind.Deadline != nil {
			deadline = ind.Deadline.String()
		}
		t.AppendRow(table.Row{ind.ID + "\n" + ind.Name, kind, ind.Node, baseline, target, deadline, ind.Responsible})
	}
	t.Render()
}
