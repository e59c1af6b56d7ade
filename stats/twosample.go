package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// TwoSampleResult is the comparison of two groups: the difference of their
// estimates (the first group minus the second), its two-sided interval and
// the two-sided p-value of the test that it is zero.
type TwoSampleResult struct {
	// Difference is the first group's estimate minus the second's.
	Difference float64
	// Low and High bound the interval for the difference at the level asked for.
	Low, High float64
	// Statistic is Welch's t, or the chi-squared statistic of two proportions.
	Statistic float64
	// DF is the degrees of freedom: Welch–Satterthwaite's for means, 1 for proportions.
	DF float64
	// P is the two-sided p-value.
	P float64
}

// WelchTTest is Welch's two-sample t test of the means of x and y, as R's
// t.test(x, y, conf.level = conf): the difference mean(x) − mean(y), its
// interval and the two-sided p-value. The attrition test is
// WelchTTest(preBoth, preOnly, conf); a comparison of means is
// WelchTTest(x, xComparison, conf), of paired changes WelchTTest(d, dComparison, conf).
//
// It fails with ErrTooFew when either group has fewer than two values,
// ErrConstant when both are (essentially) constant, as R stops with "not
// enough observations" and "data are essentially constant", and ErrDomain for
// a NaN or infinite value or a level outside (0, 1).
func WelchTTest(x, y []float64, conf float64) (TwoSampleResult, error) {
	if err := checkConf(conf); err != nil {
		return TwoSampleResult{}, err
	}
	for _, sample := range [][]float64{x, y} {
		if err := checkFinite(sample); err != nil {
			return TwoSampleResult{}, err
		}
		if len(sample) < 2 {
			return TwoSampleResult{}, fmt.Errorf("%w: a two-sample t test needs at least 2 values in each group, got %d", ErrTooFew, len(sample))
		}
	}
	meanX, meanY := Mean(x), Mean(y)
	seX := Variance(x, meanX) / float64(len(x))
	seY := Variance(y, meanY) / float64(len(y))
	se := math.Sqrt(seX + seY)
	if se < 10*epsilon*math.Max(math.Abs(meanX), math.Abs(meanY)) || se == 0 {
		return TwoSampleResult{}, fmt.Errorf("%w: both groups are (essentially) constant", ErrConstant)
	}
	df := (seX + seY) * (seX + seY) / (seX*seX/float64(len(x)-1) + seY*seY/float64(len(y)-1))
	r := TwoSampleResult{Difference: meanX - meanY, DF: df}
	r.Statistic = r.Difference / se
	r.P = 2 * studentCDF(-math.Abs(r.Statistic), df, false)
	half := studentQuantile((1+conf)/2, df) * se
	r.Low, r.High = r.Difference-half, r.Difference+half
	return r, nil
}

// TwoProportions compares k of n with kc of nc as R's
// prop.test(c(k, kc), c(n, nc), conf.level = conf, correct = FALSE): the
// difference k/n − kc/nc, its Wald interval clipped to [−1, 1], and the
// p-value of the chi-squared test of equal proportions.
//
// When no one or everyone in both groups succeeded, the interval is [0, 0]
// and the test is undefined (R gives NaN): the result then holds the
// difference and interval, and the error wraps ErrConstant. It fails with
// ErrTooFew when a group is empty and ErrDomain for counts that do not fit.
func TwoProportions(k, n, kc, nc int, conf float64) (TwoSampleResult, error) {
	if err := checkInterval(k, n, conf); err != nil {
		return TwoSampleResult{}, err
	}
	if err := checkInterval(kc, nc, conf); err != nil {
		return TwoSampleResult{}, err
	}
	p, pc := float64(k)/float64(n), float64(kc)/float64(nc)
	z := mathext.NormalQuantile((1 + conf) / 2)
	half := z * math.Sqrt(p*(1-p)/float64(n)+pc*(1-pc)/float64(nc))
	r := TwoSampleResult{Difference: p - pc, DF: 1}
	r.Low, r.High = math.Max(r.Difference-half, -1), math.Min(r.Difference+half, 1)
	successes, total := float64(k+kc), float64(n+nc)
	if successes == 0 || successes == total {
		return r, fmt.Errorf("%w: every one of both groups has the same outcome", ErrConstant)
	}
	// The chi-squared statistic of the 2×2 table: each cell against its
	// expectation under one shared proportion.
	pooled := successes / total
	for _, cell := range [][2]float64{{float64(k), float64(n)}, {float64(kc), float64(nc)}} {
		expected := cell[1] * pooled
		r.Statistic += (cell[0]-expected)*(cell[0]-expected)/expected +
			(cell[0]-expected)*(cell[0]-expected)/(cell[1]-expected)
	}
	// The upper tail of chi-squared with one degree of freedom.
	r.P = math.Erfc(math.Sqrt(r.Statistic / 2))
	return r, nil
}
