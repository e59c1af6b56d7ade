// Package stats holds the statistics of the impact engine as plain
// functions over float64 slices and counts: confidence intervals, tests,
// posterior probabilities, the Holm adjustment, the forecast by least squares,
// triangular draws for the SROI Monte Carlo and the minimum detectable change
// behind the A003 lint rule.
//
// Every function gives the same number as the R call named in its
// documentation (the definitions of the spec's statistics.md); the tests compare them
// with golden values written by testdata/stats/golden.R. The functions are
// pure: they keep no state, read no store and know no project types, so the
// callers decide what a figure means.
//
// Input that a method cannot use is refused with an error that wraps one of
// ErrDomain, ErrTooFew or ErrConstant, so callers can tell with errors.Is
// whether a figure is impossible (a bug or bad data) or merely undefined for
// this sample (too few answers, no spread). Where R would return NaN, Inf or a
// degenerate answer for such input, these functions return the error instead,
// so that no NaN ever reaches a report or a JSON document.
package stats

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors wrapped by every function of the package.
var (
	// ErrDomain is an argument outside the domain of the method: a
	// confidence level outside (0, 1), k > n, a probability outside [0, 1],
	// a NaN or infinite observation, slices of different lengths.
	ErrDomain = errors.New("stats: argument outside the domain of the method")
	// ErrTooFew is a sample too small for the method, such as a t test on
	// one value or a regression line through two points.
	ErrTooFew = errors.New("stats: too few observations")
	// ErrConstant is a sample without spread, for which the statistic is
	// undefined: a standard deviation of zero, differences that are all
	// zero, or a regression on a time that never changes.
	ErrConstant = errors.New("stats: observations are constant")
)

// Alternative is the alternative hypothesis of a test, as R's `alternative`
// argument. Greater is used for goals with direction increase and Less for
// direction decrease.
type Alternative int

// The alternatives of a test.
const (
	// TwoSided tests for a difference in either direction ("two.sided").
	TwoSided Alternative = iota
	// Greater tests whether the true value exceeds the hypothesised one ("greater").
	Greater
	// Less tests whether the true value falls short of the hypothesised one ("less").
	Less
)

// String returns the name R gives the alternative: "two.sided", "greater" or "less".
func (a Alternative) String() string {
	switch a {
	case TwoSided:
		return "two.sided"
	case Greater:
		return "greater"
	case Less:
		return "less"
	}
	return fmt.Sprintf("Alternative(%d)", int(a))
}

// Interval is a two-sided confidence or prediction interval.
type Interval struct {
	Low, High float64
}

// checkConf refuses a confidence level outside the open interval (0, 1).
func checkConf(conf float64) error {
	if !(conf > 0 && conf < 1) {
		return fmt.Errorf("%w: confidence level %v is not between 0 and 1", ErrDomain, conf)
	}
	return nil
}

// checkAlternative refuses an Alternative that is none of the three.
func checkAlternative(alt Alternative) error {
	if alt != TwoSided && alt != Greater && alt != Less {
		return fmt.Errorf("%w: unknown alternative %v", ErrDomain, alt)
	}
	return nil
}

// checkCounts refuses k successes of n trials unless 0 ≤ k ≤ n.
func checkCounts(k, n int) error {
	if n < 0 || k < 0 || k > n {
		return fmt.Errorf("%w: %d successes of %d", ErrDomain, k, n)
	}
	return nil
}

// checkInterval checks the arguments of a proportion's confidence interval:
// counts that fit, a confidence level inside (0, 1), and at least one trial.
func checkInterval(k, n int, conf float64) error {
	if err := checkCounts(k, n); err != nil {
		return err
	}
	if err := checkConf(conf); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: a proportion of 0 trials has no interval", ErrTooFew)
	}
	return nil
}

// checkFinite refuses NaN and infinite observations, which R would drop
// silently; the engine removes missing values before it gets here.
func checkFinite(x []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: observation %d is %v", ErrDomain, i+1, v)
		}
	}
	return nil
}

// boolProbability returns 1 for a certain event and 0 for an impossible one.
func boolProbability(certain bool) float64 {
	if certain {
		return 1
	}
	return 0
}
