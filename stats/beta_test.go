package stats_test

import (
	"errors"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestProbTargetMetProportion(t *testing.T) {
	cases := MustReadGolden(t, "beta.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			p, err := stats.ProbTargetMetProportion(c.Int(t, "k"), c.Int(t, "n"), c.Float(t, "target"), c.Alternative(t, "alternative"))
			if !MustMatchError(t, c, err, nil) {
				return
			}
			worst.Check(t, "prob", p, c.Float(t, "prob"), exactTol)
		})
	}
}

func TestProbTargetMetMean(t *testing.T) {
	cases := MustReadGolden(t, "ttest.csv")
	// R's formula divides by a standard error of zero for constant data
	// and answers 0, 1 or NaN; the package refuses, as its t test does.
	expected := map[string]error{
		"constant-nonzero": stats.ErrConstant,
		"constant-zero":    stats.ErrConstant,
		"n=1":              stats.ErrTooFew,
	}
	MustNameCases(t, cases, expected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		alt := c.Alternative(t, "alternative")
		if alt == stats.TwoSided {
			continue
		}
		t.Run(c["case"], func(t *testing.T) {
			p, err := stats.ProbTargetMetMean(c.Floats(t, "x"), c.Float(t, "mu"), alt)
			if !MustMatchError(t, c, err, expected) {
				return
			}
			worst.Check(t, "prob", p, c.Float(t, "prob"), exactTol)
		})
	}
}

func TestProbTargetMetNeedsADirection(t *testing.T) {
	if _, err := stats.ProbTargetMetProportion(3, 10, 0.5, stats.TwoSided); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("proportion: error = %v, want ErrDomain", err)
	}
	if _, err := stats.ProbTargetMetMean([]float64{1, 2, 3}, 2, stats.TwoSided); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("mean: error = %v, want ErrDomain", err)
	}
	if _, err := stats.ProbTargetMetProportion(3, 10, 1.2, stats.Greater); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("target 1.2: error = %v, want ErrDomain", err)
	}
}
