package stats_test

import (
	"testing"

	"github.com/joiningforces/impact/stats"
)

// welchExpected are the Welch cases R refuses, and the package with it.
var welchExpected = map[string]error{
	"both-constant": stats.ErrConstant,
	"x-n=1":         stats.ErrTooFew,
	"y-n=1":         stats.ErrTooFew,
}

func TestWelchTTest(t *testing.T) {
	cases := MustReadGolden(t, "welch.csv")
	MustNameCases(t, cases, welchExpected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			r, err := stats.WelchTTest(c.Floats(t, "x"), c.Floats(t, "y"), c.Float(t, "conf"))
			if !MustMatchError(t, c, err, welchExpected) {
				return
			}
			worst.Check(t, "difference", r.Difference, c.Float(t, "difference"), exactTol)
			worst.Check(t, "t", r.Statistic, c.Float(t, "statistic"), exactTol)
			worst.Check(t, "df", r.DF, c.Float(t, "df"), exactTol)
			worst.Check(t, "p", r.P, c.Float(t, "p_value"), exactTol)
			worst.Check(t, "low", r.Low, c.Float(t, "diff_low"), exactTol)
			worst.Check(t, "high", r.High, c.Float(t, "diff_high"), exactTol)
		})
	}
}

// proportionsExpected are the cases where R's test is NaN: no one, or
// everyone, succeeded in both groups. The package still gives the interval.
var proportionsExpected = map[string]error{
	"both-all":  stats.ErrConstant,
	"both-none": stats.ErrConstant,
}

func TestTwoProportions(t *testing.T) {
	cases := MustReadGolden(t, "proptest2.csv")
	MustNameCases(t, cases, proportionsExpected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			r, err := stats.TwoProportions(c.Int(t, "k"), c.Int(t, "n"), c.Int(t, "kc"), c.Int(t, "nc"), c.Float(t, "conf"))
			worst.Check(t, "difference", r.Difference, c.Float(t, "difference"), exactTol)
			worst.Check(t, "low", r.Low, c.Float(t, "diff_low"), exactTol)
			worst.Check(t, "high", r.High, c.Float(t, "diff_high"), exactTol)
			if !MustMatchError(t, c, err, proportionsExpected) {
				return
			}
			worst.Check(t, "chi-squared", r.Statistic, c.Float(t, "statistic"), exactTol)
			worst.Check(t, "p", r.P, c.Float(t, "p_value"), exactTol)
		})
	}
}

func TestTwoSampleRefuses(t *testing.T) {
	if _, err := stats.TwoProportions(1, 0, 1, 5, 0.95); err == nil {
		t.Fatal("TwoProportions accepted 1 success of 0")
	}
	if _, err := stats.TwoProportions(1, 5, 0, 0, 0.95); err == nil {
		t.Fatal("TwoProportions accepted an empty comparison group")
	}
	if _, err := stats.WelchTTest([]float64{1, 2}, []float64{1, nan()}, 0.95); err == nil {
		t.Fatal("WelchTTest accepted NaN")
	}
	if _, err := stats.WelchTTest([]float64{1, 2}, []float64{1, 3}, 1); err == nil {
		t.Fatal("WelchTTest accepted conf = 1")
	}
}
