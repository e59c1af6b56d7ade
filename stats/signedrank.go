package stats

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// SignedRankResult is the outcome of a Wilcoxon signed-rank test.
type SignedRankResult struct {
	// N is the number of non-zero differences, the n of the test.
	N int
	// Zeros is the number of differences equal to zero, which the test drops.
	Zeros int
	// V is the sum of the ranks of the positive differences (R's statistic V).
	V float64
	// Exact tells whether P comes from the exact distribution of V; otherwise
	// it is the normal approximation with continuity correction.
	Exact bool
	// P is the p-value for the alternative that was asked for.
	P float64
}

// exactSignedRankLimit is the n below which R uses the exact distribution.
const exactSignedRankLimit = 50

// SignedRankTest is the Wilcoxon signed-rank test of the differences d
// against zero with R's defaults, as R's wilcox.test(d, alternative = alt):
// zeros are dropped; the absolute differences are ranked with average ranks
// for ties; the p-value is exact when fewer than 50 differences remain and
// there were neither ties nor zeros (R also falls back on the approximation
// whenever a zero was dropped); otherwise it is the normal approximation with
// continuity correction and the variance corrected for ties.
//
// It fails with ErrTooFew for no differences at all and with ErrConstant when
// every difference is zero (R returns a p-value of NaN there: the test has
// nothing to rank). A NaN or infinite difference fails with ErrDomain.
func SignedRankTest(d []float64, alt Alternative) (SignedRankResult, error) {
	if err := checkAlternative(alt); err != nil {
		return SignedRankResult{}, err
	}
	if err := checkFinite(d); err != nil {
		return SignedRankResult{}, err
	}
	if len(d) == 0 {
		return SignedRankResult{}, fmt.Errorf("%w: a signed-rank test needs at least one difference", ErrTooFew)
	}
	type difference struct {
		size     float64
		positive bool
	}
	nonZero := make([]difference, 0, len(d))
	for _, v := range d {
		if v != 0 {
			nonZero = append(nonZero, difference{size: math.Abs(v), positive: v > 0})
		}
	}
	r := SignedRankResult{N: len(nonZero), Zeros: len(d) - len(nonZero)}
	if r.N == 0 {
		return SignedRankResult{}, fmt.Errorf("%w: all %d differences are zero", ErrConstant, len(d))
	}
	sort.Slice(nonZero, func(i, j int) bool { return nonZero[i].size < nonZero[j].size })

	// Walk the groups of equal sizes: each gets the average of the ranks it
	// spans, and contributes t³ − t to the tie correction of the variance.
	var tieCorrection float64
	ties := false
	for start := 0; start < len(nonZero); {
		end := start + 1
		for end < len(nonZero) && nonZero[end].size == nonZero[start].size {
			end++
		}
		rank := float64(start+1+end) / 2
		for _, x := range nonZero[start:end] {
			if x.positive {
				r.V += rank
			}
		}
		if size := float64(end - start); size > 1 {
			ties = true
			tieCorrection += size*size*size - size
		}
		start = end
	}

	n := float64(r.N)
	if r.N < exactSignedRankLimit && !ties && r.Zeros == 0 {
		r.Exact = true
		switch alt {
		case Greater:
			r.P = signedRankCDF(r.V-1, r.N, true)
		case Less:
			r.P = signedRankCDF(r.V, r.N, false)
		default:
			var p float64
			if r.V > n*(n+1)/4 {
				p = signedRankCDF(r.V-1, r.N, true)
			} else {
				p = signedRankCDF(r.V, r.N, false)
			}
			r.P = math.Min(2*p, 1)
		}
		return r, nil
	}

	z := r.V - n*(n+1)/4
	sigma := math.Sqrt(n*(n+1)*(2*n+1)/24 - tieCorrection/48)
	var correction float64
	switch alt {
	case Greater:
		correction = 0.5
	case Less:
		correction = -0.5
	default:
		// Toward zero, and none when V sits exactly at its mean.
		if z > 0 {
			correction = 0.5
		} else if z < 0 {
			correction = -0.5
		}
	}
	z = (z - correction) / sigma
	normal := distuv.UnitNormal
	switch alt {
	case Greater:
		r.P = normal.CDF(-z)
	case Less:
		r.P = normal.CDF(z)
	default:
		r.P = 2 * math.Min(normal.CDF(z), normal.CDF(-z))
	}
	return r, nil
}

// PairedSignedRankTest is the Wilcoxon signed-rank test of post − pre, as
// R's wilcox.test(post, pre, paired = TRUE, alternative = alt). The spec's
// wilcoxon_p is PairedSignedRankTest(post, pre, TwoSided).P.
func PairedSignedRankTest(post, pre []float64, alt Alternative) (SignedRankResult, error) {
	d, err := PairedDifferences(post, pre)
	if err != nil {
		return SignedRankResult{}, err
	}
	return SignedRankTest(d, alt)
}

// signedRankCDF returns P(V ≤ q) for the signed-rank statistic of n
// differences, or P(V > q) when upper is true, as R's psignrank. It sums the
// shorter tail of the exact distribution so that small p-values keep their
// digits.
func signedRankCDF(q float64, n int, upper bool) float64 {
	x := math.Round(q + 1e-7)
	total := float64(n * (n + 1) / 2)
	lower := !upper
	if x < 0 {
		return boolProbability(!lower)
	}
	if x >= total {
		return boolProbability(lower)
	}
	counts := signedRankCounts(n)
	scale := math.Ldexp(1, -n)
	var p float64
	if x <= total/2 {
		for i := 0; i <= int(x); i++ {
			p += counts[i] * scale
		}
	} else {
		x = total - x
		for i := 0; i < int(x); i++ {
			p += counts[i] * scale
		}
		lower = !lower
	}
	if lower {
		return p
	}
	return 0.5 - p + 0.5
}

// signedRankCounts returns, for each s from 0 to n(n+1)/2, the number of
// subsets of {1, …, n} whose sum is s: the frequencies of V under the null
// hypothesis, all 2ⁿ sign patterns being equally likely. For n < 50 every
// count is below 2⁵³ and so exact in a float64.
func signedRankCounts(n int) []float64 {
	counts := make([]float64, n*(n+1)/2+1)
	counts[0] = 1
	maxSum := 0
	for rank := 1; rank <= n; rank++ {
		maxSum += rank
		// Downwards, so that each rank joins a subset at most once.
		for s := maxSum; s >= rank; s-- {
			counts[s] += counts[s-rank]
		}
	}
	return counts
}
