package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// ClopperPearson is the exact (Clopper–Pearson) confidence interval for a
// proportion of k successes in n trials at confidence level conf, as R's
// binom.test(k, n, conf.level = conf)$conf.int: the bounds are quantiles of
// beta distributions, exactly 0 for k = 0 and exactly 1 for k = n. It is the
// spec's ci_exact_low and ci_exact_high.
//
// It fails with ErrTooFew for n = 0 and with ErrDomain unless 0 ≤ k ≤ n and
// 0 < conf < 1.
func ClopperPearson(k, n int, conf float64) (Interval, error) {
	if err := checkInterval(k, n, conf); err != nil {
		return Interval{}, err
	}
	alpha := (1 - conf) / 2
	successes, failures := float64(k), float64(n-k)
	ci := Interval{Low: 0, High: 1}
	if k > 0 {
		ci.Low = mathext.InvRegIncBeta(successes, failures+1, alpha)
	}
	if k < n {
		ci.High = mathext.InvRegIncBeta(successes+1, failures, 1-alpha)
	}
	return ci, nil
}

// BinomialTest is the exact binomial test of k successes in n trials against
// the proportion p0, as R's binom.test(k, n, p = p0, alternative = alt)$p.value.
// The spec's p_value of a proportion is BinomialTest(k, n, target, Greater).
//
// The one-sided tails come from the regularised incomplete beta function,
// never as one minus a distribution function, so a p-value of 1e-300 keeps
// its digits. The two-sided p-value follows R: the probability of every
// outcome no more likely than k (with R's relative tolerance of 1e-7).
//
// It fails with ErrTooFew for n = 0 and with ErrDomain unless 0 ≤ k ≤ n and
// 0 ≤ p0 ≤ 1.
func BinomialTest(k, n int, p0 float64, alt Alternative) (float64, error) {
	if err := checkCounts(k, n); err != nil {
		return 0, err
	}
	if err := checkAlternative(alt); err != nil {
		return 0, err
	}
	if !(p0 >= 0 && p0 <= 1) {
		return 0, fmt.Errorf("%w: hypothesised proportion %v is not between 0 and 1", ErrDomain, p0)
	}
	if n == 0 {
		return 0, fmt.Errorf("%w: a binomial test needs at least one trial", ErrTooFew)
	}
	switch alt {
	case Greater:
		return binomAtLeast(k, n, p0), nil
	case Less:
		return binomAtMost(k, n, p0), nil
	}
	if p0 == 0 {
		return boolProbability(k == 0), nil
	}
	if p0 == 1 {
		return boolProbability(k == n), nil
	}
	dist := distuv.Binomial{N: float64(n), P: p0}
	const relErr = 1 + 1e-7
	observed := dist.Prob(float64(k))
	expected := float64(n) * p0
	var p float64
	switch {
	case float64(k) == expected:
		return 1, nil
	case float64(k) < expected:
		// Count the outcomes in the other tail no more likely than k.
		var y int
		for i := int(math.Ceil(expected)); i <= n; i++ {
			if dist.Prob(float64(i)) <= observed*relErr {
				y++
			}
		}
		p = binomAtMost(k, n, p0) + binomAtLeast(n-y+1, n, p0)
	default:
		var y int
		for i := 0; i <= int(math.Floor(expected)); i++ {
			if dist.Prob(float64(i)) <= observed*relErr {
				y++
			}
		}
		p = binomAtMost(y-1, n, p0) + binomAtLeast(k, n, p0)
	}
	return math.Min(1, p), nil
}

// binomAtLeast returns P(X ≥ k) for X ~ Binomial(n, p), as the regularised
// incomplete beta I_p(k, n − k + 1).
func binomAtLeast(k, n int, p float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n:
		return 0
	}
	return mathext.RegIncBeta(float64(k), float64(n-k+1), p)
}

// binomAtMost returns P(X ≤ k) for X ~ Binomial(n, p), as the regularised
// incomplete beta I_{1−p}(n − k, k + 1).
func binomAtMost(k, n int, p float64) float64 {
	switch {
	case k < 0:
		return 0
	case k >= n:
		return 1
	}
	return mathext.RegIncBeta(float64(n-k), float64(k+1), 1-p)
}
