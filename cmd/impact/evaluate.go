package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/smart"
)

func evaluateCommand() command {
	var asOf string
	var asJSON bool
	return command{
		Name:    "evaluate",
		Args:    "[--as-of DATE] [--json]",
		Summary: "every indicator's result, status and forecast",
		Help: "Measures every indicator of impact.yaml on the ingested data as it stood on the as-of date\n" +
			"(rows dated later are left out), judges each goal against its target with its interval\n" +
			"(met, likely met, likely not met, not met, or too little data to say), forecasts the goals\n" +
			"measured over time to their deadline, and sums up costs and the social return on investment.\n" +
			"--json prints the same evaluation as one JSON document, the one that reports and dashboards read.",
		Example: "impact evaluate --as-of 2025-11-30 --json",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&asOf, "as-of", "", "judge the evidence as it stood on `DATE` (YYYY-MM-DD; default today)")
			fs.BoolVar(&asJSON, "json", false, "print the evaluation as one JSON document on stdout")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("impact evaluate takes no arguments; give the date with --as-of DATE")
				}
				// The table shows the goals alone; the JSON is the whole
				// evaluation, the same document as the dashboards' API.
				ev, err := m.evaluate(ctx, asOf, !asJSON)
				if err != nil {
					return err
				}
				if asJSON {
					return writeEvaluationJSON(m.Stdout, ev)
				}
				printEvaluation(m.Stdout, ev, m.isTerminal())
				return nil
			}
		},
	}
}

// evaluate loads the project, opens its store and evaluates it at asOf
// (YYYY-MM-DD, or "" for today).
func (m *Main) evaluate(ctx context.Context, asOf string, goalsOnly bool) (*impact.Evaluation, error) {
	var date impact.Date
	if asOf != "" {
		var err error
		if date, err = impact.ParseDate(asOf); err != nil {
			return nil, usageError("--as-of: %v", err)
		}
	}
	p, err := m.loadProject()
	if err != nil {
		return nil, err
	}
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return nil, err
	}
	return smart.Evaluate(ctx, db, p, metrics.Options{AsOf: date, Now: m.Now, Version: Version, GoalsOnly: goalsOnly})
}

// writeEvaluationJSON writes the evaluation as one indented JSON document.
func writeEvaluationJSON(w io.Writer, ev *impact.Evaluation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Names and units such as "Unga vuxna 18–29 år" or "<5" stay readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ev); err != nil {
		return impact.Errorf(impact.EINTERNAL, "evaluate: cannot write the JSON: %w; report it", err)
	}
	return nil
}

// statusColours colours a status on a terminal; the symbol and the word
// carry the meaning without colour.
var statusColours = map[impact.Status]text.Colors{
	impact.StatusMet:              {text.FgGreen},
	impact.StatusLikelyMet:        {text.FgHiGreen},
	impact.StatusLikelyNotMet:     {text.FgYellow},
	impact.StatusNotMet:           {text.FgRed},
	impact.StatusInsufficientData: {text.FgHiBlack},
	impact.StatusNoData:           {text.FgHiBlack},
	impact.StatusNoTarget:         {text.FgHiBlack},
}

// printEvaluation prints the goal table and the costs and value below it.
func printEvaluation(w io.Writer, ev *impact.Evaluation, colour bool) {
	t := newTable(w, colour)
	t.SetTitle("%s", fmt.Sprintf("Goals of %s as of %s (intervals at %s %% confidence)", ev.Project, ev.AsOf, formatNumber(ev.Confidence*100)))
	t.AppendHeader(table.Row{"Indicator", "Status", "Estimate [interval]", "Target", "n", "Deadline", "Forecast at deadline"})
	for _, r := range ev.Indicators {
		status := r.Status.Symbol() + " " + strings.ReplaceAll(string(r.Status), "_", " ")
		if c, ok := statusColours[r.Status]; ok && colour {
			status = c.Sprint(status)
		}
		estimate := formatPointer(r.Estimate)
		if r.CILow != nil && r.CIHigh != nil {
			estimate += " [" + formatNumber(*r.CILow) + ", " + formatNumber(*r.CIHigh) + "]"
		}
		target := "–"
		if r.Target != nil {
			arrow := "↑"
			if r.Direction == impact.Decrease {
				arrow = "↓"
			}
			target = arrow + " " + formatNumber(*r.Target)
		}
		n := "–"
		if r.N != nil {
			n = strconv.Itoa(*r.N)
		}
		deadline := "–"
		if r.Deadline != nil {
			deadline = r.Deadline.String()
			if r.Due {
				deadline += " (due)"
			}
		}
		forecast := "–"
		if r.Suppressed {
			// The figures rest on fewer people than min_cell: the table
			// is for people, so it says so rather than show them.
			estimate = fmt.Sprintf("fewer than %d people", ev.MinCell)
			n = fmt.Sprintf("< %d", ev.MinCell)
		} else if f := r.Forecast; f != nil {
			track := "off track"
			if f.OnTrack {
				track = "on track"
			}
			forecast = fmt.Sprintf("%s [%s, %s] %s", formatNumber(f.Value), formatNumber(f.PILow), formatNumber(f.PIHigh), track)
		}
		t.AppendRow(table.Row{r.ID + "\n" + r.Name, status, estimate, target, n, deadline, forecast})
	}
	t.Render()
	if c := ev.Costs; c != nil {
		fmt.Fprintf(w, "\nCost: %s %s (%s", formatNumber(c.Total), c.Currency, c.Basis)
		if c.Basis == "budget" {
			fmt.Fprint(w, ": no actual cost recorded yet, the budget is used")
		}
		fmt.Fprint(w, ")")
		if c.PerParticipant != nil && c.Participants != nil {
			fmt.Fprintf(w, ", %s %s per participant (%d participants)", formatNumber(*c.PerParticipant), c.Currency, *c.Participants)
		}
		fmt.Fprintln(w)
		for _, id := range sortedIDs(c.PerOutcome) {
			fmt.Fprintf(w, "Cost per outcome of %s: %s\n", id, formatPointer(c.PerOutcome[id]))
		}
	}
	if v := ev.Value; v != nil && v.SROIMid != nil {
		fmt.Fprintf(w, "SROI: %s (median %s, 90 %% of draws between %s and %s; P(SROI > 1) = %s; break-even at %s outcomes)\n",
			formatNumber(*v.SROIMid), formatPointer(v.SROIMedian), formatPointer(v.SROIP05), formatPointer(v.SROIP95),
			formatPointer(v.ProbSROIAbove1), formatPointer(v.BreakEvenOutcomes))
	}
}

// formatNumber writes a figure for people: whole numbers as they are,
// others with three decimals below 10, one below 100, none above.
func formatNumber(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "–"
	case x == math.Trunc(x) && math.Abs(x) < 1e15:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case math.Abs(x) < 10:
		return strconv.FormatFloat(x, 'f', 3, 64)
	case math.Abs(x) < 100:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 0, 64)
}

// formatPointer writes a figure that may be missing.
func formatPointer(x *float64) string {
	if x == nil {
		return "–"
	}
	return formatNumber(*x)
}

// sortedIDs returns a map's keys in order.
func sortedIDs(m map[string]*float64) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
