package stats

import (
	"fmt"
	"math"
	"slices"
)

// Quantiles returns the sample quantiles of x at the probabilities probs,
// as R's quantile(x, probs, type = 7): linear interpolation between the
// order statistics at 1 + (n − 1)·p. The spec reports the 5th, 50th and 95th
// percentiles of the SROI Monte Carlo this way. x is not modified.
//
// It fails with ErrTooFew for an empty x and with ErrDomain for a
// probability outside [0, 1] or a NaN in x.
func Quantiles(x []float64, probs []float64) ([]float64, error) {
	if len(x) == 0 {
		return nil, fmt.Errorf("%w: quantiles of no values", ErrTooFew)
	}
	for _, p := range probs {
		if !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("%w: probability %v is not between 0 and 1", ErrDomain, p)
		}
	}
	for i, v := range x {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("%w: value %d is NaN", ErrDomain, i+1)
		}
	}
	sorted := slices.Clone(x)
	slices.Sort(sorted)
	quantiles := make([]float64, len(probs))
	for j, p := range probs {
		// R's 1-based index, with R's arithmetic, so that the weights
		// round as R's do.
		index := 1 + float64(len(sorted)-1)*p
		lo, hi := math.Floor(index), math.Ceil(index)
		q := sorted[int(lo)-1]
		if upper := sorted[int(hi)-1]; index > lo && upper != q {
			h := index - lo
			q = (1-h)*q + h*upper
		}
		quantiles[j] = q
	}
	return quantiles, nil
}
