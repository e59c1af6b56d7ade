package smart

import (
	"fmt"

	"github.com/joiningforces/impact"
)

// nodes checks the theory of change node by node: every outcome and impact
// is measured by a goal (R003), every activity has someone responsible
// (R004), and every node is brought about by some activity (G001).
func (l *linter) nodes() {
	measured := map[string]bool{}
	for _, ind := range l.p.Indicators {
		measured[ind.Node] = true
	}
	for i := range l.p.TheoryOfChange.Nodes {
		n := &l.p.TheoryOfChange.Nodes[i]
		switch n.Level {
		case impact.LevelOutcome, impact.LevelImpact:
			if !measured[n.ID] {
				l.report("R003."+n.Level, n.Pos, n.ID, n.ID)
			}
		case impact.LevelActivity:
			if n.Responsible == "" {
				l.report("R004", at(n.Keys, n.Pos, "responsible"), n.ID)
			}
		}
		if n.Level != impact.LevelActivity && !l.fromActivity(n) {
			l.report("G001", n.Pos, n.ID)
		}
	}
}

// fromActivity reports whether some activity leads to the node, following
// the from: edges backwards.
func (l *linter) fromActivity(start *impact.Node) bool {
	seen := map[string]bool{start.ID: true}
	queue := append([]string(nil), start.From...)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		n, ok := l.p.Node(id)
		if !ok {
			continue
		}
		if n.Level == impact.LevelActivity {
			return true
		}
		queue = append(queue, n.From...)
	}
	return false
}

// assumptions checks that every assumption names the nodes it is about
// (G002), so that a workshop can tell which part of the theory of change
// fails when it does not hold.
func (l *linter) assumptions() {
	for i, a := range l.p.TheoryOfChange.Assumptions {
		if len(a.About) > 0 {
			continue
		}
		subject := a.ID
		if subject == "" {
			subject = fmt.Sprintf("assumptions[%d]", i)
		}
		l.report("G002", at(a.Keys, a.Pos, "about"), subject)
	}
}
