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
			g.N, g.Estimate, g.CILow, g.CIHigh = nil, nil, nil, nil
			g.Suppressed = true
		}
	}
	return groups
}
