package smart

import (
	"strings"

	"github.com/joiningforces/impact"
)

// relevant checks that a goal is anchored in the municipality's steering
// (R001) and that what it measures leads to an impact (R002).
func (l *linter) relevant(ind *impact.Indicator) {
	// A goal that follows a key figure (measure kind kpi) is tied to it.
	followsKPI := ind.Measure != nil && ind.Measure.Kind == impact.KindKPI
	if strings.TrimSpace(ind.Policy) == "" && strings.TrimSpace(ind.KPI) == "" && !followsKPI {
		l.report("R001", ind.Pos, ind.ID)
	}
	if ind.Node != "" && !l.leadsToImpact(ind.Node) {
		l.report("R002", at(ind.Keys, ind.Pos, "node"), ind.ID, ind.Node)
	}
}

// leadsToImpact reports whether an impact node is reachable from the node
// id along the theory of change's edges (the node itself included).
func (l *linter) leadsToImpact(id string) bool {
	seen := map[string]bool{id: true}
	queue := []string{id}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if n, ok := l.p.Node(id); ok && n.Level == impact.LevelImpact {
			return true
		}
		for _, next := range l.next[id] {
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return false
}
