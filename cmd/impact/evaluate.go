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
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/smart"
)

func evaluateCommand() command {
	var asOf string
	var asJSON bool
	return command{
		Name:    "evaluate",
		Example: "impact evaluate --as-of 2025-11-30 --json",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&asOf, "as-of", "", m.helpText("flag.as-of"))
			fs.BoolVar(&asJSON, "json", false, m.helpText("flag.evaluate.json"))
			m.langFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.evaluate.args")
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
				printEvaluation(m.Stdout, ev, m.isTerminal(), m.language())
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
			return nil, m.usageError("usage.as_of", asOf)
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
	opts := metrics.Options{AsOf: date, Now: m.Now, Version: Version, GoalsOnly: goalsOnly}
	if m.Getenv("IMPACT_TRACE") != "" {
		// The time of each step on stderr: where an evaluation spends it.
		opts.Trace = func(step string, d time.Duration) {
			fmt.Fprintf(m.Stderr, "impact: evaluate: %s %s\n", step, d.Round(time.Millisecond))
		}
	}
	return smart.Evaluate(ctx, db, p, opts)
}

// writeEvaluationJSON writes the evaluation as one indented JSON document.
func writeEvaluationJSON(w io.Writer, ev *impact.Evaluation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Names and units such as "Unga vuxna 18–29 år" or "<5" stay readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ev); err != nil {
		return refuse(impact.EINTERNAL, err, "evaluate.json", err)
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

// printEvaluation prints the goal table and the costs and value below it,
// in lang. Figures keep the decimal point of the JSON and the project
// file in English and the decimal comma of Swedish and Latvian.
func printEvaluation(w io.Writer, ev *impact.Evaluation, colour bool, lang string) {
	t := newTable(w, colour)
	t.SetTitle("%s", msg(lang, "goals.title", ev.Project, ev.AsOf.String(), formatNumber(lang, ev.Confidence*100)))
	t.AppendHeader(goalHeader(lang))
	for _, r := range ev.Indicators {
		status := r.Status.Symbol() + " " + msg(lang, "status."+string(r.Status))
		if c, ok := statusColours[r.Status]; ok && colour {
			status = c.Sprint(status)
		}
		estimate := formatPointer(lang, r.Estimate)
		if r.CILow != nil && r.CIHigh != nil {
			estimate += " [" + formatNumber(lang, *r.CILow) + ", " + formatNumber(lang, *r.CIHigh) + "]"
		}
		target := "–"
		if r.Target != nil {
			arrow := "↑"
			if r.Direction == impact.Decrease {
				arrow = "↓"
			}
			target = arrow + " " + formatNumber(lang, *r.Target)
		}
		n := "–"
		if r.N != nil {
			n = strconv.Itoa(*r.N)
		}
		deadline := "–"
		if r.Deadline != nil {
			deadline = r.Deadline.String()
			if r.Due {
				deadline = msg(lang, "goals.due", deadline)
			}
		}
		forecast := "–"
		if r.Suppressed {
			// The figures rest on fewer people than min_cell: the table
			// is for people, so it says so rather than show them.
			estimate = msg(lang, "goals.suppressed", ev.MinCell)
			n = fmt.Sprintf("< %d", ev.MinCell)
		} else if f := r.Forecast; f != nil {
			track := "goals.off_track"
			if f.OnTrack {
				track = "goals.on_track"
			}
			forecast = msg(lang, track, formatNumber(lang, f.Value), formatNumber(lang, f.PILow), formatNumber(lang, f.PIHigh))
		}
		t.AppendRow(table.Row{r.ID + "\n" + r.Name, status, estimate, target, n, deadline, forecast})
	}
	t.Render()
	if c := ev.Costs; c != nil {
		basis := "cost.actual"
		if c.Basis == "budget" {
			basis = "cost.budget"
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, msg(lang, basis, formatNumber(lang, c.Total), c.Currency))
		if c.PerParticipant != nil && c.Participants != nil {
			fmt.Fprintln(w, msg(lang, "cost.per_participant", formatNumber(lang, *c.PerParticipant), c.Currency, *c.Participants))
		}
		for _, id := range sortedIDs(c.PerOutcome) {
			fmt.Fprintln(w, msg(lang, "cost.per_outcome", id, formatPointer(lang, c.PerOutcome[id])))
		}
	}
	if v := ev.Value; v != nil && v.SROIMid != nil {
		fmt.Fprintln(w, msg(lang, "sroi",
			formatNumber(lang, *v.SROIMid), formatPointer(lang, v.SROIMedian), formatPointer(lang, v.SROIP05), formatPointer(lang, v.SROIP95),
			formatPointer(lang, v.ProbSROIAbove1), formatPointer(lang, v.BreakEvenOutcomes)))
	}
}

// goalHeader is the header row of the goal table in lang.
func goalHeader(lang string) table.Row {
	return table.Row{msg(lang, "goals.indicator"), msg(lang, "goals.status"), msg(lang, "goals.estimate"),
		msg(lang, "goals.target"), msg(lang, "goals.n"), msg(lang, "goals.deadline"), msg(lang, "goals.forecast")}
}

// formatNumber writes a figure for people: whole numbers as they are,
// others with three decimals below 10, one below 100, none above.
func formatNumber(lang string, x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "–"
	case x == math.Trunc(x) && math.Abs(x) < 1e15:
		return i18n.Number(lang, x, 0)
	case math.Abs(x) < 10:
		return i18n.Number(lang, x, 3)
	case math.Abs(x) < 100:
		return i18n.Number(lang, x, 1)
	}
	return i18n.Number(lang, x, 0)
}

// formatPointer writes a figure that may be missing.
func formatPointer(lang string, x *float64) string {
	if x == nil {
		return "–"
	}
	return formatNumber(lang, *x)
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
