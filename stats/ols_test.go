package stats_test

import (
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestPredictOLS(t *testing.T) {
	cases := MustReadGolden(t, "ols.csv")
	// R gives NaN bounds for two points, and for a constant time drops the
	// slope and warns that the fit is rank-deficient.
	expected := map[string]error{
		"n=2":        stats.ErrTooFew,
		"constant-t": stats.ErrConstant,
	}
	MustNameCases(t, cases, expected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			p, err := stats.PredictOLS(c.Floats(t, "t"), c.Floats(t, "y"), c.Float(t, "at"), c.Float(t, "conf"))
			if !MustMatchError(t, c, err, expected) {
				return
			}
			worst.Check(t, "intercept", p.Intercept, c.Float(t, "intercept"), exactTol)
			worst.Check(t, "slope", p.Slope, c.Float(t, "slope"), exactTol)
			worst.Check(t, "fit", p.Fit, c.Float(t, "fit"), exactTol)
			worst.Check(t, "low", p.Interval.Low, c.Float(t, "lwr"), exactTol)
			worst.Check(t, "high", p.Interval.High, c.Float(t, "upr"), exactTol)
		})
	}
}
