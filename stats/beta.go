package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// ProbTargetMetProportion is the posterior probability that the true
// proportion is beyond target, after k successes in n trials and a uniform
// Beta(1, 1) prior: the posterior is Beta(k + 1, n − k + 1). With Greater
// (an increase goal) it is P(p > target), R's
// 1 - pbeta(target, k+1, n-k+1), computed as the upper tail directly so that
// tiny probabilities keep their digits; with Less (a decrease goal) it is
// P(p < target), R's pbeta(target, k+1, n-k+1).
//
// With n = 0 the posterior is the prior and the answer is 1 − target or
// target. It fails with ErrDomain unless 0 ≤ k ≤ n and 0 ≤ target ≤ 1, and
// for TwoSided, which has no meaning here.
func ProbTargetMetProportion(k, n int, target float64, alt Alternative) (float64, error) {
	if err := checkCounts(k, n); err != nil {
		return 0, err
	}
	if !(target >= 0 && target <= 1) {
		return 0, fmt.Errorf("%w: target proportion %v is not between 0 and 1", ErrDomain, target)
	}
	successes, failures := float64(k+1), float64(n-k+1)
	switch alt {
	case Greater:
		return mathext.RegIncBeta(failures, successes, 1-target), nil
	case Less:
		return mathext.RegIncBeta(successes, failures, target), nil
	}
	return 0, fmt.Errorf("%w: the probability that a target is met needs the alternative greater or less", ErrDomain)
}

// ProbTargetMetMean is the spec's prob_target_met of a mean (or of a paired
// change, given the differences): the t approximation with se = sd(x)/√n.
// With Greater (an increase goal) it is R's pt((mean(x) - target)/se, n-1);
// with Less (a decrease goal) pt((target - mean(x))/se, n-1).
//
// It fails as TTest does: ErrTooFew for fewer than two values and
// ErrConstant when they are all (essentially) equal, where R's formula gives
// 0, 1 or NaN from a division by zero. TwoSided fails with ErrDomain.
func ProbTargetMetMean(x []float64, target float64, alt Alternative) (float64, error) {
	return Summarize(x).ProbTargetMet(target, alt)
}

// ProbTargetMet is the package's ProbTargetMetMean of the sample.
func (s Sample) ProbTargetMet(target float64, alt Alternative) (float64, error) {
	if alt != Greater && alt != Less {
		return 0, fmt.Errorf("%w: the probability that a target is met needs the alternative greater or less", ErrDomain)
	}
	if math.IsNaN(target) || math.IsInf(target, 0) {
		return 0, fmt.Errorf("%w: target %v", ErrDomain, target)
	}
	if s.err != nil {
		return 0, s.err
	}
	r := s.r
	statistic := (r.Estimate - target) / r.SE
	if alt == Less {
		statistic = (target - r.Estimate) / r.SE
	}
	return studentCDF(statistic, r.DF, false), nil
}
