package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// studentCDF returns P(T ≤ t) for Student's t with df degrees of freedom,
// or P(T > t) when upper is true, without ever subtracting a small tail from
// one (as R's pt). Both tails come from val = P(|T| > |t|).
func studentCDF(t, df float64, upper bool) float64 {
	if math.IsInf(t, 0) {
		if (t > 0) == upper {
			return 1
		}
		return 0
	}
	t2 := t * t
	var val float64
	if t2 < 1 {
		// For |t| < 1 the two-sided tail is at least 0.3 for every df, so
		// its complement is safe, and it is the form whose argument
		// t²/(df+t²) keeps all its digits when t is small.
		val = 1 - mathext.RegIncBeta(0.5, df/2, t2/(df+t2))
	} else {
		val = mathext.RegIncBeta(df/2, 0.5, df/(df+t2))
	}
	val /= 2
	// val is now the tail beyond |t| on t's own side.
	if (t > 0) == upper {
		return val
	}
	return 1 - val
}

// studentQuantile returns the p quantile of Student's t with df degrees of
// freedom (R's qt(p, df)).
func studentQuantile(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}
