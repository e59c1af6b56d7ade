package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Triangular is the triangular distribution on [Low, High] with its mode at
// Mid, the distribution of each SROI parameter in the Monte Carlo. Low = Mid
// = High is allowed and is the constant Low: a parameter given as a plain
// number.
type Triangular struct {
	Low, Mid, High float64
}

// NewTriangular returns the triangular distribution with the given bounds
// and mode. It fails with ErrDomain unless the three are finite and
// low ≤ mid ≤ high.
func NewTriangular(low, mid, high float64) (Triangular, error) {
	if err := checkFinite([]float64{low, mid, high}); err != nil {
		return Triangular{}, err
	}
	if !(low <= mid && mid <= high) {
		return Triangular{}, fmt.Errorf("%w: triangular(%v, %v, %v) needs low ≤ mid ≤ high", ErrDomain, low, mid, high)
	}
	return Triangular{Low: low, Mid: mid, High: high}, nil
}

// Quantile returns the u quantile of the distribution, the value below which
// a fraction u of draws fall, for u in [0, 1]; it is NaN for any other u.
func (d Triangular) Quantile(u float64) float64 {
	if !(u >= 0 && u <= 1) {
		return math.NaN()
	}
	width := d.High - d.Low
	if width == 0 {
		return d.Low
	}
	// Below the mode the distribution function is (x−Low)²/(width·(Mid−Low)),
	// above it 1 − (High−x)²/(width·(High−Mid)); each branch inverts its part.
	if u < (d.Mid-d.Low)/width {
		return d.Low + math.Sqrt(u*width*(d.Mid-d.Low))
	}
	return d.High - math.Sqrt((1-u)*width*(d.High-d.Mid))
}

// Rand draws one value from the distribution by inverting one uniform number
// from rng. A rng seeded the same way gives the same draws, which is how the
// SROI Monte Carlo stays repeatable. The distribution must satisfy
// Low ≤ Mid ≤ High, as NewTriangular checks.
func (d Triangular) Rand(rng *rand.Rand) float64 {
	return d.Quantile(rng.Float64())
}
