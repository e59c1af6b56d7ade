package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Wilson is the Wilson score interval for a proportion of k successes in n
// trials at confidence level conf, without continuity correction, as R's
// prop.test(k, n, conf.level = conf, correct = FALSE)$conf.int. It is the
// spec's ci_low and ci_high of a proportion. The bounds are exactly 0 for
// k = 0 and exactly 1 for k = n.
//
// It fails with ErrTooFew for n = 0 and with ErrDomain unless 0 ≤ k ≤ n and
// 0 < conf < 1.
func Wilson(k, n int, conf float64) (Interval, error) {
	if err := checkInterval(k, n, conf); err != nil {
		return Interval{}, err
	}
	trials := float64(n)
	estimate := float64(k) / trials
	z := mathext.NormalQuantile((1 + conf) / 2)
	z22n := z * z / (2 * trials)
	spread := z * math.Sqrt(estimate*(1-estimate)/trials+z22n/(2*trials))
	ci := Interval{Low: 0, High: 1}
	// R pins the bounds rather than evaluate the formula at the edges, where
	// it would give 0 and 1 only up to rounding.
	if estimate > 0 {
		ci.Low = math.Max((estimate+z22n-spread)/(1+2*z22n), 0)
	}
	if estimate < 1 {
		ci.High = math.Min((estimate+z22n+spread)/(1+2*z22n), 1)
	}
	return ci, nil
}
