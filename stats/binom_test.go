package stats_test

import (
	"errors"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestClopperPearson(t *testing.T) {
	cases := MustReadGolden(t, "proportion.csv")
	expected := map[string]error{"k=0/n=0": stats.ErrTooFew}
	MustNameCases(t, cases, expected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			ci, err := stats.ClopperPearson(c.Int(t, "k"), c.Int(t, "n"), c.Float(t, "conf"))
			if !MustMatchError(t, c, err, expected) {
				return
			}
			worst.Check(t, "low", ci.Low, c.Float(t, "cp_low"), exactTol)
			worst.Check(t, "high", ci.High, c.Float(t, "cp_high"), exactTol)
		})
	}
}

func TestBinomialTest(t *testing.T) {
	cases := MustReadGolden(t, "binomtest.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			p, err := stats.BinomialTest(c.Int(t, "k"), c.Int(t, "n"), c.Float(t, "p0"), c.Alternative(t, "alternative"))
			if !MustMatchError(t, c, err, nil) {
				return
			}
			worst.Check(t, "p", p, c.Float(t, "p_value"), exactTol)
		})
	}
}

func TestBinomialTestRefusesImpossibleInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		k, n int
		p0   float64
		want error
	}{
		{"n=0", 0, 0, 0.5, stats.ErrTooFew},
		{"k>n", 3, 2, 0.5, stats.ErrDomain},
		{"p0>1", 1, 2, 1.5, stats.ErrDomain},
		{"p0-NaN", 1, 2, nan(), stats.ErrDomain},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := stats.BinomialTest(tc.k, tc.n, tc.p0, stats.Greater); !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
