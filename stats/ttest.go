package stats

import (
	"fmt"
	"math"
)

// TTestResult is the outcome of a one-sample or paired t test.
type TTestResult struct {
	// N is the number of observations (of pairs, for a paired test).
	N int
	// Estimate is the mean of the observations (of the differences).
	Estimate float64
	// SD is the sample standard deviation, with denominator N − 1.
	SD float64
	// SE is the standard error of the mean, SD / √N.
	SE float64
	// Statistic is t = (Estimate − mu) / SE.
	Statistic float64
	// DF is the degrees of freedom, N − 1.
	DF float64
	// P is the p-value for the alternative that was asked for.
	P float64
}

// TTest is the one-sample t test of the mean of x against mu, as R's
// t.test(x, mu = mu, alternative = alt). The spec's p_value of a mean is
// TTest(x, target, Greater) for an increase goal.
//
// It returns an error wrapping ErrTooFew for fewer than two observations,
// ErrConstant when the observations are (essentially) all equal, and
// ErrDomain for a NaN or infinite observation or an unknown alternative; the
// result is then the zero TTestResult. R stops with "not enough 'x'
// observations" and "data are essentially constant" in the first two cases,
// except that for values that are all exactly zero it returns a t of ±Inf or
// NaN; this function refuses those too.
func TTest(x []float64, mu float64, alt Alternative) (TTestResult, error) {
	return Summarize(x).TTest(mu, alt)
}

// Sample is what the t procedures read of a set of observations: their
// number, mean and standard deviation, computed once by Summarize, or why
// they cannot be (as tSummary refuses them).
type Sample struct {
	r   TTestResult
	err error
}

// Summarize reads the observations x once for any number of TTest,
// TInterval, ProbTargetMetMean and CohenDz of them, which each read them
// again otherwise: three passes over a million values.
func Summarize(x []float64) Sample {
	r, err := tSummary(x)
	return Sample{r: r, err: err}
}

// TTest is the package's TTest of the sample.
func (s Sample) TTest(mu float64, alt Alternative) (TTestResult, error) {
	if err := checkAlternative(alt); err != nil {
		return TTestResult{}, err
	}
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		return TTestResult{}, fmt.Errorf("%w: hypothesised mean %v", ErrDomain, mu)
	}
	if s.err != nil {
		return TTestResult{}, s.err
	}
	r := s.r
	r.Statistic = (r.Estimate - mu) / r.SE
	switch alt {
	case Greater:
		r.P = studentCDF(r.Statistic, r.DF, true)
	case Less:
		r.P = studentCDF(r.Statistic, r.DF, false)
	default:
		r.P = 2 * studentCDF(-math.Abs(r.Statistic), r.DF, false)
	}
	return r, nil
}

// TInterval is the two-sided t confidence interval for the mean of x at
// confidence level conf, as R's t.test(x, conf.level = conf)$conf.int.
// It fails as TTest does, and with ErrDomain for conf outside (0, 1).
func TInterval(x []float64, conf float64) (Interval, error) {
	return Summarize(x).TInterval(conf)
}

// TInterval is the package's TInterval of the sample.
func (s Sample) TInterval(conf float64) (Interval, error) {
	if err := checkConf(conf); err != nil {
		return Interval{}, err
	}
	if s.err != nil {
		return Interval{}, s.err
	}
	r := s.r
	alpha := 1 - conf
	q := studentQuantile(1-alpha/2, r.DF)
	// R scales the interval of the t statistic back by the standard error;
	// doing the same keeps the last digits equal to R's.
	statistic := r.Estimate / r.SE
	return Interval{Low: (statistic - q) * r.SE, High: (statistic + q) * r.SE}, nil
}

// PairedDifferences returns d = post − pre for each pair. The slices must
// have the same length and hold one pair at each index.
func PairedDifferences(post, pre []float64) ([]float64, error) {
	if len(post) != len(pre) {
		return nil, fmt.Errorf("%w: %d post values but %d pre values", ErrDomain, len(post), len(pre))
	}
	d := make([]float64, len(post))
	for i := range post {
		d[i] = post[i] - pre[i]
	}
	return d, nil
}

// PairedTTest is the paired t test of the change post − pre against mu, as
// R's t.test(post, pre, paired = TRUE, mu = mu, alternative = alt), which is
// TTest on the differences. The spec's p_value of a paired change is
// PairedTTest(post, pre, target, Greater) for an increase goal and its
// p_value_zero is PairedTTest(post, pre, 0, TwoSided). A change that is the
// same for everyone, including no change at all, fails with ErrConstant.
func PairedTTest(post, pre []float64, mu float64, alt Alternative) (TTestResult, error) {
	d, err := PairedDifferences(post, pre)
	if err != nil {
		return TTestResult{}, err
	}
	return TTest(d, mu, alt)
}

// PairedTInterval is the paired t confidence interval for the mean change
// post − pre, as R's t.test(post, pre, paired = TRUE, conf.level = conf)$conf.int.
func PairedTInterval(post, pre []float64, conf float64) (Interval, error) {
	d, err := PairedDifferences(post, pre)
	if err != nil {
		return Interval{}, err
	}
	return TInterval(d, conf)
}

// CohenDz is the standardised mean change of paired differences d,
// mean(d) / sd(d) (the spec's effect_size). It fails with ErrTooFew for
// fewer than two differences and with ErrConstant when they are all
// (essentially) equal, where R's formula gives ±Inf or NaN.
func CohenDz(d []float64) (float64, error) {
	return Summarize(d).CohenDz()
}

// CohenDz is the package's CohenDz of a sample of paired differences.
func (s Sample) CohenDz() (float64, error) {
	if s.err != nil {
		return 0, s.err
	}
	return s.r.Estimate / s.r.SD, nil
}

// tSummary computes N, mean, SD, SE and DF of x, refusing what R's t.test
// refuses.
func tSummary(x []float64) (TTestResult, error) {
	// A NaN or infinite observation makes the mean NaN or infinite, so
	// only then are the observations read once more to find it: at a
	// million values the check took a fifth of the time of a mean.
	mean := Mean(x)
	if math.IsNaN(mean) || math.IsInf(mean, 0) {
		if err := checkFinite(x); err != nil {
			return TTestResult{}, err
		}
	}
	if len(x) < 2 {
		return TTestResult{}, fmt.Errorf("%w: a t test needs at least 2 observations, got %d", ErrTooFew, len(x))
	}
	sd := math.Sqrt(Variance(x, mean))
	se := sd / math.Sqrt(float64(len(x)))
	// R's own threshold: a standard error below ten rounding errors of the
	// mean is noise, not spread. The sd == 0 test catches a mean of zero.
	if sd == 0 || se < 10*epsilon*math.Abs(mean) {
		return TTestResult{}, fmt.Errorf("%w: all %d values are (essentially) %v", ErrConstant, len(x), mean)
	}
	return TTestResult{N: len(x), Estimate: mean, SD: sd, SE: se, DF: float64(len(x) - 1)}, nil
}

// epsilon is R's .Machine$double.eps, the spacing of float64 just above 1.
const epsilon = 0x1p-52
