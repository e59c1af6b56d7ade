package metrics

import "github.com/joiningforces/impact"

// SuppressSmallCells applies the small-cell rule of statistics.md to the
// groups of one dimension and returns them: a group with 0 < n < minCell
// is suppressed (its n, estimate and interval become null and Suppressed
// is set), and when exactly one group is suppressed the next smallest is
// suppressed too, so that the hidden value cannot be recovered by
// subtracting the others from the total. The rule itself is SuppressCounts,
// so that groups and every other count shown follow the same one. A group
// without an n is already suppressed and stays so.
func SuppressSmallCells(groups []impact.Group, minCell int) []impact.Group {
	counts := make([]int, len(groups))
	for i, g := range groups {
		if g.N != nil {
			counts[i] = *g.N
		}
	}
	shown := SuppressCounts(counts, minCell)
	for i := range groups {
		if shown[i] == nil || groups[i].N == nil {
			g := &groups[i]
			g.Withheld = g.N != nil && *g.N >= minCell
			g.N, g.Estimate, g.CILow, g.CIHigh = nil, nil, nil, nil
			g.Suppressed = true
		}
	}
	return groups
}

// SuppressSmallResult marks a result that rests on fewer than minCell
// people (Result.Suppressed), so that every output meant for people shows
// "fewer than min_cell" in place of its figures: a goal measured on two
// accompanying family members must not tell how those two are doing. The
// figures stay in the result, because statistics.md fixes that a goal with
// too little data still reports its n and estimate to other tools. Only
// counts of people are people: a count of employers or events, a ratio and
// a cost are never marked. The pairs of a marked result are dropped: they
// are its people's scores one by one, which no statistic needs.
func SuppressSmallResult(r *impact.Result, m *impact.Measure, minCell int) {
	r.Suppressed = r.N != nil && *r.N > 0 && *r.N < minCell && countsPeople(m)
	if r.Suppressed {
		r.Pairs = nil
	}
}

// countsPeople reports whether a measure's n is a number of people.
func countsPeople(m *impact.Measure) bool {
	if m == nil {
		return false
	}
	switch m.Kind {
	case impact.KindProportion, impact.KindMean, impact.KindPairedChange:
		return true
	case impact.KindCount:
		return m.Distinct == "participant"
	}
	return false
}
