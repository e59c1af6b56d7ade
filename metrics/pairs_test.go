package metrics_test

import (
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
)

// TestSuppressSmallResultDropsPairs checks that a paired change resting on
// fewer than min_cell people keeps no pairs, its people's scores one by
// one, and that one at min_cell keeps them.
func TestSuppressSmallResultDropsPairs(t *testing.T) {
	m := &impact.Measure{Kind: impact.KindPairedChange}
	pairs := func(n int) []impact.Pair {
		list := make([]impact.Pair, n)
		for i := range list {
			list[i] = impact.Pair{Pre: 20, Post: 20 + float64(i)}
		}
		return list
	}
	for _, tc := range []struct {
		name       string
		n          int
		suppressed bool
	}{
		{"below min_cell", 4, true},
		{"at min_cell", 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := impact.Result{Kind: impact.KindPairedChange, N: impact.Int(tc.n), Pairs: pairs(tc.n)}
			metrics.SuppressSmallResult(&r, m, 5)
			if got, want := r.Suppressed, tc.suppressed; got != want {
				t.Fatalf("suppressed = %v, want %v", got, want)
			}
			if got, want := len(r.Pairs), map[bool]int{true: 0, false: tc.n}[tc.suppressed]; got != want {
				t.Errorf("%d pairs, want %d", got, want)
			}
		})
	}
}
