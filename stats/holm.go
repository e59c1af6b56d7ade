package stats

import (
	"fmt"
	"math"
	"sort"
)

// Holm adjusts the p-values p for multiple testing by Holm's step-down
// method, as R's p.adjust(p, "holm"). NaN entries stand for indicators
// without a p-value: they are skipped, do not count towards the number of
// tests, and come back as NaN at the same index. The input is not modified.
//
// It fails with ErrDomain for a p-value outside [0, 1].
func Holm(p []float64) ([]float64, error) {
	var present []int
	for i, v := range p {
		if math.IsNaN(v) {
			continue
		}
		if v < 0 || v > 1 {
			return nil, fmt.Errorf("%w: p-value %v at index %d is not between 0 and 1", ErrDomain, v, i)
		}
		present = append(present, i)
	}
	adjusted := make([]float64, len(p))
	for i := range adjusted {
		adjusted[i] = math.NaN()
	}
	sort.SliceStable(present, func(a, b int) bool { return p[present[a]] < p[present[b]] })
	tests := len(present)
	// The running maximum keeps the adjusted values in the order of the raw
	// ones: a smaller p-value is never adjusted above a larger one.
	var running float64
	for rank, index := range present {
		running = math.Max(running, float64(tests-rank)*p[index])
		adjusted[index] = math.Min(1, running)
	}
	return adjusted, nil
}
