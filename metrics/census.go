package metrics

import (
	"math"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// Census measures (count, ratio, cost_per) are exact: they count every row
// there is, so they carry no interval and no test, and a goal is met when
// the figure reaches its target.

// countFigures is what a count measure found: its total, the new items
// counted on each date (for the cumulative series), the events with their
// dates, and the count in each group of each dimension.
type countFigures struct {
	total int64
	// byDate holds, for a distinct count, how many items were first seen on
	// each date, and for a row count how many rows each date has, in date
	// order. Undated rows count in total only.
	byDate []datedCount
	// days are the dates with rows, the places of monthly and quarterly
	// measurement points.
	days   []impact.Date
	events []eventPoint
	groups map[string]map[string]int64
}

// datedCount is a count on one date.
type datedCount struct {
	at impact.Date
	n  int64
}

// eventPoint is one event with the date of its earliest row.
type eventPoint struct {
	label string
	at    impact.Date
}

// upTo returns the count of items seen on or before the date: the value of
// a cumulative count at a measurement point.
func (c *countFigures) upTo(at impact.Date) float64 {
	var n int64
	for _, d := range c.byDate {
		if !at.Before(d.at) {
			n += d.n
		}
	}
	return float64(n)
}

// planCount adds to the batch the statement of a count: the rows of the
// measure's source after its filters, or its distinct participants, events
// or employers, by date, by group and by event. The figures land in *out
// when the batch has run.
func (e *evaluator) planCount(b *batch, m *impact.Measure, targetGroup string, dims []string, withEvents bool, where string, out **countFigures) error {
	dims = uniqueDimensions(dims)
	if m.Distinct != "" && !hasColumn(m.Source, m.Distinct) {
		return e.invalid(m.Pos, "%s.distinct: %s has no column %q; use participant, event or employer", where, m.Source, m.Distinct)
	}
	hasEvent := hasColumn(m.Source, "event")
	tag := b.newTag()
	measured, firsts := tag+"_measured", tag+"_firsts"
	var ctes, sections []string
	if m.Distinct == "participant" {
		// Distinct participants: reduce to one row per participant (the
		// date first seen), then join the register on that, much smaller.
		rel, err := e.relation(m, relationOptions{}, where)
		if err != nil {
			return err
		}
		measured = b.shared("measured", true, "SELECT r.participant, r.d, "+eventColumn(m.Source, "r")+" AS ev FROM ("+rel+") r")
		firsts = b.shared("firsts", true, "SELECT participant, min(d) AS d FROM "+measured+" GROUP BY participant")
		if targetGroup != "" || len(dims) > 0 {
			body := e.withPeople("SELECT * FROM "+firsts, targetGroup, dims)
			grouped, ok := b.withGroups[firsts]
			switch {
			case targetGroup != "" && len(dims) == 0 && ok && targetGroup != "unknown":
				// The same people of another plan already joined with the
				// register, their target group among the dimensions: those
				// of the group are its rows, without a join of their own.
				// At a million people that join took 0.08 s of CPU.
				body = "SELECT participant, d FROM " + grouped + " WHERE " + dimensionColumn("target_group") + " = " + sqlString(targetGroup)
			case targetGroup == "" && slices.Contains(dims, "target_group") && !ok:
				if b.withGroups == nil {
					b.withGroups = map[string]string{}
				}
				b.withGroups[firsts] = tag + "_firsts"
			}
			ctes = append(ctes, tag+"_firsts AS MATERIALIZED ("+body+")")
			firsts = tag + "_firsts"
		}
		sections = append(sections, selectSection("date", "", "", "d", "", "count(*)", "FROM "+firsts+" GROUP BY d"))
		if len(dims) > 0 {
			dimension, group, groupBy := groupingSQL(dims)
			sections = append(sections, selectSection("group", dimension, group, "", "", "count(*)", "FROM "+firsts+" "+groupBy))
		}
		// The events and days of the rows counted: of the target group's
		// participants only, when there is one.
		from := measured
		if targetGroup != "" {
			from = "(SELECT * FROM " + measured + " WHERE participant IN (SELECT participant FROM " + firsts + "))"
		}
		if withEvents && hasEvent {
			sections = append(sections, selectSection("event", "", "ev", "min(d)", "", "count(*)", "FROM "+from+" WHERE ev IS NOT NULL GROUP BY ev"))
		} else {
			sections = append(sections, selectSection("day", "", "", "d", "", "count(*)", "FROM "+from+" WHERE d IS NOT NULL GROUP BY d"))
		}
		b.plan(tag, ctes, sections, func(rows []aggregate) { *out = parseCounts(rows) })
		return nil
	}
	rel, err := e.relation(m, relationOptions{TargetGroup: targetGroup, Dimensions: dims}, where)
	if err != nil {
		return err
	}
	key := "1"
	if m.Distinct != "" {
		key = "r." + sqlIdent(m.Distinct)
	}
	columns := []string{key + " AS k", "d", eventColumn(m.Source, "r") + " AS ev"}
	for _, dim := range dims {
		columns = append(columns, dimensionColumn(dim))
	}
	ctes = append(ctes, measured+" AS MATERIALIZED (SELECT "+strings.Join(columns, ", ")+" FROM ("+rel+") r WHERE "+key+" IS NOT NULL)")
	counted := "count(*)"
	if m.Distinct != "" {
		// An item counts from the first date it was seen, so that the
		// series is the cumulative number of distinct items.
		ctes = append(ctes, firsts+" AS (SELECT k, min(d) AS d FROM "+measured+" GROUP BY k)")
		sections = append(sections, selectSection("date", "", "", "d", "", "count(*)", "FROM "+firsts+" GROUP BY d"))
		counted = "count(DISTINCT k)"
		if !withEvents || !hasEvent {
			sections = append(sections, selectSection("day", "", "", "d", "", "count(*)", "FROM "+measured+" WHERE d IS NOT NULL GROUP BY d"))
		}
	} else {
		sections = append(sections, selectSection("date", "", "", "d", "", "count(*)", "FROM "+measured+" GROUP BY d"))
	}
	if len(dims) > 0 {
		dimension, group, groupBy := groupingSQL(dims)
		sections = append(sections, selectSection("group", dimension, group, "", "", counted, "FROM "+measured+" "+groupBy))
	}
	if withEvents && hasEvent {
		sections = append(sections, selectSection("event", "", "ev", "min(d)", "", "count(*)", "FROM "+measured+" WHERE ev IS NOT NULL GROUP BY ev"))
	}
	b.plan(tag, ctes, sections, func(rows []aggregate) { *out = parseCounts(rows) })
	return nil
}

// parseCounts collects the rows of a count's plan.
func parseCounts(rows []aggregate) *countFigures {
	c := &countFigures{groups: map[string]map[string]int64{}}
	for _, a := range rows {
		switch a.section {
		case "date":
			c.total += a.n
			if !a.at.IsZero() {
				c.byDate = append(c.byDate, datedCount{at: a.at, n: a.n})
			}
		case "group":
			if c.groups[a.dimension] == nil {
				c.groups[a.dimension] = map[string]int64{}
			}
			c.groups[a.dimension][a.group] = a.n
		case "event":
			if !a.at.IsZero() {
				c.events = append(c.events, eventPoint{label: a.group, at: a.at})
			}
		case "day":
			c.days = append(c.days, a.at)
		}
	}
	if c.days == nil {
		// A row count's dates are the days with rows.
		for _, d := range c.byDate {
			c.days = append(c.days, d.at)
		}
	}
	slices.SortFunc(c.days, func(a, b impact.Date) int { return a.Compare(b.Time) })
	slices.SortFunc(c.byDate, func(a, b datedCount) int { return a.at.Compare(b.at.Time) })
	slices.SortFunc(c.events, func(a, b eventPoint) int {
		if c := a.at.Compare(b.at.Time); c != 0 {
			return c
		}
		return strings.Compare(a.label, b.label)
	})
	return c
}

// measureCount fills the result of a count indicator.
func (e *evaluator) measureCount(ind *impact.Indicator, o *outcome, c *countFigures) error {
	r := &o.result
	o.counts = c
	o.successes = float64(c.total)
	r.N = impact.Int(int(c.total))
	r.Estimate = impact.Float(float64(c.total))
	r.Status = censusStatus(c.total > 0, r.Estimate, ind)
	for _, dim := range uniqueDimensions(ind.Disaggregate) {
		var groups []impact.Group
		for _, name := range sortedKeys(c.groups[dim]) {
			n := c.groups[dim][name]
			groups = append(groups, impact.Group{Dimension: dim, Group: name, N: impact.Int(int(n)), Estimate: impact.Float(float64(n))})
		}
		r.Disaggregation = append(r.Disaggregation, SuppressSmallCells(groups, e.minCell)...)
	}
	if measuredOverTime(ind) {
		for _, pt := range e.censusPoints(ind.Frequency, c) {
			r.Series = append(r.Series, impact.Point{Date: pt.at, Label: pt.label, Value: c.upTo(pt.at)})
		}
	}
	return nil
}

// censusPoints returns the measurement points of a cumulative census series:
// each event, or each date when the source has no events, or the end of each
// month or quarter with data (the as-of date for the one still running).
// Points after the as-of date cannot occur: no row after it is read.
func (e *evaluator) censusPoints(frequency string, counts ...*countFigures) []eventPoint {
	seen := map[string]bool{}
	var points []eventPoint
	add := func(p eventPoint) {
		if !seen[p.label] {
			seen[p.label] = true
			points = append(points, p)
		}
	}
	for _, c := range counts {
		if c == nil {
			continue
		}
		if frequency == "per_event" && len(c.events) > 0 {
			for _, ev := range c.events {
				add(ev)
			}
			continue
		}
		for _, d := range c.days {
			add(e.period(frequency, d))
		}
	}
	slices.SortFunc(points, func(a, b eventPoint) int {
		if c := a.at.Compare(b.at.Time); c != 0 {
			return c
		}
		return strings.Compare(a.label, b.label)
	})
	return points
}

// period returns the measurement point a date belongs to at the frequency,
// as periodSQL does in the store.
func (e *evaluator) period(frequency string, d impact.Date) eventPoint {
	var end impact.Date
	var label string
	switch frequency {
	case "monthly":
		label = d.Format("2006-01")
		end = impact.Date{Time: d.AddDate(0, 1, -d.Day()+1).AddDate(0, 0, -1)}
	case "quarterly":
		q := (int(d.Month()) - 1) / 3
		label = d.Format("2006") + "-Q" + string(rune('1'+q))
		first := d.AddDate(0, -(int(d.Month())-1)%3, -d.Day()+1)
		end = impact.Date{Time: first.AddDate(0, 3, -1)}
	default:
		return eventPoint{label: d.String(), at: d}
	}
	if e.asOf.Before(end) {
		end = e.asOf
	}
	return eventPoint{label: label, at: end}
}

// ratioPart returns the count measure of a ratio's numerator or
// denominator and the target group it is counted in: a count indicator's
// own measure and target group, or an inline measure in the ratio
// indicator's target group.
func (e *evaluator) ratioPart(ind *impact.Indicator, ref *impact.MeasureRef, name string) (*impact.Measure, string, error) {
	if ref == nil {
		return nil, "", e.invalid(ind.Pos, "indicator %s: a ratio needs a %s; give a count measure or a count indicator's id", ind.ID, name)
	}
	if ref.Indicator != "" {
		other, ok := e.p.Indicator(ref.Indicator)
		if !ok || other.Measure == nil || other.Measure.Kind != impact.KindCount {
			return nil, "", e.invalid(ref.Pos, "indicator %s: the %s %q is not a count indicator; name one, or write a count measure", ind.ID, name, ref.Indicator)
		}
		return other.Measure, other.TargetGroup, nil
	}
	return ref.Measure, ind.TargetGroup, nil
}

// planRatio adds the counts of a ratio's numerator and denominator to the
// batch.
func (e *evaluator) planRatio(b *batch, ind *impact.Indicator, where string, out *[2]*countFigures) error {
	m := ind.Measure
	for i, part := range []struct {
		name string
		ref  *impact.MeasureRef
	}{{"numerator", m.Numerator}, {"denominator", m.Denominator}} {
		pm, tg, err := e.ratioPart(ind, part.ref, part.name)
		if err != nil {
			return err
		}
		if err := e.planCount(b, pm, tg, ind.Disaggregate, ind.Frequency == "per_event", where+"."+part.name, &out[i]); err != nil {
			return err
		}
	}
	return nil
}

// measureRatio fills the result of a ratio: numerator count / denominator
// count, with n the denominator.
func (e *evaluator) measureRatio(ind *impact.Indicator, o *outcome, num, den *countFigures) error {
	r := &o.result
	r.N = impact.Int(int(den.total))
	r.Estimate = ratio(float64(num.total), float64(den.total))
	r.Status = censusStatus(num.total+den.total > 0, r.Estimate, ind)
	for _, dim := range uniqueDimensions(ind.Disaggregate) {
		names := sortedKeys(den.groups[dim])
		for _, name := range sortedKeys(num.groups[dim]) {
			if _, ok := den.groups[dim][name]; !ok {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		var groups []impact.Group
		for _, name := range names {
			n, k := den.groups[dim][name], num.groups[dim][name]
			groups = append(groups, impact.Group{Dimension: dim, Group: name, N: impact.Int(int(n)), Estimate: ratio(float64(k), float64(n))})
		}
		r.Disaggregation = append(r.Disaggregation, SuppressSmallCells(groups, e.minCell)...)
	}
	if measuredOverTime(ind) {
		for _, pt := range e.censusPoints(ind.Frequency, num, den) {
			if value := ratio(num.upTo(pt.at), den.upTo(pt.at)); value != nil {
				r.Series = append(r.Series, impact.Point{Date: pt.at, Label: pt.label, Value: *value})
			}
		}
	}
	return nil
}

// ratio returns a/b, or nil when b is zero.
func ratio(a, b float64) *float64 {
	if b == 0 {
		return nil
	}
	return impact.Float(a / b)
}

// measureCostPer fills the result of a cost_per: the cost (of every
// activity, or of those listed) on the cost basis of the evaluation,
// divided by the count or successes of the per: indicator, its n.
func (e *evaluator) measureCostPer(ind *impact.Indicator, o *outcome, where string) error {
	m := ind.Measure
	if m.Per == "" {
		return e.invalid(m.Pos, "%s.per: missing; name the indicator whose count or successes the cost is divided by", where)
	}
	per, err := e.outcome(m.Per)
	if err != nil {
		return err
	}
	costs, err := e.costs()
	if err != nil {
		return err
	}
	r := &o.result
	outcomes := per.successes
	if !math.IsNaN(outcomes) {
		r.N = impact.Int(int(outcomes))
	}
	cost := costs.total(m.Activities, impact.Date{})
	r.Estimate = ratio(cost, outcomes)
	r.Status = censusStatus(outcomes > 0, r.Estimate, ind)
	if measuredOverTime(ind) && per.counts != nil {
		for _, pt := range e.censusPoints(ind.Frequency, per.counts, costs.asCounts(m.Activities)) {
			if value := ratio(costs.total(m.Activities, pt.at), per.counts.upTo(pt.at)); value != nil {
				r.Series = append(r.Series, impact.Point{Date: pt.at, Label: pt.label, Value: *value})
			}
		}
	}
	return nil
}

// censusStatus judges a census figure: no_target without a target, no_data
// without rows or without a figure (a ratio over zero), met when the
// estimate reaches the target in the goal's direction, else not_met.
func censusStatus(hasRows bool, estimate *float64, ind *impact.Indicator) impact.Status {
	switch {
	case ind.Target == nil:
		return impact.StatusNoTarget
	case !hasRows || estimate == nil:
		return impact.StatusNoData
	case reaches(*estimate, *ind.Target, ind.Direction):
		return impact.StatusMet
	}
	return impact.StatusNotMet
}

// reaches reports whether x is on the goal's side of the target, the
// target itself included.
func reaches(x, target float64, direction string) bool {
	if direction == impact.Decrease {
		return x <= target
	}
	return x >= target
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
