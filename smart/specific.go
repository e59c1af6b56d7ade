package smart

import (
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// specific checks that a goal says what it is about: a node of the theory
// of change (S001), a target group when there are several (S002), and one
// kind of event when its data mixes kinds (S003).
func (l *linter) specific(ind *impact.Indicator) {
	if ind.Node == "" {
		l.report("S001", at(ind.Keys, ind.Pos, "node"), ind.ID)
	}
	if groups := l.p.TargetGroups; len(groups) > 1 && ind.TargetGroup == "" && aboutPeople(ind.Measure) &&
		!slices.Contains(ind.Disaggregate, "target_group") {
		var ids []string
		for _, g := range groups {
			ids = append(ids, g.ID)
		}
		l.report("S002", ind.Pos, ind.ID, len(groups), strings.Join(ids, ", "))
	}
	if m := ind.Measure; m != nil {
		l.mixedEvents(ind, m, at(ind.Keys, ind.Pos, "measure"))
		if m.Kind == impact.KindRatio {
			// An inline numerator or denominator reads its own source; one
			// that names another indicator is checked as that indicator.
			for _, part := range []*impact.MeasureRef{m.Numerator, m.Denominator} {
				if part != nil && part.Measure != nil {
					l.mixedEvents(ind, part.Measure, part.Pos)
				}
			}
		}
	}
}

// aboutPeople reports whether a measure counts or judges people, for whom
// the target group matters. Employers, events and costs belong to no
// target group, and a cost per outcome follows the target group of the
// indicator it divides by.
func aboutPeople(m *impact.Measure) bool {
	if m == nil {
		return true
	}
	switch {
	case m.Kind == impact.KindCostPer:
		return false
	case m.Distinct == "employer", m.Distinct == "event":
		return false
	case m.Source == "costs", m.Source == "kpi":
		return false
	}
	return true
}

// mixedEvents reports S003 when a measure reads a source whose files
// declare events of more than one kind and its where: picks neither an
// event kind nor an event. The kinds are those the project file declares
// (sources' event: kind:); a file that carries its event kinds in a column
// is not opened by the lint.
func (l *linter) mixedEvents(ind *impact.Indicator, m *impact.Measure, entry impact.Pos) {
	if m.Source == "" {
		return
	}
	if _, ok := m.Where["event_kind"]; ok {
		return
	}
	if _, ok := m.Where["event"]; ok {
		return
	}
	var kinds []string
	for _, s := range l.p.Sources {
		if s.Kind == m.Source && s.Event != nil && s.Event.Kind != "" && !slices.Contains(kinds, s.Event.Kind) {
			kinds = append(kinds, s.Event.Kind)
		}
	}
	if len(kinds) < 2 {
		return
	}
	pos := at(m.Keys, entry, "where")
	if _, ok := m.Keys["where"]; !ok {
		pos = at(m.Keys, entry, "source")
	}
	table, _ := impact.LookupKind(m.Source)
	if _, ok := table.Column("event_kind"); ok {
		l.report("S003.event_kind", pos, ind.ID, m.Source, strings.Join(kinds, ", "), kinds[0])
		return
	}
	l.report("S003.event", pos, ind.ID, m.Source, strings.Join(kinds, ", "))
}
