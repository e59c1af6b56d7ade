package stats_test

import (
	"errors"
	"testing"

	"github.com/joiningforces/impact/stats"
)

// tExpected are the one-sample cases the package refuses: R refuses them
// too, except "constant-zero", where R's t is -Inf and its p-value 1.
var tExpected = map[string]error{
	"constant-nonzero": stats.ErrConstant,
	"constant-zero":    stats.ErrConstant,
	"n=1":              stats.ErrTooFew,
}

func TestTTest(t *testing.T) {
	cases := MustReadGolden(t, "ttest.csv")
	MustNameCases(t, cases, tExpected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			x := c.Floats(t, "x")
			r, err := stats.TTest(x, c.Float(t, "mu"), c.Alternative(t, "alternative"))
			if !MustMatchError(t, c, err, tExpected) {
				return
			}
			if got, want := r.N, len(x); got != want {
				t.Fatalf("N = %d, want %d", got, want)
			}
			worst.Check(t, "estimate", r.Estimate, c.Float(t, "estimate"), exactTol)
			worst.Check(t, "t", r.Statistic, c.Float(t, "statistic"), exactTol)
			worst.Check(t, "df", r.DF, c.Float(t, "df"), exactTol)
			worst.Check(t, "p", r.P, c.Float(t, "p_value"), exactTol)
		})
	}
}

func TestTInterval(t *testing.T) {
	cases := MustReadGolden(t, "ttest.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			ci, err := stats.TInterval(c.Floats(t, "x"), c.Float(t, "conf"))
			if !MustMatchError(t, c, err, tExpected) {
				return
			}
			worst.Check(t, "low", ci.Low, c.Float(t, "ci_low"), exactTol)
			worst.Check(t, "high", ci.High, c.Float(t, "ci_high"), exactTol)
		})
	}
}

// pairedExpected are the paired cases the package refuses: R refuses them
// too, except "no-change", where every R figure is NaN.
var pairedExpected = map[string]error{
	"constant-change": stats.ErrConstant,
	"no-change":       stats.ErrConstant,
	"n=1":             stats.ErrTooFew,
}

func TestPairedTTest(t *testing.T) {
	cases := MustReadGolden(t, "paired.csv")
	MustNameCases(t, cases, pairedExpected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			post, pre := c.Floats(t, "post"), c.Floats(t, "pre")
			r, err := stats.PairedTTest(post, pre, c.Float(t, "target"), c.Alternative(t, "alternative"))
			if !MustMatchError(t, c, err, pairedExpected) {
				return
			}
			worst.Check(t, "estimate", r.Estimate, c.Float(t, "estimate"), exactTol)
			worst.Check(t, "p", r.P, c.Float(t, "p_value"), exactTol)

			zero, err := stats.PairedTTest(post, pre, 0, stats.TwoSided)
			if err != nil {
				t.Fatal(err)
			}
			worst.Check(t, "p_zero", zero.P, c.Float(t, "p_zero"), exactTol)

			ci, err := stats.PairedTInterval(post, pre, c.Float(t, "conf"))
			if err != nil {
				t.Fatal(err)
			}
			worst.Check(t, "low", ci.Low, c.Float(t, "ci_low"), exactTol)
			worst.Check(t, "high", ci.High, c.Float(t, "ci_high"), exactTol)
		})
	}
}

func TestCohenDz(t *testing.T) {
	cases := MustReadGolden(t, "paired.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			d, err := stats.PairedDifferences(c.Floats(t, "post"), c.Floats(t, "pre"))
			if err != nil {
				t.Fatal(err)
			}
			effect, err := stats.CohenDz(d)
			if !MustMatchError(t, c, err, pairedExpected) {
				return
			}
			worst.Check(t, "d_z", effect, c.Float(t, "effect"), exactTol)
		})
	}
}

func TestPairedTTestRefusesUnequalLengths(t *testing.T) {
	if _, err := stats.PairedTTest([]float64{1, 2, 3}, []float64{1, 2}, 0, stats.TwoSided); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("error = %v, want ErrDomain", err)
	}
	if _, err := stats.TTest([]float64{1, nan(), 3}, 0, stats.TwoSided); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("NaN: error = %v, want ErrDomain", err)
	}
}
