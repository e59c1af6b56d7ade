package smart

import (
	"slices"

	"github.com/joiningforces/impact"
)

// timeBound checks that a goal has a deadline (T001) inside the project
// period (T002), and a frequency of measurement that the plan and the data
// can keep (T003).
func (l *linter) timeBound(ind *impact.Indicator) {
	period := l.p.Info.Period
	switch {
	case ind.Deadline == nil:
		l.report("T001", at(ind.Keys, ind.Pos, "deadline"), ind.ID)
	case !period.Contains(*ind.Deadline):
		l.report("T002", at(ind.Keys, ind.Pos, "deadline"), ind.ID, ind.Deadline.String(), openEnd(period.Start), openEnd(period.End))
	}
	l.frequency(ind)
}

// openEnd writes an end of the period, "…" when it is open.
func openEnd(d impact.Date) string {
	if d.IsZero() {
		return "…"
	}
	return d.String()
}

// frequency reports T003 for a goal with no frequency, one whose repeated
// measurement cannot give more than one point between the start of the
// project and the deadline, and one whose data has fewer measurement points
// so far than its frequency implies.
func (l *linter) frequency(ind *impact.Indicator) {
	pos := at(ind.Keys, ind.Pos, "frequency")
	if ind.Frequency == "" {
		l.report("T003.none", pos, ind.ID)
		return
	}
	if ind.Frequency == "once" || ind.Deadline == nil {
		return
	}
	start, deadline := l.p.Info.Period.Start, *ind.Deadline
	if !start.IsZero() && (ind.Frequency == "monthly" || ind.Frequency == "quarterly") &&
		!deadline.Before(start) && calendarPeriods(ind.Frequency, start, deadline)+1 < 2 {
		l.report("T003.plan", pos, ind.ID, ind.Frequency, deadline.String())
		return
	}
	o, ok := l.data.observed(ind.ID)
	if !ok || !o.HasData || l.data.AsOf.IsZero() {
		return
	}
	until, due := l.data.AsOf, !l.data.AsOf.Before(deadline)
	if due {
		until = deadline
	}
	var implied int
	switch ind.Frequency {
	case "monthly", "quarterly":
		if start.IsZero() || until.Before(start) {
			return
		}
		// The points of the periods that have ended by now; once the goal
		// is due, the deadline's own period too.
		implied = calendarPeriods(ind.Frequency, start, until)
		if due {
			implied++
		}
	case "per_event":
		implied = l.declaredEvents(ind.Measure, until)
	}
	if o.Points < implied {
		l.report("T003.short", pos, ind.ID, ind.Frequency, implied, until.String(), o.Points)
	}
}

// calendarPeriods returns how many boundaries of months or quarters lie between
// from and to: 0 within one period, 1 from a period into the next.
func calendarPeriods(frequency string, from, to impact.Date) int {
	if frequency == "quarterly" {
		return (to.Year()*4 + (int(to.Month())-1)/3) - (from.Year()*4 + (int(from.Month())-1)/3)
	}
	return (to.Year()*12 + int(to.Month())) - (from.Year()*12 + int(from.Month()))
}

// declaredEvents counts the events that the project file declares for the
// measure's source on or before until, of the kind or id its where: picks.
// Events carried in the files' own columns are not known to the lint.
func (l *linter) declaredEvents(m *impact.Measure, until impact.Date) int {
	if m == nil || m.Source == "" {
		return 0
	}
	var events []string
	for _, s := range l.p.Sources {
		e := s.Event
		if s.Kind != m.Source || e == nil || e.Date == nil || until.Before(*e.Date) {
			continue
		}
		if c, ok := m.Where["event_kind"]; ok && !slices.Contains(c.Values, e.Kind) {
			continue
		}
		if c, ok := m.Where["event"]; ok && !slices.Contains(c.Values, e.ID) {
			continue
		}
		id := e.ID
		if id == "" {
			id = s.File
		}
		if !slices.Contains(events, id) {
			events = append(events, id)
		}
	}
	return len(events)
}
