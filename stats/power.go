package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// DetectionPower is the power at which the minimum detectable change is
// computed: a change of that size is found four times in five.
const DetectionPower = 0.8

// MinDetectableProportion is the smallest change delta > 0 from the baseline
// proportion p0 that a one-sided test at level 1 − conf on n answers detects
// with power DetectionPower, by the normal approximation. It is the A003
// figure for a proportion; alt is Greater for an increase goal (the change
// is p0 → p0 + delta) and Less for a decrease goal (p0 → p0 − delta).
//
// The test rejects when the observed proportion is beyond
// p0 ± z_conf·√(p0(1−p0)/n). If the true proportion is p1, the observed one is
// approximately normal with standard deviation √(p1(1−p1)/n), so the power is
//
//	Φ((delta·√n − z_conf·√(p0(1−p0))) / √(p1(1−p1))).
//
// It reaches DetectionPower where
//
//	delta·√n = z_conf·√(p0(1−p0)) + z_0.8·√(p1(1−p1)),   p1 = p0 ± delta,
//
// with z_q the standard normal q quantile. The difference of the two sides is
// convex in delta and negative at 0, so it has at most one root on
// (0, room], room being 1 − p0 (Greater) or p0 (Less); the function finds it
// by bisection to full double precision. When even the largest possible change
// falls short of the power, no change is detectable and the result is +Inf.
//
// It fails with ErrTooFew for n = 0 and with ErrDomain for p0 outside [0, 1],
// conf outside (0, 1) or TwoSided.
func MinDetectableProportion(p0 float64, n int, conf float64, alt Alternative) (float64, error) {
	if err := checkConf(conf); err != nil {
		return 0, err
	}
	if !(p0 >= 0 && p0 <= 1) {
		return 0, fmt.Errorf("%w: baseline proportion %v is not between 0 and 1", ErrDomain, p0)
	}
	if alt != Greater && alt != Less {
		return 0, fmt.Errorf("%w: the minimum detectable change needs the alternative greater or less", ErrDomain)
	}
	if n < 1 {
		return 0, fmt.Errorf("%w: no change is detectable from %d answers", ErrTooFew, n)
	}
	room := 1 - p0
	sign := 1.0
	if alt == Less {
		room, sign = p0, -1
	}
	zConf := mathext.NormalQuantile(conf)
	zPower := mathext.NormalQuantile(DetectionPower)
	sqrtN := math.Sqrt(float64(n))
	spread0 := math.Sqrt(p0 * (1 - p0))
	shortfall := func(delta float64) float64 {
		p1 := p0 + sign*delta
		return delta*sqrtN - zConf*spread0 - zPower*math.Sqrt(p1*(1-p1))
	}
	if room <= 0 || shortfall(room) < 0 {
		return math.Inf(1), nil
	}
	return bisect(shortfall, 0, room), nil
}

// MinDetectableMean is the smallest change delta in a mean, or in a paired
// change, that a one-sided t test at level 1 − conf on n values (n pairs)
// with standard deviation sd (of the differences) detects with power
// DetectionPower. It is the A003 figure for means and paired changes, as R's
//
//	power.t.test(n = n, sd = sd, sig.level = 1 - conf, power = 0.8,
//	             type = "one.sample" or "paired", alternative = "one.sided")$delta
//
// (the two types give the same number). The power is
// P(T > t_{conf, n−1}) for T noncentral t with n − 1 degrees of freedom and
// noncentrality √n·delta/sd, computed as R computes it (gonum's noncentral t
// with R's switch to the normal approximation for a large noncentrality);
// the root is bracketed and found by bisection to full double precision,
// where R's uniroot stops at an absolute tolerance of about 1.2e-4 unless
// given a smaller tol, so R's default answer is itself only good to about
// 1e-4 (0.2 % for n = 5000).
//
// It fails with ErrTooFew for n < 2 (R uses 1e-7 degrees of freedom and then
// fails to find a root), with ErrConstant for sd = 0 (R fails: its search
// interval is sd·[1e-7, 1e7]), and with ErrDomain for a negative or
// non-finite sd or conf outside (0, 1).
func MinDetectableMean(n int, sd, conf float64) (float64, error) {
	if err := checkConf(conf); err != nil {
		return 0, err
	}
	if !(sd >= 0) || math.IsInf(sd, 0) {
		return 0, fmt.Errorf("%w: standard deviation %v", ErrDomain, sd)
	}
	if n < 2 {
		return 0, fmt.Errorf("%w: a t test needs at least 2 values, got %d", ErrTooFew, n)
	}
	if sd == 0 {
		return 0, fmt.Errorf("%w: with a standard deviation of 0 the t test is undefined", ErrConstant)
	}
	df := float64(n - 1)
	critical := studentQuantile(1-(1-conf), df)
	shortfall := func(ncp float64) float64 {
		return noncentralTUpper(critical, df, ncp) - DetectionPower
	}
	// The power grows with the noncentrality from 1 − conf at 0 towards 1;
	// doubling finds an upper end of the bracket.
	high := 1.0
	for shortfall(high) < 0 {
		high *= 2
		if high > 1e8 {
			return 0, fmt.Errorf("%w: no noncentrality below 1e8 gives power %v", ErrDomain, DetectionPower)
		}
	}
	ncp := bisect(shortfall, 0, high)
	return ncp * sd / math.Sqrt(float64(n)), nil
}

// noncentralTUpper returns P(T > t) for T noncentral t with df degrees of
// freedom and noncentrality ncp, as R's pt(t, df, ncp, lower.tail = FALSE).
// Both R and gonum sum the series of Lenth's algorithm AS 243, but they
// leave it for the normal approximation of Abramowitz and Stegun 26.7.10 at
// different points: R when ncp² > 2·ln 2·1021 (ncp > 37.62, where the
// series' first weight would be a subnormal number) or df > 4e5, gonum only
// when that weight underflows to zero (ncp > 38.6). Between the two the
// answers differ by several per cent (power.t.test with n = 2 at
// conf = 0.989), so the switch here is R's.
func noncentralTUpper(t, df, ncp float64) float64 {
	if df > 4e5 || ncp*ncp > 2*math.Ln2*1021 {
		s := 1 / (4 * df)
		return distuv.UnitNormal.CDF(-(t*(1-s) - ncp) / math.Sqrt(1+t*t*2*s))
	}
	return 1 - distuv.NoncentralT{Nu: df, Mu: ncp}.CDF(t)
}

// bisect returns the root of f in [low, high], where f is negative just above
// low and not negative at high and changes sign once, to the precision of a
// float64: it halves the bracket until no double lies strictly inside.
func bisect(f func(float64) float64, low, high float64) float64 {
	for range 2000 {
		mid := low + (high-low)/2
		if mid <= low || mid >= high {
			break
		}
		if f(mid) >= 0 {
			high = mid
		} else {
			low = mid
		}
	}
	return high
}
